import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { buyReservationFen, fillFeeFen, notionalFen } from './amounts.ts'
import { InMemoryLedger } from './memory.ts'
import {
  type AccountBalance,
  type Asset,
  CASH,
  isExternalOwner,
  type LedgerEvent,
  receiptAsset,
} from './model.ts'
import { isBalanced } from './postings.ts'

const ENTERPRISES = ['e1', 'e2', 'e3', 'e4'] as const
const INSTRUMENTS = ['AL-A00-GY', 'FOIL-8011-O-0.012'] as const
const FEE_BPS = [0n, 3n, 5n] as const

interface BuyOrder {
  enterprise: string
  instrument: string
  limit: bigint
  bps: bigint
  remainingKg: bigint
  reservedFen: bigint
  filledNotional: bigint
}
interface SellOrder {
  enterprise: string
  instrument: string
  bps: bigint
  remainingKg: bigint
  filledNotional: bigint
}

const enterprise = fc.constantFrom(...ENTERPRISES)
const instrument = fc.constantFrom(...INSTRUMENTS)
const asset = fc.oneof(fc.constant(CASH), instrument.map(receiptAsset))
const amount = fc.bigInt({ min: 1n, max: 5_000_000n })
const pick = fc.nat({ max: 1_000 })

/** One step of a random session: raw ledger events and the order life cycle that drives them. */
const step = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('deposit' as const),
      enterprise,
      amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
    }),
    weight: 3,
  },
  fc.record({
    t: fc.constant('withdraw' as const),
    enterprise,
    amount: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  }),
  { arbitrary: fc.record({ t: fc.constant('intake' as const), enterprise, instrument, amount }), weight: 3 },
  fc.record({ t: fc.constant('deliver' as const), enterprise, instrument, amount }),
  fc.record({ t: fc.constant('reserve' as const), enterprise, asset, amount }),
  fc.record({ t: fc.constant('release' as const), enterprise, asset, amount }),
  {
    arbitrary: fc.record({
      t: fc.constant('buy' as const),
      enterprise,
      instrument,
      limit: fc.bigInt({ min: 1n, max: 30_000n }),
      qty: fc.bigInt({ min: 1n, max: 200_000n }),
      bps: fc.constantFrom(...FEE_BPS),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('sell' as const),
      enterprise,
      instrument,
      qty: fc.bigInt({ min: 1n, max: 200_000n }),
      bps: fc.constantFrom(...FEE_BPS),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('fill' as const),
      buy: pick,
      sell: pick,
      part: fc.integer({ min: 1, max: 100 }),
      discount: fc.bigInt({ min: 0n, max: 500n }),
    }),
    weight: 6,
  },
  fc.record({ t: fc.constant('cancel' as const), side: fc.constantFrom('buy', 'sell'), order: pick }),
  /** A settlement with arbitrary amounts: mostly refused, and then it must change nothing. */
  fc.record({
    t: fc.constant('wild-settle' as const),
    buyer: enterprise,
    seller: enterprise,
    instrument,
    price: fc.bigInt({ min: 1n, max: 30_000n }),
    qty: fc.bigInt({ min: 1n, max: 50_000n }),
    buyerFee: fc.bigInt({ min: 0n, max: 1_000n }),
    sellerFee: fc.bigInt({ min: 0n, max: 1_000n }),
    releaseBuyer: fc.bigInt({ min: 0n, max: 10_000n }),
  }),
)

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never

/** Σ per asset over enterprise and center accounts. */
function heldByAsset(balances: readonly AccountBalance[]): Map<Asset, bigint> {
  const held = new Map<Asset, bigint>()
  for (const b of balances)
    if (!isExternalOwner(b.owner)) held.set(b.asset, (held.get(b.asset) ?? 0n) + b.amount)
  return held
}

