import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing with scrypt (node:crypto). A stored hash describes itself —
 * `scrypt$N$r$p$salt$key`, salt and key in base64url — so the cost can be raised later without
 * breaking the hashes already stored: each is verified with the parameters it was made with.
 */

/** scrypt's cost parameters: N (CPU/memory, a power of two), r (block size), p (parallelism). */
export interface ScryptCost {
  readonly n: number
  readonly r: number
  readonly p: number
}

/**
 * The cost for new hashes: OWASP's recommendation for scrypt (N = 2^17, r = 8, p = 1), 128 MiB and
 * about half a second per hash on one core. Tests pass a lower cost (e.g. N = 2^14).
 */
export const DEFAULT_SCRYPT_COST: ScryptCost = { n: 2 ** 17, r: 8, p: 1 }

const SALT_BYTES = 16
const KEY_BYTES = 32
/**
 * Bounds on the parameters read back from a stored hash, so a damaged or planted row cannot make a
 * login allocate gigabytes or spin for minutes.
 */
const MAX_LOG2_N = 20
const MAX_R = 32
const MAX_P = 16

/** A parsed stored hash. */
export interface PasswordHash {
  readonly cost: ScryptCost
  readonly salt: Buffer
  readonly key: Buffer
}

/** True when the cost is one this module accepts (N a power of two from 2^1 to 2^20, r ≤ 32, p ≤ 16). */
export function isValidCost(cost: ScryptCost): boolean {
  const { n, r, p } = cost
  return (
    Number.isSafeInteger(n) &&
    n > 1 &&
    n <= 2 ** MAX_LOG2_N &&
    (n & (n - 1)) === 0 &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= MAX_P
  )
}

function deriveKey(password: string, salt: Uint8Array, keyBytes: number, cost: ScryptCost): Promise<Buffer> {
  // NFC so that the same passphrase typed through different input methods gives the same bytes.
  const secret = Buffer.from(password.normalize('NFC'), 'utf8')
  return new Promise((resolve, reject) => {
    scrypt(
      secret,
      salt,
      keyBytes,
      // maxmem: scrypt needs about 128·N·r bytes; Node refuses above 32 MiB unless told otherwise.
      { N: cost.n, r: cost.r, p: cost.p, maxmem: 256 * cost.n * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    )
  })
}

/**
 * Hashes a password with a fresh random salt (or the given one, for tests) into the stored format.
 * Runs on libuv's thread pool, so the event loop keeps serving while it works.
 *
 * @example await hashPassword('correct horse battery', { n: 2 ** 14, r: 8, p: 1 }) // 'scrypt$16384$8$1$…$…'
 */
export async function hashPassword(
  password: string,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
  salt: Uint8Array = randomBytes(SALT_BYTES),
): Promise<string> {
  if (!isValidCost(cost)) throw new Error(`invalid scrypt cost ${JSON.stringify(cost)}`)
  if (salt.length < SALT_BYTES) throw new Error(`a salt needs at least ${SALT_BYTES} bytes`)
  const key = await deriveKey(password, salt, KEY_BYTES, cost)
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url')
  return `scrypt$${cost.n}$${cost.r}$${cost.p}$${b64(salt)}$${b64(key)}`
}

const STORED =
  /^scrypt\$([0-9]{1,8})\$([0-9]{1,3})\$([0-9]{1,3})\$([A-Za-z0-9_-]{22,88})\$([A-Za-z0-9_-]{22,88})$/

/** Parses a stored hash; null when it is not one this module made (or its cost is out of bounds). */
export function parsePasswordHash(stored: string): PasswordHash | null {
  const m = STORED.exec(stored)
  if (!m) return null
  const cost = { n: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  if (!isValidCost(cost)) return null
  const salt = Buffer.from(m[4] as string, 'base64url')
  const key = Buffer.from(m[5] as string, 'base64url')
  if (salt.length < SALT_BYTES || key.length < 16) return null
  return { cost, salt, key }
}

/**
 * True when `password` matches the stored hash. The comparison takes the same time wherever the
 * bytes differ (crypto.timingSafeEqual). A malformed stored hash never matches.
 *
 * @example await verifyPassword('correct horse battery', stored) // true
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored)
  if (!parsed) return false
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.cost)
  return timingSafeEqual(key, parsed.key)
}
