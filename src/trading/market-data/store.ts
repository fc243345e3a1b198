import { type Kysely, sql } from 'kysely'
import type { Database } from '../../platform/db/index.ts'
import { type TradeRecord, tradeFromRow } from '../service/index.ts'
import { type Bar, type BarInterval, MAX_BARS } from './bars.ts'
import { TAPE_SIZE } from './tape.ts'

export interface History {
  /** The last `TAPE_SIZE` trades of each instrument, in id order. */
  readonly trades: TradeRecord[]
  /** The last `MAX_BARS` bars of each instrument, oldest first. */
  readonly bars: Record<BarInterval, Map<string, Bar[]>>
}

const TRUNC_UNIT = { '1m': 'minute', '1d': 'day' } as const satisfies Record<BarInterval, string>

interface BarRow {
  instrument: string
  t: bigint | string | number
  open: bigint | string | number
  high: bigint | string | number
  low: bigint | string | number
  close: bigint | string | number
  volume: bigint | string | number
}

/**
 * The bars of every instrument from the `trade` table, aggregated in SQL. A bar starts at a minute
 * or at a Shanghai midnight (`traded_at at time zone 'Asia/Shanghai'`, truncated, and back to an
 * instant); open and close are the first and last trade by id, the order the journal applied them.
 */
async function loadBars(
  db: Kysely<Database>,
  interval: BarInterval,
  maxSeq: number,
): Promise<Map<string, Bar[]>> {
  const unit = sql.lit(TRUNC_UNIT[interval])
  const result = await sql<BarRow>`
    select instrument, t, open, high, low, close, volume from (
      select b.*, row_number() over (partition by instrument order by t desc) as recency from (
        select
          instrument,
          extract(epoch from
            date_trunc(${unit}, traded_at at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai'
          )::int8 as t,
          (array_agg(price_cny_per_t order by id))[1]::int8 as open,
          max(price_cny_per_t)::int8 as high,
          min(price_cny_per_t)::int8 as low,
          (array_agg(price_cny_per_t order by id desc))[1]::int8 as close,
          sum(qty_kg)::int8 as volume
        from trade
        where seq <= ${BigInt(maxSeq)}
        group by 1, 2
      ) b
    ) r
    where recency <= ${MAX_BARS}
    order by instrument, t`.execute(db)
  const bars = new Map<string, Bar[]>()
  for (const row of result.rows) {
    const bar: Bar = {
      t: Number(row.t) * 1000,
      open: Number(row.open),
      high: Number(row.high),
      low: Number(row.low),
      close: Number(row.close),
      volumeKg: Number(row.volume),
    }
    const series = bars.get(row.instrument)
    if (series === undefined) bars.set(row.instrument, [bar])
    else series.push(bar)
  }
  return bars
}

/** The tape and the bars of `instruments` as of journal sequence `maxSeq` (later trades come live). */
export async function loadHistory(
  db: Kysely<Database>,
  instruments: readonly string[],
  maxSeq: number,
): Promise<History> {
  const trades: TradeRecord[] = []
  for (const code of instruments) {
    const rows = await db
      .selectFrom('trade')
      .selectAll()
      .where('instrument', '=', code)
      .where('seq', '<=', BigInt(maxSeq))
      .orderBy('id', 'desc')
      .limit(TAPE_SIZE)
      .execute()
    for (let i = rows.length - 1; i >= 0; i--) trades.push(tradeFromRow(rows[i]!))
  }
  trades.sort((a, b) => a.id - b.id)
  return { trades, bars: { '1m': await loadBars(db, '1m', maxSeq), '1d': await loadBars(db, '1d', maxSeq) } }
}
