import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { demo } from '../../instruments/fixtures.test-util.ts'
import { type Instrument, priceBand } from '../../instruments/index.ts'
import { type AccountBalance, CASH, InMemoryLedger, isExternalOwner } from '../../ledger/index.ts'
import type { Applied, JournalCommand, OrderRequest, OrderState } from './model.ts'
import { type Snapshot, TradingState } from './state.ts'

const INGOT = demo('AL-A00-GY')
const SHEET = demo('SHEET-1060-H24-1.0x1220')
const INSTRUMENTS: Instrument[] = [INGOT, SHEET]
const FIRMS = ['p-001', 'p-002', 'p-003', 'b-001']

/** Every firm starts with cash and with receipts of both instruments. */
function startingBalances(): AccountBalance[] {
  const ledger = new InMemoryLedger()
  for (const firm of FIRMS) {
    ledger.post({ kind: 'deposit', enterprise: firm, amountFen: 3_000_000_000n })
    for (const i of INSTRUMENTS)
      ledger.post({ kind: 'intake', enterprise: firm, instrument: i.code, qtyKg: 200_000n })
  }
  return ledger.balances()
}

const emptySnapshot = (): Snapshot => ({
  seq: 0,
  nextOrderId: 1,
  nextTradeId: 1,
  balances: startingBalances(),
  openOrders: [],
  closedOrders: [],
  keys: [],
  callInstruments: [],
})

type Step =
  | { kind: 'order'; firm: number; instrument: number; request: Omit<OrderRequest, 'instrument'> }
  | { kind: 'cancel'; pick: number }
  | { kind: 'amend'; pick: number; lots: number | null; ticks: number | null }
  | { kind: 'phase'; call: boolean }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('order' as const),
      firm: fc.nat(FIRMS.length - 1),
      instrument: fc.nat(1),
      request: fc
        .record({
          side: fc.constantFrom('buy' as const, 'sell' as const),
          market: fc.boolean(),
          ticks: fc.integer({ min: -8, max: 8 }),
          lots: fc.integer({ min: 1, max: 6 }),
          tif: fc.constantFrom('GTC' as const, 'GTC' as const, 'IOC' as const, 'FOK' as const),
          postOnly: fc.boolean(),
          stp: fc.constantFrom('cancel_resting' as const, 'cancel_incoming' as const, 'cancel_both' as const),
        })
        .map((r) => ({
          side: r.side,
          type: r.market ? ('market' as const) : ('limit' as const),
          priceCnyPerT: r.market ? null : r.ticks,
          qtyKg: r.lots,
          tif: r.market && r.tif === 'GTC' ? ('IOC' as const) : r.tif,
          postOnly: !r.market && r.tif === 'GTC' && r.postOnly,
          stp: r.stp,
        })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('amend' as const),
      pick: fc.nat(),
      lots: fc.option(fc.integer({ min: 1, max: 6 })),
      ticks: fc.option(fc.integer({ min: -8, max: 8 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('phase' as const), call: fc.boolean() }) },
)

let tradesSeen = 0

