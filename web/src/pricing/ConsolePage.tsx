import { useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import { AssessmentsCard } from './AssessmentsCard.tsx'
import { CorrectionForm } from './CorrectionForm.tsx'
import { pricingApi } from './client.ts'
import { DealsCard } from './DealsCard.tsx'
import { isAnalyst } from './labels.ts'
import { ProposeForm } from './ProposeForm.tsx'
import { ReferencesCard } from './ReferencesCard.tsx'
import { SeriesSelect } from './SeriesSelect.tsx'
import { SyntheticNote } from './SyntheticNote.tsx'

/** #/pricing/console: the analysts' desk. The chosen series is in the address (`?series=`). */
export function ConsolePage({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  if (user === undefined) return <Loading />
  return (
    <div class="page pricing-console">
      <header class="page-head">
        <h1>{t('pricing.console.title')}</h1>
        <p class="page-sub">{t('pricing.console.sub')}</p>
      </header>
      {user === null && (
        <p class="note" data-testid="console-login">
          {t('pricing.console.login')}{' '}
          <a href={href('/login', { next: '/pricing/console' })}>{t('auth.login')}</a>
        </p>
      )}
      {user && !isAnalyst(user) && (
        <p class="note" data-testid="console-forbidden">
          {t('pricing.console.forbidden')}
        </p>
      )}
      {user && isAnalyst(user) && <Desk key={user.id} route={route} />}
    </div>
  )
}

function Desk({ route }: { route: Route }) {
  const { t } = useI18n()
  const prices = useAsync(() => pricingApi.prices(), [])
  // Bumped after every proposal, decision or correction, so the lists below ask again.
  const [version, setVersion] = useState(0)
  const changed = () => setVersion((n) => n + 1)
  const rows = prices.data?.series ?? []
  if (prices.error) return <ProblemBox problem={prices.error} onRetry={prices.reload} />
  if (!prices.data) return <Loading />
  if (rows.length === 0) return <p class="empty">{t('pricing.noSeries')}</p>
  const row = rows.find((r) => r.id === route.query.get('series')) ?? rows[0]!
  return (
    <>
      <SyntheticNote synthetic={prices.data.synthetic} />
      <section class="card" data-testid="console-series">
        <div class="filters">
          <SeriesSelect
            rows={rows}
            value={row.id}
            onChange={(id) => navigate('/pricing/console', { series: id })}
            testId="console-series-select"
          />
          <p class="hint">
            {t('pricing.console.latest', {
              date: row.date ?? '—',
              revision: row.revision,
            })}
          </p>
        </div>
      </section>
      <DealsCard key={`deals-${row.id}`} row={row} />
      <div class="grid-2">
        <ProposeForm key={`propose-${row.id}`} row={row} onProposed={changed} />
        <CorrectionForm key={`correct-${row.id}`} row={row} onProposed={changed} />
      </div>
      <AssessmentsCard rows={rows} row={row} version={version} onDecided={changed} />
      <ReferencesCard />
    </>
  )
}
