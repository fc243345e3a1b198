import type { Lang } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import type { SessionUser } from '../trading/types.ts'

const ROLE_KEYS: Readonly<Record<string, DictKey>> = {
  trader: 'role.trader',
  risk: 'role.risk',
  warehouse: 'role.warehouse',
  admin: 'role.admin',
  analyst: 'role.analyst',
  viewer: 'role.viewer',
}

/** The user's enterprise in the UI language; the id when the server sent no name. */
export function enterpriseName(user: SessionUser, lang: Lang): string {
  const e = user.enterprise
  if (e) return lang === 'zh' ? e.nameZh : e.nameEn
  return user.enterpriseId ?? ''
}

/** The header's corner: a login link, or the user and their enterprise with a logout button. */
export function UserMenu({ route }: { route: Route }) {
  const { t, lang } = useI18n()
  const session = useSession()
  const user = session.user
  if (user === undefined) return null
  if (user === null) {
    const next = route.path === '/login' ? undefined : route.path
    return (
      <a class="user-login" href={href('/login', { next })} data-testid="nav-login">
        {t('auth.login')}
      </a>
    )
  }
  const roles = user.roles.map((r) => (ROLE_KEYS[r] ? t(ROLE_KEYS[r]) : r)).join(lang === 'zh' ? '、' : ', ')
  return (
    <div class="user-menu" data-testid="user-menu">
      <span class="user-who" title={t('auth.userTitle', { user: user.username, roles })}>
        <span class="user-name" data-testid="user-name">
          {user.username}
        </span>
        <span class="user-ent" data-testid="user-enterprise">
          {enterpriseName(user, lang)}
        </span>
      </span>
      <button
        type="button"
        class="user-logout"
        onClick={() => session.logout().catch(() => undefined)}
        data-testid="logout"
      >
        {t('auth.logout')}
      </button>
    </div>
  )
}
