import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../../api.ts'
import { ProblemBox } from '../../components/ProblemBox.tsx'
import { useI18n } from '../../i18n/context.tsx'
import { cbamApi } from './client.ts'
import { formatEur, formatEurRounded, formatQty, formatSee, formatShare, numberOf } from './labels.ts'
import type { FootprintInput, FootprintRecord, Schedule } from './types.ts'

interface PrecursorRow {
  key: number
  cnCode: string
  tonnes: string
  see: string
  origin: string
}

/** The sheet example of the method's tests: 100 t of 7606 from 90 t of declared and 10 t of undeclared ingot. */
const EXAMPLE = {
  cnCode: '7606',
  outputT: '100',
  origin: 'CN',
  year: '2026',
  gas: '1000',
  otherDirect: '0.5',
  electricity: '50000',
  scrapT: '15',
}

/** The method v1 calculator: a good, its installation's data and precursors in; its record and the saving out. */
export function CalculatorCard({ schedule }: { schedule: Schedule }) {
  const { t, lang } = useI18n()
  const [form, setForm] = useState({
    ...EXAMPLE,
    grid: String(schedule.defaultGridKgco2PerKwh),
    eur: String(schedule.defaultEurPerTco2),
  })
  const [rows, setRows] = useState<PrecursorRow[]>([
    { key: 1, cnCode: '7601', tonnes: '90', see: '1.8', origin: '' },
    { key: 2, cnCode: '7601', tonnes: '10', see: '', origin: '' },
  ])
  const [answer, setAnswer] = useState<{ input: FootprintInput; record: FootprintRecord } | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [field]: (e.currentTarget as HTMLInputElement).value })
  const setRow = (key: number, field: keyof Omit<PrecursorRow, 'key'>, value: string) =>
    setRows(rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)))

  const submit = async (e: Event) => {
    e.preventDefault()
    const input: FootprintInput = {
      good: { cnCode: form.cnCode.trim(), outputT: numberOf(form.outputT), origin: form.origin.trim() },
      year: numberOf(form.year),
      installation: {
        naturalGasNm3: numberOf(form.gas),
        otherDirectTco2e: numberOf(form.otherDirect),
        electricityKwh: numberOf(form.electricity),
        gridKgco2PerKwh: numberOf(form.grid),
      },
      precursors: rows.map((r) => ({
        cnCode: r.cnCode.trim(),
        tonnes: numberOf(r.tonnes),
        seeTco2ePerT: numberOf(r.see),
        ...(r.origin.trim() ? { origin: r.origin.trim() } : {}),
      })),
      scrapT: numberOf(form.scrapT),
      eurPerTco2: numberOf(form.eur),
    }
    setBusy(true)
    setProblem(null)
    try {
      const result = await cbamApi.footprint(input)
      if (result.ok) setAnswer({ input, record: result.record })
      else {
        setAnswer(null)
        setProblem(result.problem)
      }
    } catch (err) {
      setAnswer(null)
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const field = (label: string, key: keyof typeof form, unit?: string) => (
    <label class="field">
      <span class="field-label">
        {label}
        {unit && <span class="muted"> ({unit})</span>}
      </span>
      <input
        value={form[key]}
        onInput={set(key)}
        inputMode={key === 'cnCode' || key === 'origin' ? 'text' : 'decimal'}
        list={key === 'cnCode' ? 'cbam-headings' : undefined}
        data-testid={`calc-${key}`}
      />
    </label>
  )

  return (
    <section class="card" aria-labelledby="cbam-calc-title" data-testid="cbam-calculator">
      <div class="card-head">
        <h2 id="cbam-calc-title">{t('cbam.calc.title')}</h2>
        <p class="card-sub">{t('cbam.calc.sub')}</p>
      </div>
      <datalist id="cbam-headings">
        {schedule.headings.map((h) => (
          <option key={h.heading} value={h.heading}>
            {lang === 'zh' ? h.nameZh : h.nameEn}
          </option>
        ))}
      </datalist>
      <form onSubmit={submit} data-testid="calc-form">
        <h3 class="cbam-subtitle">{t('cbam.calc.good')}</h3>
        <div class="dist-form cbam-form-3">
          {field(t('cbam.field.cnCode'), 'cnCode')}
          {field(t('cbam.field.outputT'), 'outputT', 't')}
          {field(t('cbam.field.origin'), 'origin')}
          {field(t('cbam.field.year'), 'year')}
          {field(t('cbam.field.eurPerTco2'), 'eur', '€/tCO2')}
          {field(t('cbam.field.scrapT'), 'scrapT', 't')}
        </div>
        <h3 class="cbam-subtitle">{t('cbam.calc.installation')}</h3>
        <div class="dist-form cbam-form-4">
          {field(t('cbam.field.gas'), 'gas', 'Nm³')}
          {field(t('cbam.field.otherDirect'), 'otherDirect', 'tCO2e')}
          {field(t('cbam.field.electricity'), 'electricity', 'kWh')}
          {field(t('cbam.field.grid'), 'grid', 'kgCO2/kWh')}
        </div>
        <h3 class="cbam-subtitle">{t('cbam.calc.precursors')}</h3>
        <p class="muted cbam-hint">{t('cbam.calc.precursorsHint')}</p>
        <div class="table-wrap">
          <table class="table table-compact" data-testid="calc-precursors">
            <thead>
              <tr>
                <th>{t('cbam.field.cnCode')}</th>
                <th>{t('cbam.field.tonnes')}</th>
                <th>{t('cbam.field.declaredSee')}</th>
                <th>{t('cbam.field.origin')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="calc-precursor">
                  {(['cnCode', 'tonnes', 'see', 'origin'] as const).map((f) => (
                    <td key={f}>
                      <input
                        class="cbam-cell-input"
                        value={r[f]}
                        placeholder={
                          f === 'see' ? t('cbam.calc.onDefault') : f === 'origin' ? form.origin : ''
                        }
                        onInput={(e) => setRow(r.key, f, e.currentTarget.value)}
                        aria-label={t(
                          f === 'see'
                            ? 'cbam.field.declaredSee'
                            : f === 'cnCode'
                              ? 'cbam.field.cnCode'
                              : f === 'tonnes'
                                ? 'cbam.field.tonnes'
                                : 'cbam.field.origin',
                        )}
                        data-testid={`calc-precursor-${f}`}
                      />
                    </td>
                  ))}
                  <td>
                    <button
                      type="button"
                      class="link-button"
                      onClick={() => setRows(rows.filter((x) => x.key !== r.key))}
                      data-testid="calc-precursor-remove"
                    >
                      {t('cbam.calc.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="field-actions cbam-actions">
          <button
            type="button"
            class="button button-small"
            onClick={() =>
              setRows([
                ...rows,
                {
                  key: Math.max(0, ...rows.map((r) => r.key)) + 1,
                  cnCode: '7601',
                  tonnes: '',
                  see: '',
                  origin: '',
                },
              ])
            }
            data-testid="calc-precursor-add"
          >
            {t('cbam.calc.addPrecursor')}
          </button>
          <button type="submit" class="button button-primary" disabled={busy} data-testid="calc-submit">
            {t('cbam.calc.go')}
          </button>
        </div>
      </form>
      {problem && <ProblemBox problem={problem} testId="calc-problem" />}
      {answer && <FootprintResult input={answer.input} record={answer.record} schedule={schedule} />}
    </section>
  )
}

/** The record beside its default, and in words how each number came about. */
function FootprintResult({
  input,
  record: r,
  schedule,
}: {
  input: FootprintInput
  record: FootprintRecord
  schedule: Schedule
}) {
  const { t, lang } = useI18n()
  const heading = schedule.headings.find((h) => input.good.cnCode.replace(/[\s.]/g, '').startsWith(h.heading))
  const year = input.year ?? 0
  const known = schedule.years.find((y) => y.year === year)
  const last = schedule.years[schedule.years.length - 1]!
  const markUp = known?.markUp ?? (year < schedule.years[0]!.year ? 0 : last.markUp)
  const factor = known?.cbamFactor ?? (year < schedule.years[0]!.year ? 1 : last.cbamFactor)
  const benchmark = schedule.primaryBenchmarkTco2ePerT + (heading?.benchmarkIncrementTco2ePerT ?? 0)
  const outputT = input.good.outputT ?? 0
  const share =
    r.defaultCostEurPerT > 0 ? (r.defaultCostEurPerT - r.costEurPerT) / r.defaultCostEurPerT : null
  const row = (label: string, actual: string, byDefault: string, testId: string) => (
    <tr>
      <th scope="row">{label}</th>
      <td class="num" data-testid={`cbam-${testId}`}>
        {actual}
      </td>
      <td class="num" data-testid={`cbam-default-${testId}`}>
        {byDefault}
      </td>
    </tr>
  )
  return (
    <div class="dist-result" data-testid="calc-result">
      <p class="cbam-headline">
        {t('cbam.result.headline', {
          actual: formatEur(r.costEurPerT, lang),
          byDefault: formatEur(r.defaultCostEurPerT, lang),
        })}{' '}
        <span class="badge badge-blue" data-testid="cbam-default-cost-rounded">
          ≈ {formatEurRounded(r.defaultCostEurPerT, lang)}/t
        </span>
      </p>
      <div class="table-wrap">
        <table class="table table-compact cbam-compare">
          <thead>
            <tr>
              <th />
              <th class="num">{t('cbam.result.actual')}</th>
              <th class="num">{t('cbam.result.default')}</th>
            </tr>
          </thead>
          <tbody>
            {row(
              t('cbam.result.see'),
              formatSee(r.seeTco2ePerT, lang),
              formatSee(r.defaultSeeTco2ePerT, lang),
              'see',
            )}
            {row(
              t('cbam.result.payable'),
              formatSee(r.payableTco2ePerT, lang),
              formatSee(r.defaultPayableTco2ePerT, lang),
              'payable',
            )}
            {row(
              t('cbam.result.cost'),
              formatEur(r.costEurPerT, lang),
              formatEur(r.defaultCostEurPerT, lang),
              'cost',
            )}
          </tbody>
        </table>
      </div>
      <p class="cbam-saving" data-testid="cbam-saving">
        {t(r.savingEur >= 0 ? 'cbam.result.saving' : 'cbam.result.loss', {
          eur: formatEur(Math.abs(r.savingEur), lang),
          tonnes: formatQty(outputT, lang),
          share: formatShare(share === null ? null : Math.abs(share), lang),
        })}
      </p>
      <h3 class="cbam-subtitle">{t('cbam.explain.title')}</h3>
      <ol class="cbam-explain" data-testid="calc-explain">
        <li>
          {t('cbam.explain.direct', {
            gas: formatQty(input.installation.naturalGasNm3 ?? 0, lang),
            factor: schedule.gasKgco2PerNm3,
            other: formatQty(input.installation.otherDirectTco2e ?? 0, lang),
            direct: formatQty(r.directTco2e, lang),
          })}
        </li>
        <li>
          {t('cbam.explain.precursors', {
            total: formatQty(r.precursorTco2e, lang),
            n: r.precursorsOnDefaults,
            markUp: formatShare(markUp, lang),
          })}
        </li>
        <li>
          {t('cbam.explain.see', {
            direct: formatQty(r.directTco2e, lang),
            precursors: formatQty(r.precursorTco2e, lang),
            output: formatQty(outputT, lang),
            see: formatSee(r.seeTco2ePerT, lang),
            indirect: formatSee(r.indirectTco2ePerT, lang),
          })}
        </li>
        <li>
          {t('cbam.explain.default', {
            see: formatSee(r.defaultSeeTco2ePerT, lang),
            column: t(
              input.good.origin.trim().toUpperCase() === 'CN' ? 'cbam.explain.china' : 'cbam.explain.other',
            ),
            markUp: formatShare(markUp, lang),
          })}
        </li>
        <li>
          {t('cbam.explain.free', {
            benchmark: formatSee(benchmark, lang),
            factor: String(factor),
            free: formatSee(benchmark * factor, lang),
          })}
        </li>
        <li>
          {t('cbam.explain.cost', {
            price: formatEur(input.eurPerTco2 ?? 0, lang),
            payable: formatSee(r.payableTco2ePerT, lang),
            defaultPayable: formatSee(r.defaultPayableTco2ePerT, lang),
          })}
        </li>
      </ol>
    </div>
  )
}
