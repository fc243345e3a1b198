/**
 * Exact decimal ↔ integer conversions for product specifications. Thickness is held in integer
 * micrometres and written in millimetres as the shortest exact decimal; widths and diameters are
 * whole millimetres. No floating-point arithmetic touches a fraction: decimals are split as text.
 */

/** The outcome of reading a decimal: its value in units of 10^-scale, or why it cannot be read. */
export type DecimalRead =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly why: 'malformed' | 'too_precise' }

const DECIMAL = /^(\d*)(?:\.(\d*))?$/
/** More integer digits than this is not a dimension, it is a typo (and would lose integer precision). */
const MAX_INTEGER_DIGITS = 9

/**
 * Reads a non-negative decimal ("1", "1.00", ".5", "0.012") as an integer count of 10^-scale units:
 * `readDecimal('0.012', 3)` → 12. Trailing zeros never count as precision; digits beyond the scale do.
 */
export function readDecimal(text: string, scale: number): DecimalRead {
  const m = DECIMAL.exec(text)
  if (!m) return { ok: false, why: 'malformed' }
  const whole = (m[1] ?? '').replace(/^0+/, '')
  const fraction = (m[2] ?? '').replace(/0+$/, '')
  if ((m[1] ?? '') === '' && (m[2] ?? '') === '') return { ok: false, why: 'malformed' }
  if (whole.length > MAX_INTEGER_DIGITS) return { ok: false, why: 'malformed' }
  if (fraction.length > scale) return { ok: false, why: 'too_precise' }
  const value = Number(whole || '0') * 10 ** scale + Number(fraction.padEnd(scale, '0') || '0')
  return { ok: true, value }
}

/** Millimetres as text ("1.0", "0.012", ".5") → integer micrometres; null if not exact to 1 µm. */
export function parseThicknessMm(text: string): number | null {
  const read = readDecimal(text.trim(), 3)
  return read.ok ? read.value : null
}

/**
 * Integer micrometres → millimetres as the shortest exact decimal: 1000 → "1", 1500 → "1.5",
 * 12 → "0.012", 20000 → "20". Throws RangeError on anything but a non-negative safe integer.
 */
export function formatThicknessMm(um: number): string {
  if (!Number.isSafeInteger(um) || um < 0) {
    throw new RangeError(`thickness must be a whole, non-negative number of micrometres, got ${um}`)
  }
  const whole = Math.floor(um / 1000)
  const fraction = String(um % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : String(whole)
}

/**
 * Thickness as the canonical spec text writes it: millimetres with at least one decimal place, as
 * the trade writes them ("1.0", "0.5", "20.0", "0.012").
 */
export function canonicalThicknessMm(um: number): string {
  const mm = formatThicknessMm(um)
  return mm.includes('.') ? mm : `${mm}.0`
}

/** Thickness for people: "3 mm", and below 1 mm with micrometres too: "0.012 mm (12 µm)". */
export function describeThickness(um: number): string {
  if (!Number.isSafeInteger(um) || um < 0) return `${um} µm`
  return um < 1000 ? `${formatThicknessMm(um)} mm (${um} µm)` : `${formatThicknessMm(um)} mm`
}