function runSession(steps: readonly Step[]) {
  const ledger = new InMemoryLedger()
  const buys: BuyOrder[] = []
  const sells: SellOrder[] = []
  let refused = 0

  const apply = (event: LedgerEvent): boolean => {
    const before = ledger.balances()
    const transactions = ledger.transactions().length
    const result = ledger.post(event)
    if (!result.ok) {
      refused++
      // A refusal changes nothing.
      expect(ledger.balances()).toEqual(before)
      expect(ledger.transactions()).toHaveLength(transactions)
      return false
    }
    const { posting, balances } = result.value
    expect(isBalanced(posting.entries)).toBe(true)
    for (const b of balances) if (!isExternalOwner(b.owner)) expect(b.amount).toBeGreaterThanOrEqual(0n)
    // Conservation: Σ held per asset changes only by deposits, withdrawals, intakes, deliveries.
    const expected = heldByAsset(before)
    const flowAsset: Asset = 'instrument' in event ? receiptAsset(event.instrument) : CASH
    const flow =
      event.kind === 'deposit'
        ? event.amountFen
        : event.kind === 'withdrawal'
          ? -event.amountFen
          : event.kind === 'intake'
            ? event.qtyKg
            : event.kind === 'delivery'
              ? -event.qtyKg
              : 0n
    if (flow !== 0n) expected.set(flowAsset, (expected.get(flowAsset) ?? 0n) + flow)
    const after = heldByAsset(ledger.balances())
    for (const a of new Set([...expected.keys(), ...after.keys()]))
      expect(after.get(a) ?? 0n, `Σ ${a} after ${event.kind}`).toBe(expected.get(a) ?? 0n)
    return true
  }

  for (const s of steps) {
    switch (s.t) {
      case 'deposit':
        apply({ kind: 'deposit', enterprise: s.enterprise, amountFen: s.amount })
        break
      case 'withdraw':
        apply({ kind: 'withdrawal', enterprise: s.enterprise, amountFen: s.amount })
        break
      case 'intake':
        apply({ kind: 'intake', enterprise: s.enterprise, instrument: s.instrument, qtyKg: s.amount })
        break
      case 'deliver':
        apply({ kind: 'delivery', enterprise: s.enterprise, instrument: s.instrument, qtyKg: s.amount })
        break
      case 'reserve':
        apply({ kind: 'reserve', enterprise: s.enterprise, asset: s.asset, amount: s.amount })
        break
      case 'release':
        apply({ kind: 'release', enterprise: s.enterprise, asset: s.asset, amount: s.amount })
        break
      case 'buy': {
        const reservedFen = buyReservationFen(s.limit, s.qty, s.bps)
        if (reservedFen === 0n) break
        if (apply({ kind: 'reserve', enterprise: s.enterprise, asset: CASH, amount: reservedFen }))
          buys.push({ ...s, remainingKg: s.qty, reservedFen, filledNotional: 0n })
        break
      }
      case 'sell':
        if (
          apply({
            kind: 'reserve',
            enterprise: s.enterprise,
            asset: receiptAsset(s.instrument),
            amount: s.qty,
          })
        )
          sells.push({ ...s, remainingKg: s.qty, filledNotional: 0n })
        break
      case 'fill': {
        const buy = buys[s.buy % Math.max(buys.length, 1)]
        const sell = sells.find(
          (o, i) => i >= s.sell % Math.max(sells.length, 1) && o.instrument === buy?.instrument,
        )
        if (!buy || !sell) break
        // (Math.min does not take bigint)
        let max = sell.remainingKg
        if (buy.remainingKg < max) max = buy.remainingKg
        const qty = (max * BigInt(s.part) + 99n) / 100n
        const price = buy.limit - s.discount > 0n ? buy.limit - s.discount : buy.limit
        const notional = notionalFen(price, qty)
        if (notional === 0n) break
        const buyerFee = fillFeeFen(buy.filledNotional, notional, buy.bps)
        const sellerFee = fillFeeFen(sell.filledNotional, notional, sell.bps)
        const buyDone = qty === buy.remainingKg
        const left = buy.reservedFen - notional - buyerFee
        const releaseBuyerFen = buyDone && left > 0n ? left : 0n
        const ok = apply({
          kind: 'settle',
          buyer: buy.enterprise,
          seller: sell.enterprise,
          instrument: buy.instrument,
          priceCnyPerT: price,
          qtyKg: qty,
          buyerFeeFen: buyerFee,
          sellerFeeFen: sellerFee,
          releaseBuyerFen,
        })
        if (!ok) break
        buy.remainingKg -= qty
        buy.reservedFen -= notional + buyerFee + releaseBuyerFen
        buy.filledNotional += notional
        sell.remainingKg -= qty
        sell.filledNotional += notional
        if (buyDone) buys.splice(buys.indexOf(buy), 1)
        if (sell.remainingKg === 0n) sells.splice(sells.indexOf(sell), 1)
        break
      }
      case 'cancel': {
        if (s.side === 'buy') {
          const order = buys[s.order % Math.max(buys.length, 1)]
          if (!order) break
          const amount = order.reservedFen
          if (amount === 0n || apply({ kind: 'release', enterprise: order.enterprise, asset: CASH, amount }))
            buys.splice(buys.indexOf(order), 1)
        } else {
          const order = sells[s.order % Math.max(sells.length, 1)]
          if (!order) break
          const asset = receiptAsset(order.instrument)
          if (apply({ kind: 'release', enterprise: order.enterprise, asset, amount: order.remainingKg }))
            sells.splice(sells.indexOf(order), 1)
        }
        break
      }
      case 'wild-settle':
        apply({
          kind: 'settle',
          buyer: s.buyer,
          seller: s.seller,
          instrument: s.instrument,
          priceCnyPerT: s.price,
          qtyKg: s.qty,
          buyerFeeFen: s.buyerFee,
          sellerFeeFen: s.sellerFee,
          releaseBuyerFen: s.releaseBuyer,
        })
        break
    }
  }
  return { ledger, refused }
}

