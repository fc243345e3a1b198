/**
 * Public tracking codes: 10 characters drawn uniformly from 30 that are hard to mistake for one
 * another (Crockford's base 32 without 0 and 1: no 0/O, 1/I/L, no U), about 49 bits of
 * randomness. A code cannot be guessed and says nothing about the shipment (not its id, not its
 * date). The random bytes are passed in, so the core stays deterministic under test.
 * @module
 */

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const TRACKING_CODE_LENGTH = 10
/** The route's pattern: a code as issued, or typed in lower case and with dashes or spaces. */
export const TRACKING_CODE_INPUT_PATTERN = '^[2-9A-HJKMNP-TV-Za-hjkmnp-tv-z -]{10,20}$'

/** Bytes at or above this are dropped, so every character is equally likely (256 = 8 × 30 + 16). */
const UNBIASED_BELOW = 240

/**
 * A new tracking code from `randomBytes` (e.g. node:crypto's), drawing more bytes when needed.
 *
 * @example newTrackingCode(randomBytes) // 'K7QD2XWMNB'
 */
export function newTrackingCode(randomBytes: (size: number) => Uint8Array): string {
  let code = ''
  while (code.length < TRACKING_CODE_LENGTH) {
    for (const byte of randomBytes(TRACKING_CODE_LENGTH * 2)) {
      if (byte >= UNBIASED_BELOW) continue
      code += TRACKING_ALPHABET[byte % TRACKING_ALPHABET.length]
      if (code.length === TRACKING_CODE_LENGTH) break
    }
  }
  return code
}

/** A typed-in code as issued (upper case, dashes and spaces dropped); null when it cannot be one. */
export function normaliseTrackingCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase()
  if (code.length !== TRACKING_CODE_LENGTH) return null
  for (const c of code) if (!TRACKING_ALPHABET.includes(c)) return null
  return code
}
