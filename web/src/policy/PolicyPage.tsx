import { Loading } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { href, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import { ApplicationsPage } from './ApplicationsPage.tsx'
import { EligibilityPage } from './EligibilityPage.tsx'
import { ProgrammeEditor } from './ProgrammeEditor.tsx'
import { ProgrammeList } from './ProgrammeList.tsx'
import { isAdmin } from './roles.ts'
import './policy.css'

type Tab = 'programmes' | 'eligibility' | 'applications' | 'review'

/** #/policy…: the programmes, my eligibility, my applications, the review queue and the editor. */
export function PolicyPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  const { path } = route
  const edit = /^\/policy\/programmes\/([a-z0-9_]+)\/edit$/.exec(path)
  const creating = path === '/policy/programmes/new'
  const tab: Tab = path.startsWith('/policy/eligibility')
    ? 'eligibility'
    : path.startsWith('/policy/applications')
      ? 'applications'
      : path.startsWith('/policy/review')
        ? 'review'
        : 'programmes'
  const tabs: { id: Tab; path: string }[] = [
    { id: 'programmes', path: '/policy' },
    ...(user ? [{ id: 'eligibility' as const, path: '/policy/eligibility' }] : []),
    ...(user ? [{ id: 'applications' as const, path: '/policy/applications' }] : []),
    ...(user && isAdmin(user) ? [{ id: 'review' as const, path: '/policy/review' }] : []),
  ]
  const needsUser = tab !== 'programmes' || edit !== null || creating
  return (
    <div class="page" data-testid="policy-page">
      <header class="page-head">
        <h1>{t('policy.title')}</h1>
        <p class="page-sub">{t('policy.subtitle')}</p>
      </header>
      <p class="note policy-synthetic" data-testid="policy-synthetic">
        {t('policy.synthetic')}
      </p>
      <nav class="segmented policy-tabs" aria-label={t('policy.title')}>
        {tabs.map((x) => (
          <a
            key={x.id}
            href={href(x.path)}
            class={tab === x.id && !edit && !creating ? 'seg active' : 'seg'}
            aria-current={tab === x.id ? 'page' : undefined}
            data-testid={`policy-tab-${x.id}`}
          >
            {t(`policy.tab.${x.id}`)}
          </a>
        ))}
      </nav>
      {needsUser && user === undefined && <Loading />}
      {needsUser && user === null && (
        <p class="note" data-testid="policy-login">
          {t('policy.login')} <a href={href('/login', { next: path })}>{t('auth.login')}</a>
        </p>
      )}
      {!needsUser && <ProgrammeList user={user ?? null} />}
      {needsUser && user && edit && <ProgrammeEditor key={edit[1]} id={edit[1]!} />}
      {needsUser && user && creating && <ProgrammeEditor key="new" id={null} />}
      {needsUser && user && !edit && !creating && tab === 'eligibility' && <EligibilityPage user={user} />}
      {needsUser && user && !edit && !creating && tab === 'applications' && (
        <ApplicationsPage key="mine" user={user} route={route} review={false} />
      )}
      {needsUser && user && !edit && !creating && tab === 'review' && (
        <ApplicationsPage key="review" user={user} route={route} review={true} />
      )}
    </div>
  )
}
