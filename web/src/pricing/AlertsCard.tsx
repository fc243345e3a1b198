import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { useSession } from '../session.tsx'
import { AlertForm } from './AlertForm.tsx'
import { AlertList } from './AlertList.tsx'
import { pricingApi } from './client.ts'
import type { PriceRow } from './types.ts'

/** Price alerts of the logged-in user: set one, see them and what they caught. */
export function AlertsCard({ rows, series }: { rows: readonly PriceRow[]; series: string }) {
  const { t } = useI18n()
  const { user } = useSession()
  return (
    <section class="card" aria-labelledby="alerts-title" data-testid="alerts">
      <div class="card-head">
        <h2 id="alerts-title">{t('pricing.alerts.title')}</h2>
        <p class="card-sub">{t('pricing.alerts.sub')}</p>
      </div>
      {user === undefined && <Loading />}
      {user === null && (
        <p class="note" data-testid="alerts-login">
          {t('pricing.alerts.login')} <a href={href('/login', { next: '/prices' })}>{t('auth.login')}</a>
        </p>
      )}
      {user && <MyAlerts key={user.id} rows={rows} series={series} />}
    </section>
  )
}

function MyAlerts({ rows, series }: { rows: readonly PriceRow[]; series: string }) {
  const answer = useAsync(() => pricingApi.alerts(), [])
  const [problem, setProblem] = useState<Problem | null>(null)
  const remove = async (id: string) => {
    setProblem(null)
    try {
      await pricingApi.deleteAlert(id)
      answer.reload()
    } catch (err) {
      setProblem(toProblem(err))
    }
  }
  return (
    <>
      <AlertForm rows={rows} initialSeries={series} onSaved={answer.reload} />
      {problem && <ProblemBox problem={problem} />}
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {answer.data && (
        <AlertList rows={rows} alerts={answer.data.alerts} events={answer.data.events} onDelete={remove} />
      )}
    </>
  )
}