describe('ledger invariants over random sessions', () => {
  it('never goes negative, balances every transaction, conserves cash and receipts; refusals change nothing', () => {
    let settled = 0
    let refusedTotal = 0
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 150, size: 'max' }), (steps) => {
        const { ledger, refused } = runSession(steps)
        refusedTotal += refused
        settled += ledger.transactions().filter((t) => t.kind === 'settle').length
        const report = ledger.verify()
        expect(report.discrepancies).toEqual([])
        expect(report.ok).toBe(true)
        for (const t of report.totals) expect(t.held).toBe(t.in - t.out)
      }),
      { numRuns: 300 },
    )
    // The generator reaches both paths often.
    expect(settled).toBeGreaterThan(100)
    expect(refusedTotal).toBeGreaterThan(100)
  })

  it('an order filled in parts and then cancelled leaves nothing reserved', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 30_000n }),
        fc.array(fc.bigInt({ min: 1n, max: 5_000n }), { minLength: 1, maxLength: 10 }),
        fc.constantFrom(...FEE_BPS),
        (limit, fills, bps) => {
          const ledger = new InMemoryLedger()
          const qty = fills.reduce((a, b) => a + b, 0n) + 1n
          const reserved = buyReservationFen(limit, qty, bps)
          // A tiny order can round to a 0-fen reservation, which the ledger rightly refuses to post.
          fc.pre(reserved > 0n)
          const must = (event: LedgerEvent) => {
            const r = ledger.post(event)
            if (!r.ok) throw new Error(`${event.kind}: ${r.detail}`)
          }
          must({ kind: 'deposit', enterprise: 'e1', amountFen: reserved + 1n })
          must({ kind: 'intake', enterprise: 'e2', instrument: INSTRUMENTS[0], qtyKg: qty })
          must({ kind: 'reserve', enterprise: 'e1', asset: CASH, amount: reserved })
          must({ kind: 'reserve', enterprise: 'e2', asset: receiptAsset(INSTRUMENTS[0]), amount: qty })
          let left = reserved
          let filled = 0n
          let leftKg = qty
          for (const kg of fills) {
            const notional = notionalFen(limit, kg)
            if (notional === 0n) continue
            const fee = fillFeeFen(filled, notional, bps)
            // Fills at the limit on a tick of 10 never exceed the reservation: here they may by rounding.
            if (notional + fee > left) return
            must({
              kind: 'settle',
              buyer: 'e1',
              seller: 'e2',
              instrument: INSTRUMENTS[0],
              priceCnyPerT: limit,
              qtyKg: kg,
              buyerFeeFen: fee,
              sellerFeeFen: fee,
            })
            left -= notional + fee
            filled += notional
            leftKg -= kg
          }
          if (left > 0n) must({ kind: 'release', enterprise: 'e1', asset: CASH, amount: left })
          must({ kind: 'release', enterprise: 'e2', asset: receiptAsset(INSTRUMENTS[0]), amount: leftKg })
          for (const b of ledger.balances()) if (b.bucket === 'reserved') expect(b.amount).toBe(0n)
          expect(ledger.verify().ok).toBe(true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('fills on a tick of 10 CNY/t never need more than the order reserved', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 3_000n }),
        fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 50_000n }), fc.bigInt({ min: 0n, max: 100n })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.constantFrom(...FEE_BPS),
        (limitTicks, fills, bps) => {
          const limit = limitTicks * 10n
          const qty = fills.reduce((a, [kg]) => a + kg, 0n)
          let cost = 0n
          let filled = 0n
          for (const [kg, improvement] of fills) {
            const price = limit - improvement * 10n > 0n ? limit - improvement * 10n : limit
            const notional = notionalFen(price, kg)
            cost += notional + fillFeeFen(filled, notional, bps)
            filled += notional
          }
          expect(cost).toBeLessThanOrEqual(buyReservationFen(limit, qty, bps))
        },
      ),
    )
  })
})
