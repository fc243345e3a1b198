/**
 * Money is integer fen (CNY × 100) held as bigint; on the wire it is a decimal string of yuan.
 * Quantities are integer kilograms; prices integer CNY per tonne.
 */
export type Fen = bigint

/** Formats fen as a decimal yuan string with two places: 12345n → "123.45", -5n → "-0.05". */
export function fenToYuanString(amountFen: Fen): string {
  const negative = amountFen < 0n
  const abs = negative ? -amountFen : amountFen
  const yuan = abs / 100n
  const cents = (abs % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${yuan}.${cents}`
}

/** Parses a decimal yuan string ("123", "123.4", "123.45") into fen; null when it is not one. */
export function yuanStringToFen(text: string): Fen | null {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  const fen = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0')
  return m[1] === '-' ? -fen : fen
}
