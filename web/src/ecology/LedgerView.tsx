import { useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import type { SessionUser } from '../trading/types.ts'
import { ecologyApi } from './client.ts'
import { LevelBadge } from './LevelBadge.tsx'
import { fmt, fmtShare, lineName } from './labels.ts'
import { RecordForm } from './RecordForm.tsx'
import { RecordPanel } from './RecordPanel.tsx'
import type { EnergyRecord, LineInfo } from './types.ts'

const PATH = '/ecology/energy'

export const ownEnterprise = (user: SessionUser) => user.enterprise?.id ?? user.enterpriseId ?? ''
export const seesAll = (user: SessionUser) => user.roles.includes('admin') || user.roles.includes('analyst')

/** #/ecology/energy: the enterprise's monthly records by line, the submit form, corrections and history. */
export function LedgerView({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  if (user === undefined) return <Loading />
  if (user === null)
    return (
      <p class="note" data-testid="ecology-login">
        {t('ecology.login')} <a href={href('/login', { next: PATH })}>{t('auth.login')}</a>
      </p>
    )
  return <Ledger key={user.id} user={user} route={route} />
}

function Ledger({ user, route }: { user: SessionUser; route: Route }) {
  const { t, lang } = useI18n()
  const own = ownEnterprise(user)
  const enterpriseId = (seesAll(user) && route.query.get('enterprise')) || own
  const to = route.query.get('to') ?? undefined
  const selected = { month: route.query.get('month'), line: route.query.get('line') }
  const canWrite = user.roles.includes('admin') || (user.roles.includes('energy') && enterpriseId === own)
  const [saved, setSaved] = useState<EnergyRecord | null>(null)
  const lines = useAsync(() => ecologyApi.lines(), [])
  const records = useAsync(() => ecologyApi.records({ enterpriseId, to }), [enterpriseId, to])
  const reporting = useAsync(
    () => (seesAll(user) ? ecologyApi.enterprises() : Promise.resolve(null)),
    [user.id],
  )
  const go = (query: Record<string, string | null | undefined>) =>
    navigate(PATH, {
      enterprise: enterpriseId === own ? null : enterpriseId,
      to,
      month: selected.month,
      line: selected.line,
      ...query,
    })

  if (lines.error) return <ProblemBox problem={lines.error} onRetry={lines.reload} />
  if (records.error) return <ProblemBox problem={records.error} onRetry={records.reload} />
  if (!lines.data || !records.data) return <Loading />
  const lineInfo = lines.data.items
  const answer = records.data
  const recorded = new Set(answer.items.map((r) => `${r.month}|${r.line}`))
  const current = answer.items.find((r) => r.month === selected.month && r.line === selected.line)

  const onSaved = (record: EnergyRecord) => {
    setSaved(record)
    // Show the saved month: move the window to it when it lies outside.
    const window = record.month < answer.from || record.month > answer.to ? record.month : to
    if (window === to && record.month === selected.month && record.line === selected.line) records.reload()
    else go({ to: window, month: record.month, line: record.line })
  }

  return (
    <div class="eco-ledger" data-testid="ecology-ledger">
      <section class="card">
        <div class="card-head card-head-row">
          <div>
            <h2>{t('ecology.ledger.title')}</h2>
            <p class="card-sub">
              {t('ecology.ledger.window', { from: answer.from, to: answer.to })}
              {answer.synthetic && (
                <span class="badge badge-grey eco-synthetic">{t('ecology.synthetic')}</span>
              )}
            </p>
          </div>
          {seesAll(user) && reporting.data && (
            <label class="field">
              <span class="field-label">{t('ecology.ledger.enterprise')}</span>
              <select
                value={enterpriseId}
                onChange={(e) =>
                  go({
                    enterprise: e.currentTarget.value === own ? null : e.currentTarget.value,
                    month: null,
                    line: null,
                  })
                }
                data-testid="ledger-enterprise"
              >
                {!reporting.data.items.some((r) => r.enterpriseId === own) && (
                  <option value={own}>{own}</option>
                )}
                {reporting.data.items.map((r) => (
                  <option key={r.enterpriseId} value={r.enterpriseId}>
                    {lang === 'zh' ? r.nameZh : r.nameEn}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        {saved && (
          <p class="note eco-saved" data-testid="ledger-saved">
            {t('ecology.ledger.saved', {
              month: saved.month,
              line: lineName(lineInfo, saved.line, lang),
              revision: saved.revision,
            })}{' '}
            <strong>{fmt(saved.intensityKgcePerT, 1)} kgce/t</strong> <LevelBadge level={saved.level} />
          </p>
        )}
        <RecordsTable items={answer.items} lines={lineInfo} selected={selected} go={go} />
      </section>
      {current && (
        <RecordPanel
          key={`${current.month}|${current.line}|${current.revision}`}
          record={current}
          lines={lineInfo}
          canWrite={canWrite}
          currentMonth={answer.currentMonth}
          onSaved={onSaved}
          onClose={() => go({ month: null, line: null })}
        />
      )}
      {canWrite && (
        <section class="card" aria-labelledby="eco-new-title">
          <div class="card-head">
            <h2 id="eco-new-title">{t('ecology.new.title')}</h2>
            <p class="card-sub">{t('ecology.new.sub', { current: answer.currentMonth })}</p>
          </div>
          <RecordForm
            lines={lineInfo}
            enterpriseId={enterpriseId}
            forOther={enterpriseId !== own}
            currentMonth={answer.currentMonth}
            recorded={recorded}
            onSaved={onSaved}
          />
        </section>
      )}
      {!canWrite && <p class="hint">{t('ecology.ledger.readOnly')}</p>}
    </div>
  )
}

function RecordsTable({
  items,
  lines,
  selected,
  go,
}: {
  items: readonly EnergyRecord[]
  lines: readonly LineInfo[]
  selected: { month: string | null; line: string | null }
  go: (query: Record<string, string | null>) => void
}) {
  const { t, lang } = useI18n()
  if (items.length === 0)
    return (
      <p class="empty" data-testid="ledger-empty">
        {t('ecology.ledger.empty')}
      </p>
    )
  const rows = [...items].sort((a, b) =>
    a.month === b.month ? a.line.localeCompare(b.line) : b.month.localeCompare(a.month),
  )
  return (
    <div class="table-wrap">
      <table class="table table-compact" data-testid="ledger-table">
        <thead>
          <tr>
            <th>{t('ecology.col.month')}</th>
            <th>{t('ecology.col.line')}</th>
            <th class="num">{t('ecology.col.outputT')}</th>
            <th class="num">{t('ecology.col.electricityKwh')}</th>
            <th class="num">{t('ecology.col.clean')}</th>
            <th class="num">{t('ecology.col.gasNm3')}</th>
            <th class="num">{t('ecology.col.intensity')}</th>
            <th>{t('ecology.col.level')}</th>
            <th class="num">{t('ecology.col.tco2PerT')}</th>
            <th>{t('ecology.col.revision')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const open = r.month === selected.month && r.line === selected.line
            return (
              <tr
                key={`${r.month}|${r.line}`}
                class={open ? 'eco-row-open' : undefined}
                data-testid="ledger-row"
                data-month={r.month}
                data-line={r.line}
              >
                <td class="mono">{r.month}</td>
                <td>{lineName(lines, r.line, lang)}</td>
                <td class="num">{fmt(r.outputT, 1)}</td>
                <td class="num">{fmt(r.electricityKwh)}</td>
                <td class="num">{fmtShare(r.cleanEnergyShare, 0)}</td>
                <td class="num">{fmt(r.naturalGasNm3)}</td>
                <td class="num" data-testid="row-intensity">
                  {fmt(r.intensityKgcePerT, 1)}
                </td>
                <td>
                  <LevelBadge level={r.level} />
                </td>
                <td class="num">{fmt(r.tco2PerT, 3)}</td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => go(open ? { month: null, line: null } : { month: r.month, line: r.line })}
                    data-testid="row-open"
                  >
                    {r.revision > 1
                      ? t('ecology.col.corrected', { n: r.revision })
                      : t('ecology.col.details')}
                  </button>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
