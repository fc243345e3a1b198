import type { ComponentChild } from 'preact'
import { UserMenu } from './components/UserMenu.tsx'
import { DistributionPage } from './distribution/DistributionPage.tsx'
import { EcologyPage } from './ecology/EcologyPage.tsx'
import type { Lang } from './format.ts'
import { useI18n } from './i18n/context.tsx'
import { LANGS } from './i18n/index.ts'
import { EnterpriseDetail } from './pages/EnterpriseDetail.tsx'
import { Enterprises } from './pages/Enterprises.tsx'
import { Login } from './pages/Login.tsx'
import { Overview } from './pages/Overview.tsx'
import { Products } from './pages/Products.tsx'
import { PolicyPage } from './policy/PolicyPage.tsx'
import { ConsolePage } from './pricing/ConsolePage.tsx'
import { isAnalyst } from './pricing/labels.ts'
import { MethodologyPage } from './pricing/MethodologyPage.tsx'
import { PricesPage } from './pricing/PricesPage.tsx'
import { decodePart, href, type Route, useRoute } from './router.ts'
import { useSession } from './session.tsx'
import { ShipmentsPage } from './shipments/ShipmentsPage.tsx'
import { TrackPage } from './shipments/TrackPage.tsx'
import { TradePage } from './trading/TradePage.tsx'

type Section =
  | 'overview'
  | 'enterprises'
  | 'products'
  | 'trade'
  | 'prices'
  | 'console'
  | 'distribution'
  | 'shipments'
  | 'policy'
  | 'ecology'
  | null

function page(route: Route): { section: Section; view: ComponentChild } {
  const { path } = route
  if (path === '/') return { section: 'overview', view: <Overview /> }
  if (path === '/enterprises') return { section: 'enterprises', view: <Enterprises route={route} /> }
  const detail = /^\/enterprises\/([^/]+)$/.exec(path)
  if (detail) {
    const id = decodeURIComponent(detail[1]!)
    return { section: 'enterprises', view: <EnterpriseDetail key={id} id={id} /> }
  }
  if (path === '/products') return { section: 'products', view: <Products route={route} /> }
  if (path === '/trade') return { section: 'trade', view: <TradePage code={null} /> }
  const trade = /^\/trade\/([^/]+)$/.exec(path)
  if (trade) return { section: 'trade', view: <TradePage code={decodePart(trade[1]!)} /> }
  if (path === '/prices') return { section: 'prices', view: <PricesPage route={route} /> }
  if (path === '/methodology') return { section: 'prices', view: <MethodologyPage /> }
  if (path === '/pricing/console') return { section: 'console', view: <ConsolePage route={route} /> }
  if (path === '/distribution' || path.startsWith('/distribution/'))
    return { section: 'distribution', view: <DistributionPage route={route} /> }
  if (path === '/shipments') return { section: 'shipments', view: <ShipmentsPage route={route} /> }
  if (path === '/track') return { section: 'shipments', view: <TrackPage route={route} /> }
  if (path === '/policy' || path.startsWith('/policy/'))
    return { section: 'policy', view: <PolicyPage route={route} /> }
  if (path === '/ecology' || path.startsWith('/ecology/'))
    return { section: 'ecology', view: <EcologyPage route={route} /> }
  if (path === '/login') return { section: null, view: <Login query={route.query} /> }
  return { section: null, view: <NotFound /> }
}

export function App() {
  const route = useRoute()
  const { section, view } = page(route)
  return (
    <div class="shell">
      <TopBar section={section} route={route} />
      <div class="synthetic-banner" role="note" data-testid="synthetic-banner">
        <SyntheticLabel />
      </div>
      <main class={section === 'trade' ? 'main main-wide' : 'main'} id="main">
        {view}
      </main>
      <Footer />
    </div>
  )
}

function SyntheticLabel() {
  const { t } = useI18n()
  return (
    <div class="banner-inner">
      <span class="banner-tag">DEMO</span>
      {t('banner.synthetic')}
    </div>
  )
}

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 40 40" aria-hidden="true">
      <rect x="1" y="1" width="38" height="38" rx="8" fill="#e8eef4" />
      <circle cx="20" cy="20" r="13" fill="none" stroke="#1d4f80" stroke-width="2.5" />
      <circle cx="20" cy="20" r="8.5" fill="none" stroke="#5a86b0" stroke-width="2.5" />
      <circle cx="20" cy="20" r="4" fill="#1d4f80" />
      <path d="M20 7 L38 7" stroke="#1d4f80" stroke-width="2.5" />
    </svg>
  )
}

function TopBar({ section, route }: { section: Section; route: Route }) {
  const { t, lang, setLang } = useI18n()
  const { user } = useSession()
  const links: { id: Exclude<Section, null>; path: string; label: string }[] = [
    { id: 'overview', path: '/', label: t('nav.overview') },
    { id: 'enterprises', path: '/enterprises', label: t('nav.enterprises') },
    { id: 'products', path: '/products', label: t('nav.products') },
    { id: 'trade', path: '/trade', label: t('nav.trade') },
    { id: 'prices', path: '/prices', label: t('nav.prices') },
    ...(isAnalyst(user)
      ? [{ id: 'console' as const, path: '/pricing/console', label: t('nav.console') }]
      : []),
    { id: 'distribution', path: '/distribution', label: t('distribution.nav') },
    user
      ? { id: 'shipments' as const, path: '/shipments', label: t('shipments.nav') }
      : { id: 'shipments' as const, path: '/track', label: t('shipments.navTrack') },
    { id: 'ecology', path: '/ecology', label: t('ecology.nav') },
    { id: 'policy', path: '/policy', label: t('policy.nav') },
  ]
  return (
    <header class="topbar">
      <div class="topbar-inner">
        <a class="brand" href={href('/')}>
          <Logo />
          <span class="brand-text">
            <span class="brand-primary" data-testid="brand">
              {t('brand.primary')}
            </span>
            <span class="brand-secondary">{t('brand.secondary')}</span>
          </span>
        </a>
        <nav class="nav" aria-label={t('nav.label')}>
          {links.map((l) => (
            <a
              key={l.id}
              href={href(l.path)}
              class={section === l.id ? 'nav-link active' : 'nav-link'}
              aria-current={section === l.id ? 'page' : undefined}
              data-testid={`nav-${l.id}`}
            >
              {l.label}
            </a>
          ))}
        </nav>
        <UserMenu route={route} />
        <fieldset class="lang-switch" aria-label={t('lang.label')}>
          {LANGS.map((l: Lang) => (
            <button
              key={l}
              type="button"
              class={lang === l ? 'lang active' : 'lang'}
              aria-pressed={lang === l}
              lang={l === 'zh' ? 'zh-CN' : 'en'}
              onClick={() => setLang(l)}
              data-testid={`lang-${l}`}
            >
              {t(l === 'zh' ? 'lang.zh' : 'lang.en')}
            </button>
          ))}
        </fieldset>
      </div>
    </header>
  )
}

function Footer() {
  const { t } = useI18n()
  return (
    <footer class="footer">
      <div class="footer-inner">
        <a href="/docs" data-testid="docs-link">
          {t('footer.docs')}
        </a>
        <span class="footer-note">{t('footer.note')}</span>
      </div>
    </footer>
  )
}

function NotFound() {
  const { t } = useI18n()
  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('notFound.title')}</h1>
        <p class="page-sub">{t('notFound.text')}</p>
      </header>
      <a class="button button-primary" href={href('/')}>
        {t('notFound.back')}
      </a>
    </div>
  )
}
