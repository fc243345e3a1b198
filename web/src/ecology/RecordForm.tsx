import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { DICTIONARIES, type DictKey } from '../i18n/index.ts'
import { ecologyApi } from './client.ts'
import { LevelBadge } from './LevelBadge.tsx'
import {
  FIGURE_FIELDS,
  type FigureField,
  fmt,
  hintsFor,
  intensityOf,
  levelOf,
  parseFigures,
} from './labels.ts'
import type { EnergyRecord, LineInfo } from './types.ts'

interface Props {
  readonly lines: readonly LineInfo[]
  readonly enterpriseId: string
  /** Whose records these are, when the admin records for another enterprise. */
  readonly forOther: boolean
  readonly currentMonth: string | null
  /** `month|line` of the months already recorded (a new one there is refused: correct it). */
  readonly recorded: ReadonlySet<string>
  /** Correct this record instead of submitting a new month. */
  readonly correcting?: EnergyRecord
  readonly onSaved: (record: EnergyRecord) => void
}

const emptyText = (): Record<FigureField, string> => ({
  gridKwh: '',
  ownPvKwh: '',
  greenCertKwh: '',
  naturalGasNm3: '',
  otherFuelsKgce: '',
  otherDirectKgco2: '',
  outputT: '',
})

const textOf = (r: EnergyRecord): Record<FigureField, string> =>
  Object.fromEntries(FIGURE_FIELDS.map((k) => [k, String(r[k])])) as Record<FigureField, string>

/** A month of a line: the submit form, or the correction of a recorded month (with a reason). */
export function RecordForm({
  lines,
  enterpriseId,
  forOther,
  currentMonth,
  recorded,
  correcting,
  onSaved,
}: Props) {
  const { t, lang } = useI18n()
  const [month, setMonth] = useState(correcting?.month ?? currentMonth ?? '')
  const [line, setLine] = useState(correcting?.line ?? lines[0]?.line ?? '')
  const [text, setText] = useState(correcting ? textOf(correcting) : emptyText())
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const info = lines.find((l) => l.line === line)
  const figures = parseFigures(text)
  const intensity = intensityOf(figures)
  const hints = hintsFor(
    { month, figures, line: info },
    {
      currentMonth,
      recordedMonths: new Set(
        correcting ? [] : [...recorded].filter((k) => k.endsWith(`|${line}`)).map((k) => k.split('|')[0]!),
      ),
    },
  )
  const prefix = correcting ? 'fix' : 'new'

  const submit = async (e: Event) => {
    e.preventDefault()
    setProblem(null)
    setBusy(true)
    try {
      const { record } = correcting
        ? await ecologyApi.correct(enterpriseId, correcting.month, correcting.line, {
            ...figures,
            reason,
            baseRevision: correcting.revision,
          })
        : await ecologyApi.submit({ ...figures, month, line, ...(forOther ? { enterpriseId } : {}) })
      if (!correcting) setText(emptyText())
      setReason('')
      onSaved(record)
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const explain = problem ? `ecology.refusal.${problem.code}` : null
  return (
    <form class="eco-form" onSubmit={submit} data-testid={`${prefix}-record-form`}>
      <div class="filters-grid eco-form-grid">
        <label class="field">
          <span class="field-label">{t('ecology.field.month')}</span>
          <input
            value={month}
            placeholder="YYYY-MM"
            maxLength={7}
            disabled={!!correcting}
            onInput={(e) => setMonth(e.currentTarget.value)}
            data-testid={`${prefix}-month`}
          />
        </label>
        <label class="field field-span-2">
          <span class="field-label">{t('ecology.field.line')}</span>
          <select
            value={line}
            disabled={!!correcting}
            onChange={(e) => setLine(e.currentTarget.value)}
            data-testid={`${prefix}-line`}
          >
            {lines.map((l) => (
              <option key={l.line} value={l.line}>
                {lang === 'zh' ? l.nameZh : l.nameEn}
              </option>
            ))}
          </select>
        </label>
        {FIGURE_FIELDS.map((k) => (
          <label class="field" key={k}>
            <span class="field-label">{t(`ecology.field.${k}` as DictKey)}</span>
            <input
              value={text[k]}
              inputMode="decimal"
              placeholder="0"
              onInput={(e) => setText({ ...text, [k]: e.currentTarget.value })}
              data-testid={`${prefix}-${k}`}
            />
          </label>
        ))}
        {correcting && (
          <label class="field field-span-2">
            <span class="field-label">{t('ecology.field.reason')}</span>
            <input
              value={reason}
              maxLength={1000}
              onInput={(e) => setReason(e.currentTarget.value)}
              data-testid="fix-reason"
            />
          </label>
        )}
      </div>
      <div class="eco-preview" data-testid={`${prefix}-preview`}>
        <span>
          {t('ecology.preview.intensity')}: <strong>{fmt(intensity, 1)}</strong> kgce/t
        </span>
        {intensity !== null && info && <LevelBadge level={levelOf(info.limitsKgcePerT, intensity)} />}
        {info && (
          <span class="muted">
            {t('ecology.preview.limits', {
              l1: info.limitsKgcePerT[0],
              l2: info.limitsKgcePerT[1],
              l3: info.limitsKgcePerT[2],
            })}
          </span>
        )}
      </div>
      {hints.length > 0 && (
        <ul class="eco-hints" data-testid={`${prefix}-hints`}>
          {hints.map((h) => (
            <li key={h} data-hint={h}>
              {t(`ecology.hint.${h}` as DictKey, {
                current: currentMonth ?? '',
                ceiling: info ? info.implausibleAboveKgcePerT : '',
              })}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <div data-testid={`${prefix}-refusal`}>
          <ProblemBox problem={problem} />
          {explain && explain in DICTIONARIES[lang] && <p class="eco-explain">{t(explain as DictKey)}</p>}
        </div>
      )}
      <div class="field-actions">
        <button type="submit" class="button button-primary" disabled={busy} data-testid={`${prefix}-submit`}>
          {t(correcting ? 'ecology.fix.submit' : 'ecology.new.submit')}
        </button>
        <span class="hint">{t('ecology.new.serverDecides')}</span>
      </div>
    </form>
  )
}
