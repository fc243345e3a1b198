import { describe, expect, it } from 'vitest'
import { buyReservationFen, feeFen, fillFeeFen, notionalFen } from './amounts.ts'
import { InMemoryLedger } from './memory.ts'
import {
  type AccountKey,
  CASH,
  CENTER_FEES,
  EXTERNAL_BANK,
  EXTERNAL_WAREHOUSE,
  type LedgerEvent,
  receiptAsset,
} from './model.ts'
import { isBalanced, planPosting, post } from './postings.ts'
import { formatReport } from './report.ts'

const AL = 'AL-A00-GY'
const RCPT = receiptAsset(AL)
const acct = (owner: string, asset: string, bucket: 'available' | 'reserved' = 'available'): AccountKey => ({
  owner,
  asset: asset as AccountKey['asset'],
  bucket,
})
const zero = () => 0n

function entriesOf(event: LedgerEvent) {
  const planned = planPosting(event)
  if (!planned.ok) throw new Error(planned.detail)
  expect(isBalanced(planned.value.entries)).toBe(true)
  return planned.value.entries.map((e) => [e.kind, e.owner, e.asset, e.bucket, e.amount])
}

describe('amounts', () => {
  it('computes the notional as price × kg ÷ 10 fen, half up', () => {
    expect(notionalFen(18_760n, 25_000n)).toBe(46_900_000n) // 25 t at 18 760 CNY/t = 469 000.00 CNY
    expect(notionalFen(18_765n, 1n)).toBe(1_877n) // 1 876.5 fen
    expect(notionalFen(18_764n, 1n)).toBe(1_876n) // 1 876.4 fen
  })

  it('rounds fees in basis points half up to the fen', () => {
    expect(feeFen(12_345n, 5n)).toBe(6n) // 6.1725
    expect(feeFen(1_000n, 5n)).toBe(1n) // 0.5
    expect(feeFen(999n, 5n)).toBe(0n) // 0.4995
    expect(feeFen(46_875_000n, 5n)).toBe(23_438n) // 23 437.5
    expect(feeFen(46_875_000n, 0n)).toBe(0n)
    expect(() => feeFen(1n, 10_001n)).toThrow(RangeError)
  })

  it('charges fill fees so that an order’s fees add up to the fee of its total notional', () => {
    // Two fills of 1 000 fen at 5 bp: 0.5 + 0.5 fen; per-fill rounding would charge 2, the total is 1.
    expect(fillFeeFen(0n, 1_000n, 5n)).toBe(1n)
    expect(fillFeeFen(1_000n, 1_000n, 5n)).toBe(0n)
    expect(fillFeeFen(0n, 1_000n, 5n) + fillFeeFen(1_000n, 1_000n, 5n)).toBe(feeFen(2_000n, 5n))
  })

  it('reserves the notional at the limit plus the buyer fee', () => {
    expect(buyReservationFen(18_760n, 25_000n, 5n)).toBe(46_900_000n + 23_450n)
  })
})

