/**
 * Candles for the chart. The chart library shows times as UTC, so every time is shifted to
 * Beijing wall-clock time (UTC+8, no daylight saving): a 1d bar that starts at Shanghai midnight
 * then starts at 00:00 on the axis.
 * @module
 */
import type { Bar, BarInterval } from './types.ts'

export const SHANGHAI_OFFSET_S = 8 * 3600

const LENGTH_S: Record<BarInterval, number> = { '1m': 60, '1d': 86_400 }

export interface Candle {
  /** Seconds since the epoch of Beijing wall-clock time. */
  time: number
  open: number
  high: number
  low: number
  close: number
}

/** Beijing wall-clock seconds of an ISO instant; null when it is not one. */
export function wallSeconds(iso: string): number | null {
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? Math.floor(ms / 1000) + SHANGHAI_OFFSET_S : null
}

export function toCandle(b: Bar): Candle | null {
  const time = wallSeconds(b.t)
  return time === null ? null : { time, open: b.open, high: b.high, low: b.low, close: b.close }
}

/** The start of the bar an instant falls in, in Beijing wall-clock seconds. */
export function bucketOf(iso: string, interval: BarInterval): number | null {
  const s = wallSeconds(iso)
  if (s === null) return null
  const len = LENGTH_S[interval]
  return Math.floor(s / len) * len
}

/**
 * Folds one trade into the last candle: the same bar widens and moves its close, a later bar
 * starts at the trade's price. A trade older than the last candle changes nothing (null).
 */
export function foldTrade(
  last: Candle | null,
  trade: { price: number; at: string },
  interval: BarInterval,
): Candle | null {
  const time = bucketOf(trade.at, interval)
  if (time === null) return null
  const p = trade.price
  if (!last || time > last.time) return { time, open: p, high: p, low: p, close: p }
  if (time < last.time) return null
  return { time, open: last.open, high: Math.max(last.high, p), low: Math.min(last.low, p), close: p }
}

/** Compares two decimal id strings as integers. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}
