import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { buildApp, type HuiguoApp, type PricingOptions } from '../../src/app.ts'
import type { PublishedAssessment } from '../../src/pricing/index.ts'
import type { TestDatabase } from './databases.ts'

/**
 * Friday 13 June 2025, 10:00 in Shanghai. The latest closed weekly window is Thursday 12 June's
 * (Fri 6 June 15:00 → Thu 12 June 15:00); the one before is 5 June's (30 May 15:00 → 5 June 15:00).
 */
export const PRICING_NOW = Date.parse('2025-06-13T02:00:00Z')

/** The app on a frozen pricing clock (movable through `setNow`), trading with a journal of its own. */
export async function pricingApp(
  database: TestDatabase,
  pricing: Omit<PricingOptions, 'clock'> = {},
): Promise<{ huiguo: HuiguoApp; setNow(ms: number): void; dispose(): Promise<void> }> {
  let now = PRICING_NOW
  const journal = mkdtempSync(join(tmpdir(), 'huiguo-journal-pricing-'))
  const huiguo = await buildApp({
    database,
    webDistDir: null,
    trading: { journal, sessionPolicy: 'always_open' },
    pricing: { ...pricing, clock: () => now },
  })
  await huiguo.app.ready()
  return {
    huiguo,
    setNow: (ms) => {
      now = ms
    },
    async dispose() {
      await huiguo.close()
      rmSync(journal, { recursive: true, force: true })
    },
  }
}

/** A complete, valid fee deal report; tests override what they exercise. */
export const feeDeal = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  series: 'FEE-1060-H24-SHEET-SPOT',
  value: 1_800,
  qtyKg: 80_000,
  dealAt: '2025-06-02T03:00:00Z',
  deliveryDays: 10,
  paymentDays: 30,
  affiliated: false,
  pricedOnIndex: false,
  spec: '1060 H24 1.0x1220',
  baseUsed: 20_150,
  baseConvention: 'day',
  paymentTerms: 'T/T 30 days',
  deliveryTerms: 'EXW Gongyi',
  counterpartyType: 'consumer',
  ...overrides,
})

/** Rows of a pricing table, counted in SQL (cast: PGlite and pg answer count(*) differently). */
export async function countRows(
  database: TestDatabase,
  table: 'pricing_deal' | 'pricing_quote' | 'pricing_assessment',
): Promise<number> {
  const row = await database.db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
  return row.n
}

/** A tier-1 assessment of `seriesId` for `date`, published at 17:00 Shanghai that day, as the store takes it. */
export const publishedAssessment = (seriesId: string, date: string, value: number): PublishedAssessment => ({
  seriesId,
  date,
  windowStartMs: Date.parse(`${date}T00:00:00Z`) - 6 * 86_400_000,
  windowEndMs: Date.parse(`${date}T07:00:00Z`),
  revision: 1,
  record: {
    tier: 1,
    rolled: false,
    rolls: 0,
    suspended: false,
    low: null,
    high: null,
    median: null,
    nDeals: 0,
    nQuotes: 0,
    nSubmitters: 0,
    volumeKg: 0,
    topSubmitterShare: null,
    excluded: [],
    methodologyVersion: 'v1',
    seriesId,
    value,
  },
  inputs: { dealIds: [], quoteIds: [], previous: null, judgement: null },
  correctionOf: null,
  reason: null,
  proposedBy: 'a',
  proposedAtMs: 0,
  approvedBy: 'b',
  publishedAtMs: Date.parse(`${date}T09:00:00Z`),
  current: true,
  synthetic: true,
})
