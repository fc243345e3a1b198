/**
 * SQL for taking in the trading center's trades as deals: the trades after a cursor, and the cursor
 * itself (in app_meta), locked so two runs take in each trade once. A cursor suffices because trade
 * ids grow in the order the trading projection writes them (the journal's order).
 * @module
 */
import { type TradeRecord, tradeFromRow } from '../trading/service/index.ts'
import type { Db } from './store.ts'

const TRADE_CURSOR_KEY = 'pricing.trades_taken_in'

/**
 * Locks the position of the trading center's trades taken in as deals (creating it at 0), so two
 * runs take in each trade once; returns the last trade id taken in. Call it inside a transaction.
 */
export async function lockTradeCursor(db: Db): Promise<bigint> {
  await db
    .insertInto('app_meta')
    .values({ key: TRADE_CURSOR_KEY, value: JSON.stringify({ tradeId: '0' }) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const row = await db
    .selectFrom('app_meta')
    .select('value')
    .where('key', '=', TRADE_CURSOR_KEY)
    .forUpdate()
    .executeTakeFirstOrThrow()
  return BigInt((row.value as { tradeId: string }).tradeId)
}

export async function setTradeCursor(db: Db, tradeId: bigint): Promise<void> {
  await db
    .updateTable('app_meta')
    .set({ value: JSON.stringify({ tradeId: tradeId.toString() }), updated_at: new Date() })
    .where('key', '=', TRADE_CURSOR_KEY)
    .execute()
}

/** The trading center's trades after trade `afterId`, oldest first. */
export async function tradesAfter(db: Db, afterId: bigint, limit: number): Promise<TradeRecord[]> {
  const rows = await db
    .selectFrom('trade')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute()
  return rows.map(tradeFromRow)
}