/** Turns random steps into the commands the service would journal (refusals are not journaled). */
function run(
  state: TradingState,
  steps: readonly Step[],
  journal: JournalCommand[],
  applieds: Applied[] = [],
): void {
  let at = Date.parse('2026-11-30T02:00:00Z')
  for (const step of steps) {
    at += 1000
    let command: JournalCommand | null = null
    const open = [...state.orders()].filter((o) => o.status === 'open')
    if (step.kind === 'order') {
      const instrument = INSTRUMENTS[step.instrument]!
      const r = step.request
      const request: OrderRequest = {
        ...r,
        instrument: instrument.code,
        priceCnyPerT:
          r.priceCnyPerT === null
            ? null
            : instrument.referencePriceCnyPerT + r.priceCnyPerT * instrument.tickCnyPerT,
        qtyKg: r.qtyKg * instrument.lotKg,
      }
      const base = instrument.priceBasis === 'fee' ? (instrument.configuredBaseCnyPerT ?? 0) : null
      const ceiling = priceBand(instrument).highCnyPerT
      if (state.checkNew(FIRMS[step.firm]!, request, base, ceiling) === null)
        command = {
          op: 'new',
          at,
          order: state.nextOrderId,
          enterprise: FIRMS[step.firm]!,
          user: 'u',
          key: `k${at}`,
          hash: 'h',
          base,
          ceiling,
          request,
        }
    } else if (step.kind === 'cancel' && open.length > 0) {
      command = { op: 'cancel', at, order: open[step.pick % open.length]!.id }
    } else if (step.kind === 'amend' && open.length > 0) {
      const order = open[step.pick % open.length]!
      const instrument = state.instrument(order.instrument)!
      const qtyKg = step.lots === null ? null : step.lots * instrument.lotKg
      const price =
        step.ticks === null || order.type === 'market'
          ? null
          : instrument.referencePriceCnyPerT + step.ticks * instrument.tickCnyPerT
      if ((qtyKg !== null || price !== null) && state.checkAmend(order, qtyKg, price) === null)
        command = { op: 'amend', at, order: order.id, qtyKg, priceCnyPerT: price }
    } else if (step.kind === 'phase' && step.call !== state.inCall(SHEET.code)) {
      command = { op: 'phase', at, instrument: SHEET.code, model: step.call ? 'call' : 'continuous' }
    }
    if (command === null) continue
    const applied = state.apply(state.seq + 1, command)
    tradesSeen += applied.trades.length
    applieds.push(applied)
    journal.push(command)
    checkInvariants(state)
  }
}

function checkInvariants(state: TradingState): void {
  const balances = state.balances()
  const totals = new Map<string, bigint>()
  for (const b of balances) {
    if (!isExternalOwner(b.owner)) expect(b.amount).toBeGreaterThanOrEqual(0n)
    totals.set(b.asset, (totals.get(b.asset) ?? 0n) + b.amount)
  }
  // Double entry: every asset sums to zero over all accounts, the outside world included, so what
  // members and the center hold changes only by deposits and intakes, never by trading.
  for (const [asset, total] of totals) expect(total, asset).toBe(0n)
  const reservedByAccount = new Map<string, bigint>()
  for (const o of state.orders()) {
    expect(o.filledKg + o.remainingKg <= o.qtyKg).toBe(true)
    if (o.status !== 'open') {
      expect(o.reserved).toBe(0n)
      expect(state.engine.view.isResting(o.id)).toBe(false)
      continue
    }
    expect(state.engine.view.openQty(o.id)).toBe(o.remainingKg)
    const asset = o.side === 'buy' ? CASH : `RCPT:${o.instrument}`
    const key = `${o.enterpriseId} ${asset}`
    reservedByAccount.set(key, (reservedByAccount.get(key) ?? 0n) + o.reserved)
    if (o.side === 'sell') expect(o.reserved).toBe(BigInt(o.remainingKg))
  }
  for (const b of balances) {
    if (b.bucket !== 'reserved') continue
    expect(b.amount, `${b.owner} ${b.asset}`).toBe(reservedByAccount.get(`${b.owner} ${b.asset}`) ?? 0n)
  }
}

const clone = (o: OrderState): OrderState => ({ ...o, placementTradeIds: [...o.placementTradeIds] })

/**
 * The snapshot recovery starts from, built as the projection builds it: the orders as the live run's
 * first commands left them (folded from their `Applied`), the rest from a state that ran only those.
 */
function snapshotOf(state: TradingState, projectedOrders: readonly OrderState[]): Snapshot {
  const all = [...projectedOrders]
  const open = all
    .filter((o) => o.status === 'open')
    .sort((a, b) => a.prioritySeq - b.prioritySeq || a.id - b.id)
  return {
    seq: state.seq,
    nextOrderId: state.nextOrderId,
    nextTradeId: 1 + all.reduce((n, o) => n + o.placementTradeIds.length, 0) + 10_000,
    balances: state.balances(),
    openOrders: open.map(clone),
    closedOrders: all.filter((o) => o.status !== 'open').map(clone),
    keys: all.map((o) => ({
      enterpriseId: o.enterpriseId,
      key: o.idempotencyKey,
      orderId: o.id,
      hash: o.requestHash,
      createdAtMs: o.createdAtMs,
    })),
    callInstruments: INSTRUMENTS.filter((i) => state.inCall(i.code)).map((i) => i.code),
  }
}

