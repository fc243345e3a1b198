import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import type { SessionUser } from '../trading/types.ts'
import { ecologyApi } from './client.ts'
import { ownEnterprise, seesAll } from './LedgerView.tsx'
import { fmt, fmtShanghai, MONTH_PATTERN } from './labels.ts'

/** #/ecology/carbon: the enterprise's carbon inventory by month and the grid factors the operator sets. */
export function CarbonView({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  if (user === undefined) return <Loading />
  return (
    <div class="eco-carbon" data-testid="ecology-carbon">
      {user ? (
        <Inventory key={user.id} user={user} route={route} />
      ) : (
        <p class="note">
          {t('ecology.carbon.login')}{' '}
          <a href={href('/login', { next: '/ecology/carbon' })}>{t('auth.login')}</a>
        </p>
      )}
      <GridFactors admin={!!user?.roles.includes('admin')} />
    </div>
  )
}

function Inventory({ user, route }: { user: SessionUser; route: Route }) {
  const { t } = useI18n()
  const enterpriseId = (seesAll(user) && route.query.get('enterprise')) || ownEnterprise(user)
  const answer = useAsync(() => ecologyApi.inventory({ enterpriseId }), [enterpriseId])
  if (answer.error) return <ProblemBox problem={answer.error} onRetry={answer.reload} />
  if (!answer.data) return <Loading />
  const a = answer.data
  return (
    <section class="card" aria-labelledby="eco-inv-title">
      <div class="card-head">
        <h2 id="eco-inv-title">{t('ecology.carbon.title')}</h2>
        <p class="card-sub">
          {t('ecology.carbon.window', { from: a.from, to: a.to })}
          {a.synthetic && <span class="badge badge-grey eco-synthetic">{t('ecology.synthetic')}</span>}
        </p>
      </div>
      <p class="hint">{t('ecology.carbon.method')}</p>
      <div class="figures">
        <div class="figure">
          <span class="figure-label">{t('ecology.carbon.total')}</span>
          <span class="figure-value" data-testid="carbon-total">
            {fmt(a.total.totalTco2, 1)}
          </span>
          <span class="figure-unit">tCO₂</span>
        </div>
        <div class="figure">
          <span class="figure-label">{t('ecology.carbon.perT')}</span>
          <span class="figure-value">{fmt(a.total.tco2PerT, 3)}</span>
          <span class="figure-unit">tCO₂/t</span>
        </div>
        <div class="figure">
          <span class="figure-label">{t('ecology.carbon.directPerT')}</span>
          <span class="figure-value">{fmt(a.total.directTco2PerT, 3)}</span>
          <span class="figure-unit">tCO₂/t</span>
        </div>
      </div>
      {a.months.length === 0 && <p class="empty">{t('ecology.ledger.empty')}</p>}
      {a.months.length > 0 && (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="carbon-months">
            <thead>
              <tr>
                <th>{t('ecology.col.month')}</th>
                <th class="num">{t('ecology.col.outputT')}</th>
                <th class="num">{t('ecology.col.energyTce')}</th>
                <th class="num">{t('ecology.carbon.direct')}</th>
                <th class="num">{t('ecology.carbon.indirect')}</th>
                <th class="num">{t('ecology.carbon.factor')}</th>
                <th class="num">{t('ecology.col.tco2PerT')}</th>
              </tr>
            </thead>
            <tbody>
              {[...a.months].reverse().map((m) => (
                <tr key={m.month}>
                  <td class="mono">{m.month}</td>
                  <td class="num">{fmt(m.outputT, 1)}</td>
                  <td class="num">{fmt(m.energyTce, 1)}</td>
                  <td class="num">{fmt(m.directTco2, 1)}</td>
                  <td class="num">{fmt(m.indirectTco2, 1)}</td>
                  <td class="num">{m.gridKgco2PerKwh}</td>
                  <td class="num">{fmt(m.tco2PerT, 3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

function GridFactors({ admin }: { admin: boolean }) {
  const { t } = useI18n()
  const answer = useAsync(() => ecologyApi.gridFactors(), [])
  const [from, setFrom] = useState('')
  const [value, setValue] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const save = async (e: Event) => {
    e.preventDefault()
    setProblem(null)
    try {
      await ecologyApi.setGridFactor({
        effectiveFrom: from.trim(),
        kgco2PerKwh: Number(value),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      setFrom('')
      setValue('')
      setNote('')
      answer.reload()
    } catch (err) {
      setProblem(toProblem(err))
    }
  }
  return (
    <section class="card" aria-labelledby="eco-grid-title">
      <div class="card-head">
        <h2 id="eco-grid-title">{t('ecology.grid.title')}</h2>
        {answer.data && (
          <p class="card-sub">{t('ecology.grid.current', { value: answer.data.currentKgco2PerKwh })}</p>
        )}
      </div>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {answer.data && (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="grid-factors">
            <thead>
              <tr>
                <th>{t('ecology.grid.from')}</th>
                <th class="num">kgCO₂/kWh</th>
                <th>{t('ecology.grid.note')}</th>
                <th>{t('ecology.record.when')}</th>
              </tr>
            </thead>
            <tbody>
              {answer.data.items.map((f) => (
                <tr key={f.id}>
                  <td class="mono">{f.effectiveFrom}</td>
                  <td class="num">{f.kgco2PerKwh}</td>
                  <td>{f.note ?? ''}</td>
                  <td>{fmtShanghai(f.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && (
        <form class="filters eco-grid-form" onSubmit={save} data-testid="grid-form">
          <label class="field">
            <span class="field-label">{t('ecology.grid.from')}</span>
            <input
              value={from}
              placeholder="YYYY-MM"
              maxLength={7}
              onInput={(e) => setFrom(e.currentTarget.value)}
            />
          </label>
          <label class="field">
            <span class="field-label">kgCO₂/kWh</span>
            <input value={value} inputMode="decimal" onInput={(e) => setValue(e.currentTarget.value)} />
          </label>
          <label class="field field-grow">
            <span class="field-label">{t('ecology.grid.note')}</span>
            <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
          </label>
          <div class="field-actions">
            <button
              type="submit"
              class="button button-primary"
              disabled={!MONTH_PATTERN.test(from.trim()) || !(Number(value) > 0)}
            >
              {t('ecology.grid.save')}
            </button>
          </div>
          {problem && <ProblemBox problem={problem} />}
        </form>
      )}
    </section>
  )
}
