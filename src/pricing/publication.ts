/**
 * The public side of the pricing center: the board of latest prices, a series' history, one
 * period's published record with its revisions, and the corrections notice. Only published,
 * current revisions are read; every answer says whether it holds demo data.
 * @module
 */
import {
  baseValuesOn,
  currentAssessment,
  currentHistory,
  latestTwoPerSeries,
  publishedCorrections,
  publishedRevisions,
} from './assessment-store.ts'
import type { Series } from './model.ts'
import type { Assessment } from './records.ts'
import { BASE_SERIES_ID, SERIES } from './series.ts'
import type { Db } from './store.ts'
import { publicAssessmentView, seriesView } from './views.ts'

const iso = (ms: number) => new Date(ms).toISOString()
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))
const sum = (a: number | null, b: number | null) => (a === null || b === null ? null : a + b)

/** Fee rows' all-in needs the base published on the same date. */
async function basesFor(
  db: Db,
  series: Series,
  dates: readonly string[],
): Promise<Map<string, number | null>> {
  return series.kind === 'fee' ? baseValuesOn(db, dates) : new Map()
}

/** The latest published value of every series, with its change against the period before. */
export async function priceBoard(db: Db) {
  const rows = await latestTwoPerSeries(db)
  const latest = new Map<string, Assessment>()
  const previous = new Map<string, Assessment>()
  for (const a of rows) (latest.has(a.seriesId) ? previous : latest).set(a.seriesId, a)
  const feeDates = [...latest.values()].filter((a) => a.seriesId !== BASE_SERIES_ID).map((a) => a.date)
  const bases = await baseValuesOn(db, feeDates)
  let asOf: number | null = null
  for (const a of latest.values())
    if (a.publishedAtMs !== null && (asOf === null || a.publishedAtMs > asOf)) asOf = a.publishedAtMs
  return {
    synthetic: rows.some((a) => a.synthetic),
    asOf: isoOrNull(asOf),
    series: SERIES.map((s) => {
      const a = latest.get(s.id) ?? null
      const value = a?.record.value ?? null
      const before = previous.get(s.id)?.record.value ?? null
      const baseValue = s.kind === 'fee' && a ? (bases.get(a.date) ?? null) : null
      return {
        ...seriesView(s),
        date: a?.date ?? null,
        windowStart: a ? iso(a.windowStartMs) : null,
        windowEnd: a ? iso(a.windowEndMs) : null,
        publishedAt: isoOrNull(a?.publishedAtMs ?? null),
        value,
        change: value !== null && before !== null ? value - before : null,
        tier: a?.record.tier ?? null,
        rolled: a?.record.rolled ?? false,
        suspended: a?.record.suspended ?? false,
        nDeals: a?.record.nDeals ?? 0,
        revision: a?.revision ?? 0,
        baseValue,
        allIn: s.kind === 'fee' ? sum(baseValue, value) : null,
      }
    }),
  }
}

/** The current revision of every period of a series in [from, to], oldest first. */
export async function priceHistory(db: Db, series: Series, from?: string, to?: string) {
  const periods = await currentHistory(db, series.id, from, to)
  const bases = await basesFor(
    db,
    series,
    periods.map((a) => a.date),
  )
  return {
    synthetic: periods.some((a) => a.synthetic),
    series: seriesView(series),
    points: periods.map((a) => ({
      date: a.date,
      windowStart: iso(a.windowStartMs),
      windowEnd: iso(a.windowEndMs),
      value: a.record.value,
      tier: a.record.tier,
      rolled: a.record.rolled,
      suspended: a.record.suspended,
      revision: a.revision,
      allIn: series.kind === 'fee' ? sum(bases.get(a.date) ?? null, a.record.value) : null,
      low: a.record.low,
      high: a.record.high,
      median: a.record.median,
      nDeals: a.record.nDeals,
    })),
  }
}

/** One period's published record (public form) and all its revisions; null when none is published. */
export async function publishedPeriod(db: Db, seriesId: string, date: string) {
  const current = await currentAssessment(db, seriesId, date)
  if (!current) return null
  const revisions = await publishedRevisions(db, seriesId, date)
  return {
    synthetic: revisions.some((a) => a.synthetic),
    assessment: publicAssessmentView(current),
    revisions: revisions.map((a) => ({
      revision: a.revision,
      value: a.record.value,
      reason: a.reason,
      publishedAt: isoOrNull(a.publishedAtMs),
    })),
  }
}

/** The public notice of corrections, newest first. */
export async function correctionNotice(db: Db, limit: number) {
  const corrections = await publishedCorrections(db, limit)
  return {
    synthetic: corrections.some((c) => c.assessment.synthetic),
    corrections: corrections.map(({ assessment: a, previousValue }) => ({
      seriesId: a.seriesId,
      date: a.date,
      revision: a.revision,
      previousValue,
      value: a.record.value,
      reason: a.reason ?? '',
      publishedAt: isoOrNull(a.publishedAtMs),
    })),
  }
}
