import { rmSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HuiguoApp } from '../../src/app.ts'
import { verifyLedger } from '../../src/ledger/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, fund, tokenFor, tradingApp } from '../support/trading.ts'

const INGOT = 'AL-A00-GY'
const SHEET = 'SHEET-1060-H24-1.0x1220'
const CASH_FEN = 50_000_000_000n // CNY 500 million

describe.each(seededBackends())('trading API on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let journalDir: string
  let firms: { buyer: string; seller: string; other: string }
  let asBuyer: { authorization: string }
  let asSeller: { authorization: string }
  let asOther: { authorization: string }
  let asViewer: { authorization: string }
  let keyNo = 0
  const key = () => `test-key-${++keyNo}`

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asBuyer = await tokenFor(database, firms.buyer, 'buyer.wang', ['trader'])
    asSeller = await tokenFor(database, firms.seller, 'seller.li', ['trader'])
    asOther = await tokenFor(database, firms.other, 'other.zhang', ['trader'])
    asViewer = await tokenFor(database, firms.buyer, 'viewer.chen', ['viewer'])
    await fund(database, firms.buyer, CASH_FEN, {})
    await fund(database, firms.seller, 0n, { [INGOT]: 100_000n, [SHEET]: 50_000n })
    await fund(database, firms.other, CASH_FEN, { [INGOT]: 100_000n })
    const opened = await tradingApp(database)
    huiguo = opened.huiguo
    journalDir = opened.journalDir
  })
  afterAll(async () => {
    await huiguo?.close()
    if (journalDir) rmSync(journalDir, { recursive: true, force: true })
    await database?.dispose()
  })

  const place = (headers: Record<string, string>, body: unknown, idempotencyKey: string | null = key()) =>
    huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...headers, ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}) },
      payload: body as Record<string, unknown>,
    })
  const get = (headers: Record<string, string>, url: string) =>
    huiguo.app.inject({ method: 'GET', url, headers })
  const account = async (headers: Record<string, string>) => (await get(headers, '/api/v1/account')).json()
  const reference = () => huiguo.trading.state.instrument(INGOT)!.referencePriceCnyPerT

  it('trades a sell and a crossing buy, settles DvP and answers with the fill', async () => {
    const price = reference()
    const sell = await place(asSeller, { instrument: INGOT, side: 'sell', type: 'limit', price, qty: 10_000 })
    expect(sell.statusCode).toBe(201)
    expect(sell.json().order).toMatchObject({ status: 'open', remainingQty: 10_000, reserved: '10000' })
    const before = await account(asBuyer)
    const buy = await place(asBuyer, {
      instrument: INGOT,
      side: 'buy',
      type: 'limit',
      price: price + 50,
      qty: 5_000,
    })
    expect(huiguo.trading.failure?.cause ?? huiguo.trading.failure).toBeNull()
    expect(buy.statusCode).toBe(201)
    const body = buy.json()
    expect(body.order).toMatchObject({ status: 'filled', filledQty: 5_000, remainingQty: 0, reserved: '0' })
    expect(body.trades).toHaveLength(1)
    expect(body.trades[0]).toMatchObject({ side: 'buy', price, qtyKg: 5_000, aggressor: 'buy' })
    const notional = (BigInt(price) * 5_000n) / 10n
    const fee = BigInt(body.trades[0].feeFen)
    expect(body.trades[0].notionalFen).toBe(notional.toString())
    const after = await account(asBuyer)
    expect(BigInt(after.cash.availableFen)).toBe(BigInt(before.cash.availableFen) - notional - fee)
    expect(after.cash.reservedFen).toBe('0')
    expect(after.receipts).toContainEqual({ instrument: INGOT, availableKg: '5000', reservedKg: '0' })
    const seller = await account(asSeller)
    expect(seller.receipts).toContainEqual({ instrument: INGOT, availableKg: '90000', reservedKg: '5000' })

    const mine = await get(asSeller, '/api/v1/trades?mine=true')
    expect(mine.json().items[0]).toMatchObject({ side: 'sell', qtyKg: 5_000, price })
    const contracts = (await get(asBuyer, '/api/v1/contracts')).json().items
    expect(contracts[0]).toMatchObject({
      side: 'buy',
      counterpartyId: firms.seller,
      qtyKg: 5_000,
      amountFen: notional.toString(),
    })
    expect(contracts[0].pickupFrom <= contracts[0].pickupTo).toBe(true)
    const report = await verifyLedger(database.db)
    expect(report.discrepancies).toEqual([])
  })

  it('answers the same Idempotency-Key with the first result and refuses it for another request', async () => {
    const k = key()
    const body = { instrument: INGOT, side: 'sell', type: 'limit', price: reference() + 200, qty: 5_000 }
    const first = await place(asSeller, body, k)
    const again = await place(asSeller, body, k)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(200)
    expect(again.json().order.id).toBe(first.json().order.id)
    const other = await place(asSeller, { ...body, qty: 10_000 }, k)
    expect(other.statusCode).toBe(409)
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED')
    // Keys are per enterprise: another enterprise's same key is a new order.
    const theirs = await place(asOther, body, k)
    expect(theirs.statusCode).toBe(201)
    expect(theirs.json().order.id).not.toBe(first.json().order.id)
  })

  it('refuses what the buyer cannot pay for, reserving nothing', async () => {
    const before = await account(asBuyer)
    const tooBig = await place(asBuyer, {
      instrument: INGOT,
      side: 'buy',
      type: 'limit',
      price: reference(),
      qty: 50_000_000,
    })
    expect(tooBig.statusCode).toBe(422)
    expect(tooBig.json().code).toBe('INSUFFICIENT_FUNDS')
    const noReceipts = await place(asBuyer, {
      instrument: INGOT,
      side: 'sell',
      type: 'limit',
      price: reference(),
      qty: 50_000,
    })
    expect(noReceipts.json().code).toBe('INSUFFICIENT_RECEIPTS')
    expect(await account(asBuyer)).toEqual(before)
  })

  it.each([
    [{ side: 'buy', type: 'limit', price: 20_005, qty: 5_000 }, 422, 'PRICE_OFF_TICK'],
    [{ side: 'buy', type: 'limit', price: 99_990, qty: 5_000 }, 422, 'PRICE_OUTSIDE_BAND'],
    [{ side: 'buy', type: 'limit', price: 20_000, qty: 2_500 }, 422, 'QTY_NOT_LOT_MULTIPLE'],
    [{ side: 'buy', type: 'limit', price: 20_000, qty: 2.5 }, 400, 'VALIDATION_FAILED'],
    [{ side: 'buy', type: 'limit', price: 20_000, qty: -5_000 }, 400, 'VALIDATION_FAILED'],
    [{ side: 'buy', type: 'limit', qty: 5_000 }, 400, 'VALIDATION_FAILED'],
    [{ side: 'buy', type: 'market', qty: 5_000, tif: 'GTC' }, 400, 'VALIDATION_FAILED'],
    [{ side: 'buy', type: 'market', price: 20_000, qty: 5_000 }, 400, 'VALIDATION_FAILED'],
    [
      { side: 'buy', type: 'limit', price: 20_000, qty: 5_000, tif: 'IOC', postOnly: true },
      400,
      'VALIDATION_FAILED',
    ],
    [{ side: 'buy', type: 'limit', price: 20_000, qty: 5_000, colour: 'red' }, 400, 'VALIDATION_FAILED'],
    [
      { instrument: 'NO-SUCH-THING', side: 'buy', type: 'limit', price: 20_000, qty: 5_000 },
      404,
      'INSTRUMENT_NOT_FOUND',
    ],
    [
      { instrument: 'CRC-1060-F-7.0x1600', side: 'buy', type: 'limit', price: 600, qty: 10_000 },
      409,
      'LISTING_ONLY',
    ],
  ])('refuses %j with %i %s and journals nothing', async (body, status, code) => {
    const seq = huiguo.trading.state.seq
    const res = await place(asBuyer, { instrument: INGOT, ...body })
    expect(res.statusCode).toBe(status)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json().code).toBe(code)
    expect(huiguo.trading.state.seq).toBe(seq)
  })

  it('refuses requests without a key, without the role, without credentials, or too large', async () => {
    const body = { instrument: INGOT, side: 'buy', type: 'limit', price: reference(), qty: 5_000 }
    expect((await place(asBuyer, body, null)).json().code).toBe('IDEMPOTENCY_KEY_REQUIRED')
    expect((await place(asViewer, body)).statusCode).toBe(403)
    expect((await place({}, body)).json().code).toBe('UNAUTHENTICATED')
    expect((await place({ authorization: 'Bearer hg_forged' }, body)).json().code).toBe('TOKEN_INVALID')
    const malformed = await huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...asBuyer, 'idempotency-key': key(), 'content-type': 'application/json' },
      payload: '{"instrument":',
    })
    expect(malformed.json().code).toBe('MALFORMED_JSON')
    const huge = await huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...asBuyer, 'idempotency-key': key(), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...body, padding: 'x'.repeat(10_000) }),
    })
    expect(huge.statusCode).toBe(413)
  })

  it("hides another enterprise's orders and cancels only one's own", async () => {
    const placed = await place(asSeller, {
      instrument: INGOT,
      side: 'sell',
      type: 'limit',
      price: reference() + 300,
      qty: 5_000,
    })
    const id = placed.json().order.id
    expect((await get(asOther, `/api/v1/orders/${id}`)).statusCode).toBe(404)
    const theirCancel = await huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${id}`,
      headers: asOther,
    })
    expect(theirCancel.statusCode).toBe(404)
    expect(theirCancel.json().code).toBe('ORDER_NOT_FOUND')
    const before = await account(asSeller)
    const cancel = await huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${id}`,
      headers: asSeller,
    })
    expect(cancel.statusCode).toBe(200)
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: 'user', reserved: '0' })
    const after = await account(asSeller)
    const rcpt = (a: { receipts: { instrument: string; availableKg: string }[] }) =>
      BigInt(a.receipts.find((r) => r.instrument === INGOT)!.availableKg)
    expect(rcpt(after) - rcpt(before)).toBe(5_000n)
    const again = await huiguo.app.inject({
      method: 'DELETE',
      url: `/api/v1/orders/${id}`,
      headers: asSeller,
    })
    expect(again.json().code).toBe('ORDER_NOT_OPEN')
    // Once memory lets the closed order go, its note answers, and once the note goes too, SQL: closed
    // to its owner, unknown to others, either way.
    const cancelOf = (headers: Record<string, string>) =>
      huiguo.app.inject({ method: 'DELETE', url: `/api/v1/orders/${id}`, headers })
    huiguo.trading.state.forget(Number.MAX_SAFE_INTEGER)
    expect(huiguo.trading.state.order(Number(id))).toBeUndefined()
    expect(huiguo.trading.state.closedNote(Number(id))?.status).toBe('cancelled')
    for (const forgetNotes of [false, true]) {
      if (forgetNotes) {
        huiguo.trading.state.forgetNotes(Number.MAX_SAFE_INTEGER)
        expect(huiguo.trading.state.closedNote(Number(id))).toBeUndefined()
      }
      const forgotten = await cancelOf(asSeller)
      expect([forgotten.statusCode, forgotten.json().code]).toEqual([409, 'ORDER_NOT_OPEN'])
      const notTheirs = await cancelOf(asBuyer)
      expect([notTheirs.statusCode, notTheirs.json().code]).toEqual([404, 'ORDER_NOT_FOUND'])
    }
    const open = (await get(asSeller, '/api/v1/orders?status=cancelled')).json().items
    expect(open.map((o: { id: string }) => o.id)).toContain(id)
  })

  it('amends an order: a smaller quantity releases receipts, a new price can trade', async () => {
    const price = reference() + 400
    const placed = (
      await place(asSeller, { instrument: INGOT, side: 'sell', type: 'limit', price, qty: 10_000 })
    ).json()
    const patch = (body: unknown) =>
      huiguo.app.inject({
        method: 'PATCH',
        url: `/api/v1/orders/${placed.order.id}`,
        headers: asSeller,
        payload: body as object,
      })
    const smaller = await patch({ qty: 5_000 })
    expect(smaller.json().order).toMatchObject({ remainingQty: 5_000, reserved: '5000', price })
    expect((await patch({ price: price + 5 })).json().code).toBe('PRICE_OFF_TICK')
    expect((await patch({})).statusCode).toBe(400)
    await place(asBuyer, {
      instrument: INGOT,
      side: 'buy',
      type: 'limit',
      price: reference() - 500,
      qty: 5_000,
    })
    const crossing = await patch({ price: reference() - 500 })
    expect(crossing.statusCode).toBe(200)
    expect(crossing.json().order.status).toBe('filled')
    expect(crossing.json().trades[0]).toMatchObject({
      side: 'sell',
      aggressor: 'sell',
      price: reference() - 500,
    })
  })

  it('lets risk halt an instrument: orders are refused until it reopens, and traders may not halt', async () => {
    const asRisk = await tokenFor(database, firms.other, 'risk.qian', ['risk'])
    const status = (headers: Record<string, string>, value: string) =>
      huiguo.app.inject({
        method: 'PUT',
        url: `/api/v1/instruments/${SHEET}/status`,
        headers,
        payload: { status: value },
      })
    expect((await status(asSeller, 'halted')).statusCode).toBe(403)
    expect((await status(asRisk, 'halted')).json()).toEqual({ code: SHEET, status: 'halted' })
    const body = { instrument: SHEET, side: 'sell', type: 'limit', price: 1_900, qty: 5_000 }
    const refused = await place(asSeller, body)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('INSTRUMENT_HALTED')
    expect((await get({}, `/api/v1/instruments/${SHEET}`)).json().status).toBe('halted')
    expect((await status(asRisk, 'open')).statusCode).toBe(200)
    expect((await place(asSeller, body)).statusCode).toBe(201)
  })

  it('previews the reservation of an order without placing it', async () => {
    const seq = huiguo.trading.state.seq
    const res = await huiguo.app.inject({
      method: 'POST',
      url: '/api/v1/orders/preview',
      headers: asBuyer,
      payload: { instrument: SHEET, side: 'buy', type: 'limit', price: 1_800, qty: 5_000 },
    })
    expect(res.statusCode).toBe(200)
    const preview = res.json()
    const sheet = huiguo.trading.state.instrument(SHEET)!
    const allIn = 1_800 + sheet.configuredBaseCnyPerT!
    expect(preview.allInPrice).toBe(allIn)
    expect(preview.reservation).toMatchObject({ asset: 'CNY', unit: 'fen' })
    expect(BigInt(preview.reservation.amount)).toBeGreaterThanOrEqual((BigInt(allIn) * 5_000n) / 10n)
    expect(preview.refusal).toBeNull()
    expect(huiguo.trading.state.seq).toBe(seq)
  })

  it('keeps every acknowledged order and trade across a restart from the journal', async () => {
    const placed = await place(asSeller, {
      instrument: INGOT,
      side: 'sell',
      type: 'limit',
      price: reference() + 600,
      qty: 5_000,
    })
    const before = (await get(asSeller, '/api/v1/orders?limit=200')).json().items
    const balances = await account(asSeller)
    const seq = huiguo.trading.state.seq
    await huiguo.close()
    const reopened = await tradingApp(database, journalDir)
    huiguo = reopened.huiguo
    expect(huiguo.trading.state.seq).toBe(seq)
    expect((await get(asSeller, '/api/v1/orders?limit=200')).json().items).toEqual(before)
    expect(await account(asSeller)).toEqual(balances)
    expect(huiguo.trading.state.engine.view.isResting(Number(placed.json().order.id))).toBe(true)
  })

  it('never answers a random body with a 5xx, and journals nothing it refused', async () => {
    const value = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom(INGOT, SHEET, 'buy', 'sell', 'limit', 'market', 'GTC', 'IOC', 'FOK', 'cancel_both'),
    )
    const body = fc.oneof(
      fc.dictionary(
        fc.constantFrom('instrument', 'side', 'type', 'price', 'qty', 'tif', 'postOnly', 'stp', 'x'),
        value,
      ),
      fc.anything(),
    )
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const seq = huiguo.trading.state.seq
        const res = await huiguo.app.inject({
          method: 'POST',
          url: '/api/v1/orders',
          headers: { ...asBuyer, 'idempotency-key': key(), 'content-type': 'application/json' },
          payload: JSON.stringify(payload) ?? 'undefined',
        })
        expect(res.statusCode).toBeLessThan(500)
        if (res.statusCode >= 400) expect(huiguo.trading.state.seq).toBe(seq)
      }),
      { numRuns: 150 },
    )
  })
})
