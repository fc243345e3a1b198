import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { PLACE_KIND_ORDER, placeName } from './labels.ts'
import type { Place } from './types.ts'

interface Props {
  label: string
  places: readonly Place[]
  value: string
  onChange: (id: string) => void
  testId: string
  /** Only these kinds (default: every kind). */
  kinds?: readonly string[]
}

/** A select of the reference places, grouped by kind, names in the UI language. */
export function PlacePicker({ label, places, value, onChange, testId, kinds }: Props) {
  const { t, lang } = useI18n()
  const groups = PLACE_KIND_ORDER.filter((k) => !kinds || kinds.includes(k))
    .map((kind) => ({ kind, items: places.filter((p) => p.kind === kind) }))
    .filter((g) => g.items.length > 0)
  return (
    <label class="field">
      <span class="field-label">{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId}>
        {groups.map((g) => (
          <optgroup key={g.kind} label={t(`distribution.kind.${g.kind}` as DictKey)}>
            {g.items.map((p) => (
              <option key={p.id} value={p.id}>
                {placeName(p, lang)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  )
}
