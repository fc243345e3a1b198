/**
 * Pure helpers of the ecology pages: the intensity and level a form's figures give (the same
 * method as the server's src/ecology/energy/levels.ts, for hints only: the server's answer counts)
 * and the hints shown before submitting.
 * @module
 */
import type { Figures, Level, LineInfo } from './types.ts'

export const KGCE_PER_KWH = 0.1229
export const KGCE_PER_NM3_GAS = 1.2143
export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/

export const FIGURE_FIELDS = [
  'gridKwh',
  'ownPvKwh',
  'greenCertKwh',
  'naturalGasNm3',
  'otherFuelsKgce',
  'otherDirectKgco2',
  'outputT',
] as const satisfies readonly (keyof Figures)[]

export type FigureField = (typeof FIGURE_FIELDS)[number]

export function intensityOf(f: Figures): number | null {
  if (!(f.outputT > 0)) return null
  const kgce =
    (f.gridKwh + f.ownPvKwh + f.greenCertKwh) * KGCE_PER_KWH +
    f.naturalGasNm3 * KGCE_PER_NM3_GAS +
    f.otherFuelsKgce
  return kgce / f.outputT
}

export function levelOf(limits: readonly [number, number, number], intensity: number): Level {
  if (intensity <= limits[0]) return 1
  if (intensity <= limits[1]) return 2
  if (intensity <= limits[2]) return 3
  return 4
}

/** What the server would refuse, as hint ids (see ecology.hint.* in the dictionaries). */
export type Hint = 'month' | 'future' | 'negative' | 'outputZero' | 'implausible' | 'exists'

/** Parses a form's text fields; an empty field is 0, anything not a number is NaN. */
export function parseFigures(text: Readonly<Record<FigureField, string>>): Figures {
  const n = (s: string) => (s.trim() === '' ? 0 : Number(s.trim().replaceAll(',', '')))
  return {
    gridKwh: n(text.gridKwh),
    ownPvKwh: n(text.ownPvKwh),
    greenCertKwh: n(text.greenCertKwh),
    naturalGasNm3: n(text.naturalGasNm3),
    otherFuelsKgce: n(text.otherFuelsKgce),
    otherDirectKgco2: n(text.otherDirectKgco2),
    outputT: n(text.outputT),
  }
}

export function hintsFor(
  input: { month: string; figures: Figures; line: LineInfo | undefined },
  context: { currentMonth: string | null; recordedMonths: ReadonlySet<string> },
): Hint[] {
  const hints: Hint[] = []
  const f = input.figures
  if (!MONTH_PATTERN.test(input.month)) hints.push('month')
  else if (context.currentMonth && input.month > context.currentMonth) hints.push('future')
  if (FIGURE_FIELDS.some((k) => !(f[k] >= 0))) hints.push('negative')
  const used =
    f.gridKwh + f.ownPvKwh + f.greenCertKwh + f.naturalGasNm3 + f.otherFuelsKgce + f.otherDirectKgco2
  if (f.outputT === 0 && used > 0) hints.push('outputZero')
  const intensity = intensityOf(f)
  if (input.line && intensity !== null && intensity > input.line.implausibleAboveKgcePerT)
    hints.push('implausible')
  if (context.recordedMonths.has(input.month)) hints.push('exists')
  return hints
}

/** A number with grouping and at most `digits` decimals, or a dash. */
export function fmt(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  return x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
}

export function fmtShare(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`
}

export const LEVEL_CLASS: Record<Level, string> = {
  1: 'badge badge-green',
  2: 'badge badge-blue',
  3: 'badge badge-amber',
  4: 'badge eco-badge-red',
}

export function lineName(lines: readonly LineInfo[], line: string, lang: 'zh' | 'en'): string {
  const info = lines.find((l) => l.line === line)
  return info ? (lang === 'zh' ? info.nameZh : info.nameEn) : line
}

/** `YYYY-MM-DD HH:MM` in Asia/Shanghai. */
export function fmtShanghai(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return '—'
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}
