/**
 * Who is logged in: the user of the session cookie, asked from /auth/me once per page load and
 * after every login and logout. The cookie itself is HttpOnly; the page never sees it.
 * @module
 */
import { type ComponentChildren, createContext } from 'preact'
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks'
import { type Problem, toProblem } from './api.ts'
import { tradingApi } from './trading/client.ts'
import { marketStream } from './trading/stream.ts'
import type { SessionUser } from './trading/types.ts'

export interface Session {
  /** undefined while asking the server, null when nobody is logged in. */
  user: SessionUser | null | undefined
  error: Problem | null
  login: (username: string, password: string) => Promise<SessionUser>
  logout: () => Promise<void>
}

const SessionContext = createContext<Session | null>(null)

export function SessionProvider({ children }: { children: ComponentChildren }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined)
  const [error, setError] = useState<Problem | null>(null)

  useEffect(() => {
    tradingApi.me().then(
      (u) => setUser(u),
      (err: unknown) => {
        setUser(null)
        setError(toProblem(err))
      },
    )
  }, [])

  const login = useCallback(async (username: string, password: string) => {
    const { user: u } = await tradingApi.login(username, password)
    setUser(u)
    setError(null)
    // The socket authenticates with the cookie when it opens: open it again with the new one.
    marketStream.restart()
    return u
  }, [])

  const logout = useCallback(async () => {
    await tradingApi.logout()
    setUser(null)
    marketStream.restart()
  }, [])

  const value = useMemo<Session>(() => ({ user, error, login, logout }), [user, error, login, logout])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const ctx = useContext(SessionContext)
  if (!ctx) throw new Error('useSession outside SessionProvider')
  return ctx
}

/** The trading roles; the others (analyst, viewer, warehouse) may look but not send orders. */
export const canTrade = (user: SessionUser): boolean =>
  user.roles.some((r) => r === 'trader' || r === 'risk' || r === 'admin')
