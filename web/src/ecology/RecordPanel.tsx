import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { ecologyApi } from './client.ts'
import { LevelBadge } from './LevelBadge.tsx'
import { fmt, fmtShanghai, lineName } from './labels.ts'
import { RecordForm } from './RecordForm.tsx'
import type { EnergyRecord, LineInfo } from './types.ts'

interface Props {
  readonly record: EnergyRecord
  readonly lines: readonly LineInfo[]
  readonly canWrite: boolean
  readonly currentMonth: string
  readonly onSaved: (record: EnergyRecord) => void
  readonly onClose: () => void
}

/** One month of one line: every revision (who, when, why) and, for its writers, the correction form. */
export function RecordPanel({ record, lines, canWrite, currentMonth, onSaved, onClose }: Props) {
  const { t, lang } = useI18n()
  const history = useAsync(
    () => ecologyApi.history(record.enterpriseId, record.month, record.line),
    [record.enterpriseId, record.month, record.line, record.revision],
  )
  return (
    <section class="card" aria-labelledby="eco-record-title" data-testid="record-panel">
      <div class="card-head card-head-row">
        <div>
          <h2 id="eco-record-title">
            {record.month} · {lineName(lines, record.line, lang)}
          </h2>
          <p class="card-sub">
            {t('ecology.record.limits', {
              l1: record.limitsKgcePerT[0],
              l2: record.limitsKgcePerT[1],
              l3: record.limitsKgcePerT[2],
            })}
          </p>
        </div>
        <button type="button" class="button button-small" onClick={onClose}>
          {t('ecology.record.close')}
        </button>
      </div>
      <h3 class="dash-subhead">{t('ecology.record.history')}</h3>
      {history.error && <ProblemBox problem={history.error} onRetry={history.reload} />}
      {!history.data && !history.error && <Loading />}
      {history.data && (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="record-history">
            <thead>
              <tr>
                <th>{t('ecology.col.revision')}</th>
                <th>{t('ecology.record.when')}</th>
                <th>{t('ecology.record.who')}</th>
                <th>{t('ecology.record.why')}</th>
                <th class="num">{t('ecology.col.outputT')}</th>
                <th class="num">{t('ecology.field.gridKwh')}</th>
                <th class="num">{t('ecology.col.gasNm3')}</th>
                <th class="num">{t('ecology.col.intensity')}</th>
                <th>{t('ecology.col.level')}</th>
              </tr>
            </thead>
            <tbody>
              {[...history.data.items].reverse().map((r) => (
                <tr key={r.revision} data-testid="history-row" data-revision={r.revision}>
                  <td>
                    {r.revision}
                    {r.current && (
                      <span class="badge badge-green eco-current">{t('ecology.record.current')}</span>
                    )}
                  </td>
                  <td>{fmtShanghai(r.submittedAt)}</td>
                  <td>{r.submittedBy ?? t('ecology.record.demo')}</td>
                  <td>{r.reason ?? t('ecology.record.first')}</td>
                  <td class="num">{fmt(r.outputT, 1)}</td>
                  <td class="num">{fmt(r.gridKwh)}</td>
                  <td class="num">{fmt(r.naturalGasNm3)}</td>
                  <td class="num">{fmt(r.intensityKgcePerT, 1)}</td>
                  <td>
                    <LevelBadge level={r.level} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && (
        <>
          <h3 class="dash-subhead">{t('ecology.fix.title')}</h3>
          <p class="hint">{t('ecology.fix.sub')}</p>
          <RecordForm
            lines={lines}
            enterpriseId={record.enterpriseId}
            forOther={false}
            currentMonth={currentMonth}
            recorded={new Set()}
            correcting={record}
            onSaved={onSaved}
          />
        </>
      )}
    </section>
  )
}