describe('posting rules', () => {
  it('deposit: the bank pays into the enterprise’s available cash', () => {
    expect(entriesOf({ kind: 'deposit', enterprise: 'ent-a', amountFen: 100_000n })).toEqual([
      ['deposit', EXTERNAL_BANK, 'CNY', 'available', -100_000n],
      ['deposit', 'ent-a', 'CNY', 'available', 100_000n],
    ])
  })

  it('withdrawal: available cash back to the bank', () => {
    expect(entriesOf({ kind: 'withdrawal', enterprise: 'ent-a', amountFen: 5_000n })).toEqual([
      ['withdrawal', 'ent-a', 'CNY', 'available', -5_000n],
      ['withdrawal', EXTERNAL_BANK, 'CNY', 'available', 5_000n],
    ])
  })

  it('intake and delivery: receipts in from and out to the warehouse', () => {
    expect(entriesOf({ kind: 'intake', enterprise: 'ent-a', instrument: AL, qtyKg: 25_000n })).toEqual([
      ['intake', EXTERNAL_WAREHOUSE, RCPT, 'available', -25_000n],
      ['intake', 'ent-a', RCPT, 'available', 25_000n],
    ])
    expect(entriesOf({ kind: 'delivery', enterprise: 'ent-a', instrument: AL, qtyKg: 5_000n })).toEqual([
      ['delivery', 'ent-a', RCPT, 'available', -5_000n],
      ['delivery', EXTERNAL_WAREHOUSE, RCPT, 'available', 5_000n],
    ])
  })

  it('reserve and release move between the buckets of one enterprise', () => {
    expect(entriesOf({ kind: 'reserve', enterprise: 'ent-a', asset: CASH, amount: 700n })).toEqual([
      ['reserve', 'ent-a', 'CNY', 'available', -700n],
      ['reserve', 'ent-a', 'CNY', 'reserved', 700n],
    ])
    expect(entriesOf({ kind: 'release', enterprise: 'ent-a', asset: RCPT, amount: 300n })).toEqual([
      ['release', 'ent-a', RCPT, 'reserved', -300n],
      ['release', 'ent-a', RCPT, 'available', 300n],
    ])
  })

  it('settle: cash to the seller, receipts to the buyer, fees to the center, excess released', () => {
    // Buy 25 t limit 18 760 (reserved 46 923 450 fen), filled at 18 750: notional 46 875 000 fen,
    // 5 bp each side = 23 437.5 → 23 438 fen; the buyer's excess 46 923 450 − 46 875 000 − 23 438.
    expect(
      entriesOf({
        kind: 'settle',
        buyer: 'ent-b',
        seller: 'ent-s',
        instrument: AL,
        priceCnyPerT: 18_750n,
        qtyKg: 25_000n,
        buyerFeeFen: 23_438n,
        sellerFeeFen: 23_438n,
        releaseBuyerFen: 25_012n,
      }),
    ).toEqual([
      ['settle', 'ent-b', 'CNY', 'reserved', -46_875_000n],
      ['settle', 'ent-s', 'CNY', 'available', 46_875_000n],
      ['fee', 'ent-b', 'CNY', 'reserved', -23_438n],
      ['fee', CENTER_FEES, 'CNY', 'available', 23_438n],
      ['fee', 'ent-s', 'CNY', 'available', -23_438n],
      ['fee', CENTER_FEES, 'CNY', 'available', 23_438n],
      ['settle', 'ent-s', RCPT, 'reserved', -25_000n],
      ['settle', 'ent-b', RCPT, 'available', 25_000n],
      ['release', 'ent-b', 'CNY', 'reserved', -25_012n],
      ['release', 'ent-b', 'CNY', 'available', 25_012n],
    ])
  })

  it('settle: the final fill of a sell order releases the receipts it did not sell', () => {
    expect(
      entriesOf({
        kind: 'settle',
        buyer: 'ent-b',
        seller: 'ent-s',
        instrument: AL,
        priceCnyPerT: 18_750n,
        qtyKg: 1_000n,
        buyerFeeFen: 0n,
        sellerFeeFen: 938n,
        releaseSellerKg: 250n,
      }),
    ).toEqual([
      ['settle', 'ent-b', 'CNY', 'reserved', -1_875_000n],
      ['settle', 'ent-s', 'CNY', 'available', 1_875_000n],
      ['fee', 'ent-s', 'CNY', 'available', -938n],
      ['fee', CENTER_FEES, 'CNY', 'available', 938n],
      ['settle', 'ent-s', RCPT, 'reserved', -1_000n],
      ['settle', 'ent-b', RCPT, 'available', 1_000n],
      ['release', 'ent-s', RCPT, 'reserved', -250n],
      ['release', 'ent-s', RCPT, 'available', 250n],
    ])
  })

  it('settle applied to balances leaves every reservation empty and nobody short', () => {
    const ledger = new InMemoryLedger()
    const must = (event: LedgerEvent) => {
      const r = ledger.post(event)
      if (!r.ok) throw new Error(r.detail)
    }
    must({ kind: 'deposit', enterprise: 'ent-b', amountFen: 50_000_000n })
    must({ kind: 'intake', enterprise: 'ent-s', instrument: AL, qtyKg: 25_000n })
    must({
      kind: 'reserve',
      enterprise: 'ent-b',
      asset: CASH,
      amount: buyReservationFen(18_760n, 25_000n, 5n),
    })
    must({ kind: 'reserve', enterprise: 'ent-s', asset: RCPT, amount: 25_000n })
    must({
      kind: 'settle',
      buyer: 'ent-b',
      seller: 'ent-s',
      instrument: AL,
      priceCnyPerT: 18_750n,
      qtyKg: 25_000n,
      buyerFeeFen: 23_438n,
      sellerFeeFen: 23_438n,
      releaseBuyerFen: 25_012n,
    })
    expect(ledger.balance(acct('ent-b', 'CNY'))).toBe(50_000_000n - 46_875_000n - 23_438n)
    expect(ledger.balance(acct('ent-b', 'CNY', 'reserved'))).toBe(0n)
    expect(ledger.balance(acct('ent-b', RCPT))).toBe(25_000n)
    expect(ledger.balance(acct('ent-s', 'CNY'))).toBe(46_875_000n - 23_438n)
    expect(ledger.balance(acct('ent-s', RCPT, 'reserved'))).toBe(0n)
    expect(ledger.balance(acct(CENTER_FEES, 'CNY'))).toBe(46_876n)
    const report = ledger.verify()
    expect(report.discrepancies).toEqual([])
    expect(report.totals).toEqual([
      { asset: 'CNY', held: 50_000_000n, heldByEntries: 50_000_000n, in: 50_000_000n, out: 0n },
      { asset: RCPT, held: 25_000n, heldByEntries: 25_000n, in: 25_000n, out: 0n },
    ])
    expect(formatReport(report)).toBe(
      `Ledger balanced: 5 transactions, 18 entries, 9 accounts; held 500000.00 CNY, 25000 kg of ${AL}\n`,
    )
  })
})

