/**
 * Accounts and authentication: users of member enterprises with roles, password login with a
 * session cookie, API tokens for programs, and the `request.principal` / `requireRole` every other
 * module's routes use.
 * @module
 */
export { isHttps, requirePrincipal, requireRole } from './authenticate.ts'
export { tokenCommand, userCommand } from './cli.ts'
export { SESSION_COOKIE } from './cookie.ts'
export { LOGIN_THROTTLE, type ThrottlePolicy } from './login-throttle.ts'
export {
  API_TOKEN_PREFIX,
  isRole,
  type NewUser,
  PASSWORD_MIN_LENGTH,
  type Principal,
  ROLES,
  type Role,
  SESSION_IDLE_MS,
  type User,
} from './model.ts'
export { DEFAULT_SCRYPT_COST, type ScryptCost } from './password.ts'
export { type AccountsRoutesOptions, accountsRoutes } from './routes.ts'
export {
  type ApiTokenInfo,
  authenticateApiToken,
  authenticateSession,
  closeSession,
  createApiToken,
  createUser,
  findUser,
  listApiTokens,
  openSession,
  revokeApiToken,
  type UserProfile,
  userProfile,
  verifyLogin,
} from './service.ts'