/** What must come out the same: balances, and each order's fill state. */
const outcome = (state: TradingState) => ({
  balances: state
    .balances()
    .sort((a, b) => `${a.owner}${a.asset}${a.bucket}`.localeCompare(`${b.owner}${b.asset}${b.bucket}`)),
  orders: [...state.orders()]
    .sort((a, b) => a.id - b.id)
    .map((o) => [o.id, o.status, o.filledKg, o.remainingKg, o.reserved, o.priceCnyPerT, o.cancelReason]),
})

describe('TradingState', () => {
  it('keeps the ledger balanced, reservations equal to open orders, and replays to the same state', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { minLength: 1, maxLength: 150, size: 'max' }),
        fc.nat(),
        (steps, cut) => {
          const live = new TradingState(INSTRUMENTS)
          live.restore(emptySnapshot())
          const journal: JournalCommand[] = []
          const applieds: Applied[] = []
          run(live, steps, journal, applieds)

          const replayed = new TradingState(INSTRUMENTS)
          replayed.restore(emptySnapshot())
          for (const [i, command] of journal.entries()) replayed.apply(i + 1, command)
          expect(outcome(replayed)).toEqual(outcome(live))

          // Recovery: a snapshot at any point plus the journal's tail gives the same state.
          const k = journal.length === 0 ? 0 : cut % (journal.length + 1)
          const first = new TradingState(INSTRUMENTS)
          first.restore(emptySnapshot())
          for (const [i, command] of journal.slice(0, k).entries()) first.apply(i + 1, command)
          const recovered = new TradingState(INSTRUMENTS)
          const projected = new Map<number, OrderState>()
          for (const applied of applieds.slice(0, k)) for (const o of applied.orders) projected.set(o.id, o)
          recovered.restore(snapshotOf(first, [...projected.values()]))
          for (const [i, command] of journal.slice(k).entries()) recovered.apply(k + i + 1, command)
          expect(outcome(recovered).balances).toEqual(outcome(live).balances)
          const openOf = (s: TradingState) => outcome(s).orders.filter((o) => o[1] === 'open')
          expect(openOf(recovered)).toEqual(openOf(live))
        },
      ),
      { numRuns: 100 },
    )
    expect(tradesSeen).toBeGreaterThan(100) // the streams really trade, so the invariants are tested on fills
  })

  it('lets closed orders go in two steps, first to a note of whose each was and how it ended, then to nothing', () => {
    const ceiling = priceBand(INGOT).highCnyPerT
    const price = INGOT.referencePriceCnyPerT
    const endings = new Set<string>()
    let long = 0
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            orders: fc.integer({ min: 1, max: 4000 }),
            heldMs: fc.nat(3000),
            notedMs: fc.nat(6000),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (rounds) => {
          const state = new TradingState(INSTRUMENTS)
          state.restore(emptySnapshot())
          const closed = new Map<number, { atMs: number; enterpriseId: string; status: string }>()
          let at = Date.parse('2026-12-02T02:00:00Z')
          let heldFromMs = Number.NEGATIVE_INFINITY
          let notedFromMs = Number.NEGATIVE_INFINITY
          const place = (firm: string, side: 'buy' | 'sell', tif: 'GTC' | 'IOC') => {
            const request: OrderRequest = {
              instrument: INGOT.code,
              side,
              type: 'limit',
              priceCnyPerT: price,
              qtyKg: INGOT.lotKg,
              tif,
              postOnly: false,
              stp: 'cancel_resting',
            }
            const order = state.nextOrderId
            const command: JournalCommand = {
              op: 'new',
              at: ++at,
              order,
              enterprise: firm,
              user: 'u',
              key: `k${order}`,
              hash: 'h',
              base: null,
              ceiling,
              request,
            }
            for (const o of state.apply(state.seq + 1, command).orders)
              if (o.status !== 'open')
                closed.set(o.id, { atMs: at, enterpriseId: o.enterpriseId, status: o.status })
          }
          for (const round of rounds) {
            for (let i = 0; i < round.orders; i++) {
              // A lone IOC is cancelled unfilled; a pair trades, both filled, receipts going back and forth.
              if (i % 3 === 2) place(FIRMS[3]!, 'buy', 'IOC')
              else if (i % 3 === 0) place(FIRMS[(i >> 1) % 2]!, 'sell', 'GTC')
              else place(FIRMS[1 - ((i >> 1) % 2)]!, 'buy', 'IOC')
            }
            state.forget(at - round.heldMs)
            state.forgetNotes(at - round.heldMs - round.notedMs)
            heldFromMs = Math.max(heldFromMs, at - round.heldMs)
            notedFromMs = Math.max(notedFromMs, at - round.heldMs - round.notedMs)
            for (const [id, c] of closed) {
              const held = c.atMs >= heldFromMs
              const noted = !held && c.atMs >= notedFromMs
              expect(state.order(id)?.status).toBe(held ? c.status : undefined)
              expect(state.closedNote(id)).toEqual(
                noted ? { enterpriseId: c.enterpriseId, status: c.status } : undefined,
              )
            }
          }
          for (const c of closed.values()) endings.add(c.status)
          if (closed.size > 2 * 4096) long++
        },
      ),
      {
        numRuns: 12,
        // One run surely long enough: its queue of closed orders is compacted between rounds.
        examples: [
          [
            [
              { orders: 4000, heldMs: 0, notedMs: 0 },
              { orders: 4000, heldMs: 1000, notedMs: 500 },
              { orders: 3000, heldMs: 0, notedMs: 0 },
            ],
          ],
        ],
      },
    )
    // Both endings were noted, and runs were long enough for the queue of closed orders to be compacted.
    expect([...endings].sort()).toEqual(['cancelled', 'filled'])
    expect(long).toBeGreaterThan(0)
  })

  it('settles a trade delivery versus payment, with fees to the center', () => {
    const state = new TradingState(INSTRUMENTS)
    state.restore(emptySnapshot())
    const at = Date.parse('2026-11-30T02:00:00Z')
    const price = INGOT.referencePriceCnyPerT
    const ceiling = priceBand(INGOT).highCnyPerT
    const order = (id: number, enterprise: string, side: 'buy' | 'sell'): JournalCommand => ({
      op: 'new',
      at,
      order: id,
      enterprise,
      user: 'u',
      key: `k${id}`,
      hash: 'h',
      base: null,
      ceiling,
      request: {
        instrument: INGOT.code,
        side,
        type: 'limit',
        priceCnyPerT: price,
        qtyKg: 10_000,
        tif: 'GTC',
        postOnly: false,
        stp: 'cancel_resting',
      },
    })
    state.apply(1, order(1, 'p-001', 'sell'))
    const applied = state.apply(2, order(2, 'b-001', 'buy'))
    expect(applied.trades).toHaveLength(1)
    const notional = (BigInt(price) * 10_000n) / 10n
    const fee = (notional * BigInt(INGOT.buyerFeeBps) + 5_000n) / 10_000n
    const bal = (owner: string, asset: string, bucket: 'available' | 'reserved' = 'available') =>
      state.balance({ owner, asset: asset as typeof CASH, bucket })
    expect(bal('b-001', CASH)).toBe(3_000_000_000n - notional - fee)
    expect(bal('b-001', CASH, 'reserved')).toBe(0n)
    expect(bal('b-001', `RCPT:${INGOT.code}`)).toBe(210_000n)
    expect(bal('p-001', CASH)).toBe(3_000_000_000n + notional - fee)
    expect(bal('p-001', `RCPT:${INGOT.code}`, 'reserved')).toBe(0n)
    expect(bal('center:fees', CASH)).toBe(2n * fee)
    expect(applied.contracts[0]).toMatchObject({
      buyerId: 'b-001',
      sellerId: 'p-001',
      qtyKg: 10_000,
      amountFen: notional,
    })
  })
})