describe('refusals', () => {
  const balances = new Map<string, bigint>([
    ['ent-a CNY available', 1_000n],
    ['ent-a CNY reserved', 400n],
    [`ent-a ${RCPT} available`, 2_000n],
  ])
  const lookup = (a: AccountKey) => balances.get(`${a.owner} ${a.asset} ${a.bucket}`) ?? 0n

  it('refuses to reserve or withdraw more cash than is available: INSUFFICIENT_FUNDS', () => {
    const reserve = post({ kind: 'reserve', enterprise: 'ent-a', asset: CASH, amount: 1_001n }, lookup)
    expect(reserve).toMatchObject({ ok: false, code: 'INSUFFICIENT_FUNDS' })
    expect(reserve.ok || reserve.detail).toBe('ent-a has 10.00 CNY available, 10.01 CNY needed')
    expect(post({ kind: 'withdrawal', enterprise: 'ent-a', amountFen: 1_001n }, lookup)).toMatchObject({
      code: 'INSUFFICIENT_FUNDS',
    })
    expect(post({ kind: 'reserve', enterprise: 'ent-a', asset: CASH, amount: 1_000n }, lookup).ok).toBe(true)
  })

  it('refuses to reserve or deliver more receipts than are available: INSUFFICIENT_RECEIPTS', () => {
    const reserve = post({ kind: 'reserve', enterprise: 'ent-a', asset: RCPT, amount: 2_001n }, lookup)
    expect(reserve).toMatchObject({
      ok: false,
      code: 'INSUFFICIENT_RECEIPTS',
      detail: `ent-a has 2000 kg of ${AL} available, 2001 kg of ${AL} needed`,
    })
    expect(
      post({ kind: 'delivery', enterprise: 'ent-a', instrument: AL, qtyKg: 2_001n }, lookup),
    ).toMatchObject({ code: 'INSUFFICIENT_RECEIPTS' })
  })

  it('refuses to release or settle more than is reserved: INSUFFICIENT_RESERVATION', () => {
    expect(post({ kind: 'release', enterprise: 'ent-a', asset: CASH, amount: 401n }, lookup)).toMatchObject({
      code: 'INSUFFICIENT_RESERVATION',
    })
    const fill = {
      kind: 'settle',
      buyer: 'ent-a',
      seller: 'ent-s',
      instrument: AL,
      priceCnyPerT: 10n,
      qtyKg: 400n,
      buyerFeeFen: 0n,
      sellerFeeFen: 0n,
    } as const
    // The buyer has 400 fen reserved and the notional is 400 fen, but the seller reserved no receipts.
    expect(post(fill, lookup)).toMatchObject({ code: 'INSUFFICIENT_RESERVATION', detail: /^ent-s has 0 kg/ })
    expect(post({ ...fill, buyerFeeFen: 1n }, lookup)).toMatchObject({
      code: 'INSUFFICIENT_RESERVATION',
      detail: /^ent-a has 4.00 CNY reserved, 4.01 CNY needed/,
    })
  })

  it('refuses amounts that are zero, negative or too large: INVALID_AMOUNT', () => {
    for (const amountFen of [0n, -1n, 10n ** 15n + 1n])
      expect(post({ kind: 'deposit', enterprise: 'ent-a', amountFen }, zero)).toMatchObject({
        ok: false,
        code: 'INVALID_AMOUNT',
      })
    const fill = {
      kind: 'settle',
      buyer: 'ent-a',
      seller: 'ent-s',
      instrument: AL,
      priceCnyPerT: 10n,
      qtyKg: 400n,
      buyerFeeFen: 0n,
      sellerFeeFen: 0n,
    } as const
    expect(planPosting({ ...fill, buyerFeeFen: -1n })).toMatchObject({ code: 'INVALID_AMOUNT' })
    expect(planPosting({ ...fill, sellerFeeFen: 401n })).toMatchObject({ code: 'INVALID_AMOUNT' })
    expect(planPosting({ ...fill, qtyKg: 0n })).toMatchObject({ code: 'INVALID_AMOUNT' })
    expect(planPosting({ ...fill, priceCnyPerT: 1n, qtyKg: 4n })).toMatchObject({ code: 'INVALID_AMOUNT' })
  })

  it('refuses malformed enterprises, instruments and assets: VALIDATION_FAILED', () => {
    expect(planPosting({ kind: 'deposit', enterprise: EXTERNAL_BANK, amountFen: 1n })).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/enterprise', reason: 'ENTERPRISE_ID_INVALID' }],
    })
    expect(
      planPosting({ kind: 'intake', enterprise: 'ent-a', instrument: 'al-a00', qtyKg: 1n }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: '/instrument', reason: 'INSTRUMENT_CODE_INVALID' }],
    })
    expect(
      planPosting({ kind: 'reserve', enterprise: 'ent-a', asset: 'RCPT:x' as 'CNY', amount: 1n }),
    ).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/asset' }] })
    expect(planPosting({ kind: 'deposit', enterprise: 'ent-a', amountFen: 1n, reference: '' })).toMatchObject(
      {
        code: 'VALIDATION_FAILED',
      },
    )
  })

  it('changes nothing in memory when refused', () => {
    const ledger = new InMemoryLedger()
    expect(ledger.post({ kind: 'deposit', enterprise: 'ent-a', amountFen: 100n }).ok).toBe(true)
    const before = ledger.balances()
    expect(ledger.post({ kind: 'reserve', enterprise: 'ent-a', asset: CASH, amount: 101n }).ok).toBe(false)
    expect(ledger.balances()).toEqual(before)
    expect(ledger.transactions()).toHaveLength(1)
  })
})
