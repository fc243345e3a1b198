import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { enterpriseName } from '../components/UserMenu.tsx'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate } from '../router.ts'
import { useSession } from '../session.tsx'

/** Where to go after logging in: a path of this app (never another site), the trading screen by default. */
export function nextPath(query: URLSearchParams): string {
  const next = query.get('next') ?? ''
  return /^\/[\w\-./%]*$/.test(next) && !next.startsWith('//') ? next : '/trade'
}

/** The login form; a logged-in user sees who they are and the way on. */
export function Login({ query }: { query: URLSearchParams }) {
  const { t, lang } = useI18n()
  const session = useSession()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<Problem | null>(null)
  const next = nextPath(query)

  const submit = async (e: Event) => {
    e.preventDefault()
    if (busy) return
    setBusy(true)
    setProblem(null)
    try {
      await session.login(username.trim(), password)
      setPassword('')
      navigate(next)
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const user = session.user
  return (
    <div class="page login-page">
      <header class="page-head">
        <h1>{t('auth.title')}</h1>
        <p class="page-sub">{t('auth.subtitle')}</p>
      </header>
      {user ? (
        <section class="card login-card" data-testid="login-already">
          <p>{t('auth.already', { user: user.username, enterprise: enterpriseName(user, lang) })}</p>
          <p class="login-actions">
            <a class="button button-primary" href={href(next)}>
              {t('auth.toTrade')}
            </a>
          </p>
        </section>
      ) : (
        <form class="card login-card" onSubmit={submit} data-testid="login-form">
          <label class="field">
            <span class="field-label">{t('auth.username')}</span>
            <input
              name="username"
              autocomplete="username"
              required
              value={username}
              onInput={(e) => setUsername(e.currentTarget.value)}
              data-testid="login-username"
            />
          </label>
          <label class="field">
            <span class="field-label">{t('auth.password')}</span>
            <input
              name="password"
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
              data-testid="login-password"
            />
          </label>
          {problem && <ProblemBox problem={problem} testId="login-problem" />}
          <button type="submit" class="button button-primary" disabled={busy} data-testid="login-submit">
            {busy ? t('auth.submitting') : t('auth.submit')}
          </button>
          <p class="hint">{t('auth.demoHint')}</p>
        </form>
      )}
    </div>
  )
}
