import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href, type Route } from '../router.ts'
import { CalculatorView } from './CalculatorView.tsx'
import { IntakeView } from './IntakeView.tsx'
import { MapView } from './MapView.tsx'
import { RoutesView } from './RoutesView.tsx'

type Tab = 'calculator' | 'map' | 'intake' | 'routes'

const TABS: readonly { id: Tab; path: string; label: DictKey }[] = [
  { id: 'calculator', path: '/distribution', label: 'distribution.tab.calculator' },
  { id: 'map', path: '/distribution/map', label: 'distribution.tab.map' },
  { id: 'intake', path: '/distribution/intake', label: 'distribution.tab.intake' },
  { id: 'routes', path: '/distribution/routes', label: 'distribution.tab.routes' },
]

/**
 * #/distribution (the freight and delivered-price calculator), #/distribution/map (where Gongyi's
 * delivered price wins), #/distribution/intake (the month's intake plan, for members) and
 * #/distribution/routes (the day's truck routes for the planned shipments, for members).
 */
export function DistributionPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const tab = TABS.find((x) => x.path === route.path)?.id ?? 'calculator'
  return (
    <div class="page distribution-page" data-testid="distribution-page">
      <header class="page-head detail-head">
        <div>
          <h1>{t('distribution.title')}</h1>
          <p class="page-sub">{t('distribution.subtitle')}</p>
        </div>
      </header>
      <nav class="dist-tabs" aria-label={t('distribution.tabs')}>
        {TABS.map((x) => (
          <a
            key={x.id}
            href={href(x.path)}
            class={x.id === tab ? 'dist-tab active' : 'dist-tab'}
            aria-current={x.id === tab ? 'page' : undefined}
            data-testid={`dist-tab-${x.id}`}
          >
            {t(x.label)}
          </a>
        ))}
      </nav>
      {tab === 'calculator' && <CalculatorView />}
      {tab === 'map' && <MapView route={route} />}
      {tab === 'intake' && <IntakeView route={route} />}
      {tab === 'routes' && <RoutesView />}
    </div>
  )
}
