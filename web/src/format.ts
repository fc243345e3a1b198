/**
 * Pure number formatters for the UI. Chinese shows 万吨 and 亿元, English shows t / kt / Mt and
 * CNY m / bn. Money arrives as a decimal yuan string and is never parsed to a float: the integer part
 * goes through BigInt and rounding is done on integers.
 */

export type Lang = 'zh' | 'en'

/** The dash shown for values that are missing or malformed. */
export const NONE = '—'

/** Inserts thousands separators into a string of digits: "1234567" → "1,234,567". */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** An integer with thousands separators (rounded if it is not an integer). */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return NONE
  const r = Math.round(n)
  return `${r < 0 ? '-' : ''}${groupDigits(String(Math.abs(r)))}`
}

/**
 * Divides a non-negative integer by 10^shift and rounds half up to `decimals` places, returning the
 * integer part (grouped) and the decimals (as digits, possibly empty).
 */
function scaled(value: bigint, shift: number, decimals: number): { int: string; frac: string } {
  const drop = shift - decimals
  let q: bigint
  if (drop > 0) {
    const div = 10n ** BigInt(drop)
    q = value / div
    if ((value % div) * 2n >= div) q += 1n
  } else {
    q = value * 10n ** BigInt(-drop)
  }
  const unit = 10n ** BigInt(decimals)
  const int = groupDigits((q / unit).toString())
  const frac = decimals > 0 ? (q % unit).toString().padStart(decimals, '0') : ''
  return { int, frac }
}

function joinFixed(p: { int: string; frac: string }): string {
  return p.frac ? `${p.int}.${p.frac}` : p.int
}

function joinTrimmed(p: { int: string; frac: string }): string {
  const frac = p.frac.replace(/0+$/, '')
  return frac ? `${p.int}.${frac}` : p.int
}

/** The integer part of a scaled value, without separators, to compare against a unit boundary. */
function intValue(p: { int: string }): bigint {
  return BigInt(p.int.replaceAll(',', ''))
}

/**
 * Tonnes with a unit. Chinese: below 10,000 t in 吨, otherwise 万吨 with up to two decimals
 * (4,550,000 → "455万吨"). English: t, kt (one decimal) or Mt (two decimals), trailing zeros dropped
 * (4,550,000 → "4.55 Mt").
 */
export function formatTonnes(tonnes: number, lang: Lang): string {
  if (!Number.isFinite(tonnes)) return NONE
  const sign = tonnes < 0 ? '-' : ''
  const t = BigInt(Math.round(Math.abs(tonnes)))
  if (lang === 'zh') {
    if (t < 10_000n) return `${sign}${groupDigits(t.toString())}吨`
    return `${sign}${joinTrimmed(scaled(t, 4, 2))}万吨`
  }
  if (t < 1_000n) return `${sign}${t} t`
  const kt = scaled(t, 3, 1)
  if (intValue(kt) < 1_000n) return `${sign}${joinTrimmed(kt)} kt`
  return `${sign}${joinTrimmed(scaled(t, 6, 2))} Mt`
}

/** Parses a decimal yuan string into sign, integer yuan and the fraction digits; null if it is not one. */
export function parseYuan(text: string): { negative: boolean; yuan: bigint; fraction: string } | null {
  const m = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(text)
  if (!m) return null
  return { negative: m[1] === '-', yuan: BigInt(m[2]!), fraction: m[3] ?? '' }
}

/**
 * A money amount given as a decimal yuan string, with a unit. Chinese: 亿元 or 万元 with two
 * decimals, else 元 (120,345,000,000.00 → "1,203.45亿元"). English: CNY bn or m with one decimal,
 * else whole yuan (→ "CNY 120.3 bn").
 */
