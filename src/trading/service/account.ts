import type { Kysely } from 'kysely'
import { CASH, instrumentOf } from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'
import type { TradingService } from './service.ts'

/** An enterprise's balances as the trading service holds them (what its next order is checked against). */
export async function accountOf(db: Kysely<Database>, service: TradingService, enterpriseId: string) {
  const enterprise = await db
    .selectFrom('enterprise')
    .select(['name_zh', 'name_en'])
    .where('id', '=', enterpriseId)
    .executeTakeFirst()
  const state = service.state
  const cash = (bucket: 'available' | 'reserved') =>
    state.balance({ owner: enterpriseId, asset: CASH, bucket })
  const receipts = new Map<string, { available: bigint; reserved: bigint }>()
  for (const b of state.balances()) {
    const instrument = b.owner === enterpriseId ? instrumentOf(b.asset) : null
    if (instrument === null) continue
    const r = receipts.get(instrument) ?? { available: 0n, reserved: 0n }
    r[b.bucket] += b.amount
    receipts.set(instrument, r)
  }
  return {
    enterpriseId,
    enterpriseName: { zh: enterprise?.name_zh ?? enterpriseId, en: enterprise?.name_en ?? enterpriseId },
    cash: { availableFen: cash('available').toString(), reservedFen: cash('reserved').toString() },
    receipts: [...receipts.entries()]
      .filter(([, r]) => r.available > 0n || r.reserved > 0n)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([instrument, r]) => ({
        instrument,
        availableKg: r.available.toString(),
        reservedKg: r.reserved.toString(),
      })),
  }
}
