import { useI18n } from '../i18n/context.tsx'
import { RANGES, type RangeKey } from './labels.ts'

/** 3 months, 1 year or all of a history, as segmented buttons. */
export function RangeChoice({
  value,
  onChange,
  testId,
}: {
  value: RangeKey
  onChange: (r: RangeKey) => void
  testId: string
}) {
  const { t } = useI18n()
  return (
    <fieldset class="segmented" aria-label={t('pricing.range')}>
      {RANGES.map((r) => (
        <button
          key={r}
          type="button"
          class={r === value ? 'seg active' : 'seg'}
          aria-pressed={r === value}
          onClick={() => onChange(r)}
          data-testid={`${testId}-${r}`}
        >
          {t(`pricing.range.${r}`)}
        </button>
      ))}
    </fieldset>
  )
}
