import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import { CarbonView } from './CarbonView.tsx'
import { CbamView } from './cbam/CbamView.tsx'
import { LedgerView } from './LedgerView.tsx'
import { ParkView } from './ParkView.tsx'
import './ecology.css'

type Tab = 'energy' | 'carbon' | 'park' | 'cbam'

const TABS: readonly { id: Tab; path: string; label: DictKey }[] = [
  { id: 'energy', path: '/ecology/energy', label: 'ecology.tab.energy' },
  { id: 'carbon', path: '/ecology/carbon', label: 'ecology.tab.carbon' },
  { id: 'park', path: '/ecology/park', label: 'ecology.tab.park' },
  // The CBAM tab: its view is web/src/ecology/cbam/CbamView.tsx (the CBAM engineer's).
  { id: 'cbam', path: '/ecology/cbam', label: 'ecology.tab.cbam' },
]

/**
 * #/ecology/energy (the energy ledger), #/ecology/carbon (the carbon inventory and grid factors),
 * #/ecology/park (the zero-carbon park indicators) and #/ecology/cbam (CBAM). #/ecology opens the
 * ledger for those who keep or read one, the park for everyone else.
 */
export function EcologyPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  const keepsLedger = !!user && ['energy', 'admin', 'analyst'].some((r) => user.roles.includes(r))
  const tab = TABS.find((x) => x.path === route.path)?.id ?? (keepsLedger ? 'energy' : 'park')
  return (
    <div class="page ecology-page" data-testid="ecology-page">
      <header class="page-head detail-head">
        <div>
          <h1>{t('ecology.title')}</h1>
          <p class="page-sub">{t('ecology.subtitle')}</p>
        </div>
      </header>
      <nav class="dist-tabs" aria-label={t('ecology.tabs')}>
        {TABS.map((x) => (
          <a
            key={x.id}
            href={href(x.path)}
            class={x.id === tab ? 'dist-tab active' : 'dist-tab'}
            aria-current={x.id === tab ? 'page' : undefined}
            data-testid={`eco-tab-${x.id}`}
          >
            {t(x.label)}
          </a>
        ))}
      </nav>
      {tab === 'energy' && <LedgerView route={route} />}
      {tab === 'carbon' && <CarbonView route={route} />}
      {tab === 'park' && <ParkView route={route} />}
      {/* ---- CBAM tab (filled by the CBAM engineer: web/src/ecology/cbam/) ---- */}
      {tab === 'cbam' && <CbamView route={route} />}
    </div>
  )
}