export function formatMoney(yuanText: string, lang: Lang): string {
  const p = parseYuan(yuanText)
  if (!p) return NONE
  const sign = p.negative && (p.yuan > 0n || /[1-9]/.test(p.fraction)) ? '-' : ''
  const y = p.yuan
  if (lang === 'zh') {
    if (y >= 100_000_000n) return `${sign}${joinFixed(scaled(y, 8, 2))}亿元`
    if (y >= 10_000n) {
      const wan = scaled(y, 4, 2)
      if (intValue(wan) >= 10_000n) return `${sign}${joinFixed(scaled(y, 8, 2))}亿元`
      return `${sign}${joinFixed(wan)}万元`
    }
    return `${sign}${formatYuanExact(yuanText).replace(/^-/, '')}元`
  }
  if (y >= 1_000_000_000n) return `${sign}CNY ${joinFixed(scaled(y, 9, 1))} bn`
  if (y >= 1_000_000n) {
    const m = scaled(y, 6, 1)
    if (intValue(m) >= 1_000n) return `${sign}CNY ${joinFixed(scaled(y, 9, 1))} bn`
    return `${sign}CNY ${joinFixed(m)} m`
  }
  return `${sign}CNY ${groupDigits(y.toString())}`
}

/** The exact amount with separators and two decimals: "120345000000.5" → "120,345,000,000.50". */
export function formatYuanExact(yuanText: string): string {
  const p = parseYuan(yuanText)
  if (!p) return NONE
  const fraction = p.fraction.padEnd(2, '0').slice(0, 2)
  return `${p.negative ? '-' : ''}${groupDigits(p.yuan.toString())}.${fraction}`
}

/** Compares two decimal yuan strings exactly (for sorting by revenue); malformed strings sort last. */
export function compareYuan(a: string, b: string): number {
  const fen = (text: string): bigint | null => {
    const p = parseYuan(text)
    if (!p) return null
    const v = p.yuan * 100n + BigInt(p.fraction.padEnd(2, '0').slice(0, 2))
    return p.negative ? -v : v
  }
  const x = fen(a)
  const y = fen(b)
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1
  return x < y ? -1 : x > y ? 1 : 0
}

/** Integer micrometres as millimetres, at least one decimal: 1000 → "1.0", 6 → "0.006", 6500 → "6.5". */
export function formatMm(um: number): string {
  if (!Number.isFinite(um)) return NONE
  const v = Math.round(Math.abs(um))
  const int = Math.floor(v / 1000)
  const frac = String(v % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '')
  return `${um < 0 ? '-' : ''}${groupDigits(String(int))}.${frac || '0'}`
}

/** A range of two values, or one value when both ends agree: "0.2–3.0", "1,220". */
export function formatRange(min: string, max: string): string {
  return min === max ? min : `${min}–${max}`
}

/**
 * Parses a thickness typed in millimetres ("1.5", "0,2", "0.006") into integer micrometres without
 * floating point; null when it is not a positive number with at most three decimals.
 */
export function parseMmToUm(text: string): number | null {
  const m = /^\s*(\d{1,4})(?:[.,](\d{1,3}))?\s*$/.exec(text)
  if (!m) return null
  const um = Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'))
  return um > 0 ? um : null
}

/** Parses a whole number of millimetres ("1220"); null when it is not a positive integer. */
export function parseWholeMm(text: string): number | null {
  const m = /^\s*(\d{1,6})\s*$/.exec(text)
  if (!m) return null
  const mm = Number(m[1])
  return mm > 0 ? mm : null
}

/** Coordinates with hemispheres: "34.7520° N, 113.0120° E" or "北纬 34.7520°，东经 113.0120°". */
export function formatCoordinates(lat: number, lon: number, lang: Lang): string {
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return NONE
  const la = Math.abs(lat).toFixed(4)
  const lo = Math.abs(lon).toFixed(4)
  if (lang === 'zh') {
    return `${lat >= 0 ? '北纬' : '南纬'} ${la}°，${lon >= 0 ? '东经' : '西经'} ${lo}°`
  }
  return `${la}° ${lat >= 0 ? 'N' : 'S'}, ${lo}° ${lon >= 0 ? 'E' : 'W'}`
}

