/**
 * The session cookie, read and written by hand (RFC 6265): the one cookie this API uses does not
 * need a cookie library. Values are base64url tokens, which need no quoting or escaping.
 */

export const SESSION_COOKIE = 'huiguo_session'

/**
 * The value of the first cookie called `name` in a Cookie request header; null when absent.
 *
 * @example readCookie('a=1; huiguo_session=hgs_x', 'huiguo_session') // 'hgs_x'
 */
export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=')
    if (eq < 0) continue
    if (pair.slice(0, eq).trim() !== name) continue
    let value = pair.slice(eq + 1).trim()
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1)
    return value
  }
  return null
}

/**
 * The Set-Cookie value that gives the browser a session: HttpOnly (no script reads it),
 * SameSite=Strict (no other site's page sends it, which also stops cross-site request forgery),
 * Path=/, and Secure when the client talks to us over https. No Max-Age: the server decides when a
 * session ends (12 h idle) and the browser forgets the cookie when it closes.
 */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
}

/** The Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`
}
