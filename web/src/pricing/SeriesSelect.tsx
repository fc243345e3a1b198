import { useI18n } from '../i18n/context.tsx'
import { nameIn } from './labels.ts'
import type { PriceRow } from './types.ts'

/** A series picker, grouped as the board is: the base, then the spot fees, then the contract fees. */
export function SeriesSelect({
  rows,
  value,
  onChange,
  testId,
}: {
  rows: readonly PriceRow[]
  value: string
  onChange: (id: string) => void
  testId: string
}) {
  const { t, lang } = useI18n()
  const groups = [
    { key: 'base', label: t('pricing.group.base'), rows: rows.filter((r) => r.kind === 'base') },
    {
      key: 'spot',
      label: t('pricing.group.spot'),
      rows: rows.filter((r) => r.kind === 'fee' && r.track === 'spot'),
    },
    {
      key: 'contract',
      label: t('pricing.group.contract'),
      rows: rows.filter((r) => r.kind === 'fee' && r.track === 'contract'),
    },
  ]
  return (
    <label class="field field-grow">
      <span class="field-label">{t('pricing.col.series')}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId}>
        {groups.map((g) => (
          <optgroup key={g.key} label={g.label}>
            {g.rows.map((r) => (
              <option key={r.id} value={r.id}>
                {nameIn(r.name, lang)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}
