/**
 * The trading center's own trades as deals (pure): a trade of a fee-basis instrument is a deal on
 * the spot fee series of its product, a trade of A00 ingot receipts a deal on the Gongyi base. The
 * seller reports it; the center knows no affiliation between the parties and settles DvP, so the
 * deal is unaffiliated with 0 payment days and the instrument's pick-up days.
 * @module
 */
import type { Instrument } from '../instruments/index.ts'
import { parseSpec } from '../registry/index.ts'
import type { TradeRecord } from '../trading/service/index.ts'
import type { NewDeal } from './records.ts'
import { BASE_SERIES_ID, feeSeriesId } from './series.ts'

interface ProductRule {
  readonly forms: readonly string[]
  readonly alloys: readonly string[]
  readonly temper?: (temper: string | null) => boolean
  readonly product: string
}

const hard = (t: string | null): boolean => t?.startsWith('H') ?? false

/**
 * Which product of the basket an instrument trades, by form and alloy (temper only where it tells
 * two products apart): a 3003-H14 strip counts as the 3003 strip of the basket, its own spec kept
 * on the deal for the analyst to see. The first rule that matches wins.
 */
const PRODUCT_RULES: readonly ProductRule[] = [
  { forms: ['cast_rolled_coil'], alloys: ['1060'], product: '1060-CC-COIL' },
  { forms: ['sheet'], alloys: ['1060'], product: '1060-H24-SHEET' },
  { forms: ['strip'], alloys: ['3003'], product: '3003-H24-STRIP' },
  { forms: ['sheet'], alloys: ['5052'], product: '5052-H32-SHEET' },
  { forms: ['plate'], alloys: ['5083'], product: '5083-H111-PLATE' },
  { forms: ['plate'], alloys: ['6061'], product: '6061-T651-PLATE' },
  { forms: ['foil'], alloys: ['8011'], temper: (t) => t === 'O', product: '8011-O-FOIL' },
  { forms: ['foil'], alloys: ['8011'], temper: hard, product: '8011-FIN' },
  { forms: ['foil'], alloys: ['1235'], product: '1235-O-FOIL' },
  { forms: ['foil'], alloys: ['1060', '1070'], temper: hard, product: 'BATTERY-FOIL' },
  { forms: ['sheet', 'strip'], alloys: ['3104'], product: '3104-H19-CAN' },
  { forms: ['sheet', 'strip'], alloys: ['1050'], product: '1050-PS-BASE' },
]

/** A00 is the Al99.70 grade of GB/T 1196. */
const A00_GRADE = 'Al99.70'

/**
 * The series a trade of this instrument is a deal on, or null when it prices none of them.
 *
 * @example seriesOfInstrument({ form: 'sheet', spec: 'SHEET 1060-H24 1.0x1220', priceBasis: 'fee' }) // 'FEE-1060-H24-SHEET-SPOT'
 */
export function seriesOfInstrument(instrument: Pick<Instrument, 'spec' | 'priceBasis'>): string | null {
  const parsed = parseSpec(instrument.spec)
  if (!parsed.ok) return null
  const { form, alloy, temper } = parsed.value
  if (form === 'ingot')
    return instrument.priceBasis === 'all_in' && alloy === A00_GRADE ? BASE_SERIES_ID : null
  // An all-in price of a processed product says nothing of its fee without the base it assumed.
  if (instrument.priceBasis !== 'fee') return null
  const rule = PRODUCT_RULES.find(
    (r) => r.forms.includes(form) && r.alloys.includes(alloy) && (r.temper?.(temper) ?? true),
  )
  return rule ? feeSeriesId(rule.product, 'spot') : null
}

/** The deal a trade is, on `seriesId` (from seriesOfInstrument). */
export function dealOfTrade(trade: TradeRecord, instrument: Instrument, seriesId: string): NewDeal {
  const fee = instrument.priceBasis === 'fee'
  return {
    seriesId,
    submitter: trade.sellerId,
    submittedBy: null,
    source: 'trading',
    tradeId: String(trade.id),
    value: trade.priceCnyPerT,
    qtyKg: trade.qtyKg,
    dealAtMs: trade.atMs,
    deliveryDays: instrument.deliveryDays,
    paymentDays: 0,
    affiliated: false,
    pricedOnIndex: false,
    spec: instrument.spec,
    baseUsed: fee ? trade.allInCnyPerT - trade.priceCnyPerT : null,
    baseConvention: fee ? 'day' : null,
    paymentTerms: 'DvP on the Huiguo ledger at the trade',
    deliveryTerms: `EXW, pick-up within ${instrument.deliveryDays} days at the delivery warehouse`,
    counterpartyType: null,
    // Reported as it happened: a trade taken in late is not a late report.
    submittedAtMs: trade.atMs,
    synthetic: instrument.synthetic,
  }
}
