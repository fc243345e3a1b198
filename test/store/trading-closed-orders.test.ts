import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Instrument } from '../../src/instruments/index.ts'
import type { Result } from '../../src/kernel/index.ts'
import {
  CLOSED_ORDER_HELD_MS,
  CLOSED_ORDER_MEMORY_MS,
  type TradingService,
} from '../../src/trading/service/index.ts'
import type { OrderRequest } from '../../src/trading/service/model.ts'
import { seededBackends } from '../support/databases.ts'
import { fundedService, limitOrder } from '../support/trading.ts'

const CODE = 'AL-A00-GY'

describe.each(seededBackends())('closed orders memory lets go, on $name', ({ open }) => {
  let service: TradingService
  let instrument: Instrument
  let firms: { buyer: string; seller: string; other: string }
  let close = async () => {}
  let now = Date.UTC(2026, 11, 2, 2, 0, 30)

  beforeAll(async () => {
    ;({ service, instrument, firms, close } = await fundedService(open, CODE, () => now))
  })
  afterAll(async () => {
    await close()
  })

  const place = async (enterprise: string, key: string, request: OrderRequest): Promise<number> => {
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex')
    const placed = await service.place(enterprise, key, request, key, hash)
    if (!placed.ok) throw new Error(placed.detail)
    return placed.value.order.id
  }
  const refusal = (result: Result<unknown>): [string, string] | 'ok' =>
    result.ok ? 'ok' : [result.code, result.detail]

  it('keeps a note of whose each closed order was and how it ended, refusing a late cancel or amend from memory', async () => {
    const filled = await place(firms.seller, 'rest', limitOrder(instrument, 'sell', 0, 1, 'GTC'))
    const taker = await place(firms.buyer, 'take', limitOrder(instrument, 'buy', 0, 1, 'IOC'))
    const cancelled = await place(firms.seller, 'pull', limitOrder(instrument, 'sell', 3, 2, 'GTC'))
    expect(refusal(await service.cancel(firms.seller, cancelled))).toBe('ok')
    // Closed just now: still held whole.
    expect(service.state.order(filled)?.status).toBe('filled')
    expect(service.state.closedNote(filled)).toBeUndefined()

    now += CLOSED_ORDER_HELD_MS + 1
    // The next order's commit lets go of the orders closed before it.
    const resting = await place(firms.buyer, 'bid', limitOrder(instrument, 'buy', -5, 1, 'GTC'))
    for (const id of [filled, taker, cancelled]) expect(service.state.order(id)).toBeUndefined()
    expect(service.state.order(resting)?.status).toBe('open')
    expect(service.state.closedNote(filled)).toEqual({ enterpriseId: firms.seller, status: 'filled' })
    expect(service.state.closedNote(taker)).toEqual({ enterpriseId: firms.buyer, status: 'filled' })
    expect(service.state.closedNote(cancelled)).toEqual({ enterpriseId: firms.seller, status: 'cancelled' })
    expect(service.state.closedNote(resting)).toBeUndefined()

    const seq = service.state.seq
    expect(refusal(await service.cancel(firms.seller, filled))).toEqual([
      'ORDER_NOT_OPEN',
      `order ${filled} is filled`,
    ])
    expect(
      refusal(await service.amend(firms.seller, cancelled, null, instrument.referencePriceCnyPerT)),
    ).toEqual(['ORDER_NOT_OPEN', `order ${cancelled} is cancelled`])
    expect(refusal(await service.cancel(null, taker))).toEqual(['ORDER_NOT_OPEN', `order ${taker} is filled`])
    // Another enterprise's order is not there at all, noted or not.
    expect(refusal(await service.cancel(firms.other, filled))[0]).toBe('ORDER_NOT_FOUND')
    expect(service.state.seq).toBe(seq)

    // Notes go after CLOSED_ORDER_MEMORY_MS; then the routes answer from SQL.
    now += CLOSED_ORDER_MEMORY_MS
    service.tick()
    for (const id of [filled, taker, cancelled]) expect(service.state.closedNote(id)).toBeUndefined()
    expect(refusal(await service.cancel(firms.seller, filled))[0]).toBe('ORDER_NOT_FOUND')
    expect(service.state.order(resting)?.status).toBe('open')
  })
})
