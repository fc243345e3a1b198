import type { SessionUser } from '../trading/types.ts'

/** Administrators are the operator: they edit programmes and review applications. */
export const isAdmin = (user: SessionUser): boolean => user.roles.includes('admin')

/** Traders and administrators write for their enterprise: facts, drafts, documents, submissions. */
export const writesForEnterprise = (user: SessionUser): boolean =>
  user.roles.includes('trader') || user.roles.includes('admin')

/** The user's enterprise id (the server sends the enterprise; older answers only its id). */
export const enterpriseIdOf = (user: SessionUser): string => user.enterprise?.id ?? user.enterpriseId ?? ''