/** Sum of the per-form capacities of an enterprise, in tonnes per year. */
export function totalCapacity(byForm: Record<string, number | undefined>): number {
  let sum = 0
  for (const v of Object.values(byForm)) if (typeof v === 'number' && Number.isFinite(v)) sum += v
  return sum
}

// ---- Trading: money in fen strings, quantities in kg, prices in integer CNY per tonne ----

/** Parses a decimal integer string (fen, kg) into a BigInt; null if it is not one. */
export function parseBigInt(text: string): bigint | null {
  return /^\s*-?\d+\s*$/.test(text) ? BigInt(text.trim()) : null
}

/** Fen as a decimal yuan string with exactly two decimals, no separators: "-1234567" → "-12345.67". */
export function fenToYuan(fen: string): string | null {
  const v = parseBigInt(fen)
  if (v === null) return null
  const abs = v < 0n ? -v : v
  return `${v < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`
}

/**
 * An exact amount of money given in fen, with two decimals and the currency: "1234567" →
 * "12,345.67 元" (Chinese) or "CNY 12,345.67" (English). Never goes through a float.
 */
export function formatFen(fen: string, lang: Lang): string {
  const yuan = fenToYuan(fen)
  if (yuan === null) return NONE
  const text = formatYuanExact(yuan)
  if (lang === 'zh') return `${text} 元`
  return text.startsWith('-') ? `-CNY ${text.slice(1)}` : `CNY ${text}`
}

/** Kilograms (a number or a decimal string) with separators and the unit: "5,000 kg". */
export function formatKg(kg: number | string, lang: Lang): string {
  const v = typeof kg === 'number' ? (Number.isSafeInteger(kg) ? BigInt(kg) : null) : parseBigInt(kg)
  if (v === null) return NONE
  const text = `${v < 0n ? '-' : ''}${groupDigits((v < 0n ? -v : v).toString())}`
  return lang === 'zh' ? `${text} 千克` : `${text} kg`
}

/** Kilograms as a number of tonnes, exact, up to three decimals, no unit: 12_500 → "12.5". */
export function kgToTonnes(kg: number | string): string {
  const v = typeof kg === 'number' ? (Number.isSafeInteger(kg) ? BigInt(kg) : null) : parseBigInt(kg)
  if (v === null) return NONE
  const abs = v < 0n ? -v : v
  const frac = (abs % 1000n).toString().padStart(3, '0').replace(/0+$/, '')
  return `${v < 0n ? '-' : ''}${groupDigits((abs / 1000n).toString())}${frac ? `.${frac}` : ''}`
}

/** Kilograms as tonnes with the unit: 12_500 → "12.5 t" / "12.5 吨". */
export function formatKgAsTonnes(kg: number | string, lang: Lang): string {
  const text = kgToTonnes(kg)
  if (text === NONE) return NONE
  return lang === 'zh' ? `${text} 吨` : `${text} t`
}

/** A signed integer: "+120", "-40", "0". */
export function formatSigned(n: number): string {
  if (!Number.isFinite(n)) return NONE
  return n > 0 ? `+${formatInteger(n)}` : formatInteger(n)
}

/**
 * Basis points as a percentage with two decimals, on integers: 62 → "+0.62%", -1250 → "-12.50%";
 * unsigned (for fees) 5 → "0.05%".
 */
export function formatBps(bps: number, signed = true): string {
  if (!Number.isSafeInteger(bps)) return NONE
  const abs = Math.abs(bps)
  const sign = bps > 0 && signed ? '+' : bps < 0 ? '-' : ''
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`
}

/** Beijing time (UTC+8, no daylight saving) of an ISO instant as "HH:MM:SS", or with the date "MM-DD HH:MM:SS". */
export function formatShanghaiTime(iso: string, withDate = false): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return NONE
  const d = new Date(ms + 8 * 3600_000)
  const p = (n: number) => String(n).padStart(2, '0')
  const time = `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`
  return withDate ? `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${time}` : time
}
