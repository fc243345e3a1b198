import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Instrument } from '../../src/instruments/index.ts'
import { IDEMPOTENCY_WINDOW_MS, type TradingService } from '../../src/trading/service/index.ts'
import type { OrderRequest } from '../../src/trading/service/model.ts'
import { seededBackends } from '../support/databases.ts'
import { fundedService, limitOrder } from '../support/trading.ts'

const CODE = 'AL-A00-GY'
const MINUTE = 60_000

describe.each(seededBackends())('idempotency keys of orders memory let go, on $name', ({ open }) => {
  let service: TradingService
  let instrument: Instrument
  let firms: { buyer: string; seller: string }
  let close = async () => {}
  // A whole ten minutes, so that the session clock's ten-minute work runs at the ticks below.
  let now = Date.UTC(2026, 10, 30, 2, 0)

  beforeAll(async () => {
    ;({ service, instrument, firms, close } = await fundedService(open, CODE, () => now))
  })
  afterAll(async () => {
    await close()
  })

  const limit = (side: 'buy' | 'sell', tif: 'GTC' | 'IOC', lots: number) =>
    limitOrder(instrument, side, 0, lots, tif)
  const hashOf = (request: OrderRequest) => createHash('sha256').update(JSON.stringify(request)).digest('hex')

  it('answers a retry with the first result from SQL once the closed order left memory, and forgets the key after the window', async () => {
    expect(
      (
        await service.place(
          firms.seller,
          'seller',
          limit('sell', 'GTC', 1),
          'rest',
          hashOf(limit('sell', 'GTC', 1)),
        )
      ).ok,
    ).toBe(true)
    const request = limit('buy', 'IOC', 2) // one lot trades, the other is cancelled unfilled
    const first = await service.place(firms.buyer, 'buyer', request, 'take', hashOf(request))
    if (!first.ok) throw new Error(first.detail)
    expect(first.value.order.status).toBe('cancelled')
    expect(first.value.trades).toHaveLength(1)

    now += 3 * MINUTE
    service.tick()
    expect(service.state.order(first.value.order.id)).toBeUndefined()

    const seq = service.state.seq
    const retry = await service.place(firms.buyer, 'buyer', request, 'take', hashOf(request))
    if (!retry.ok) throw new Error(retry.detail)
    expect(retry.value.replayed).toBe(true)
    expect(retry.value.order).toEqual(first.value.order)
    expect(retry.value.trades.map((t) => [t.id, t.qtyKg, t.priceCnyPerT])).toEqual(
      first.value.trades.map((t) => [t.id, t.qtyKg, t.priceCnyPerT]),
    )
    const other = limit('buy', 'IOC', 3)
    const reused = await service.place(firms.buyer, 'buyer', other, 'take', hashOf(other))
    expect(reused.ok ? null : reused.code).toBe('IDEMPOTENCY_KEY_REUSED')
    expect(service.state.seq).toBe(seq)

    now = Date.UTC(2026, 10, 30, 2, 10) + IDEMPOTENCY_WINDOW_MS
    service.tick()
    expect(service.state.idempotent(firms.buyer, 'take', hashOf(request))).toBeNull()
    const again = await service.place(firms.buyer, 'buyer', request, 'take', hashOf(request))
    if (!again.ok) throw new Error(again.detail)
    expect(again.value.replayed).toBe(false)
    expect(again.value.order.id).toBeGreaterThan(first.value.order.id)
  })
})
