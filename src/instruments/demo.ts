/**
 * The demo instruments: what a Gongyi (巩义回郭镇) market would list — A00 ingot warehouse receipts
 * traded all-in, and the cluster's staple sheet, strip, foil and plate traded as processing fee
 * (加工费) over the Gongyi A00 base. Synthetic: the prices are plausible 2024–25 levels, not quotes.
 * @module
 */
import { findEnterprises } from '../registry/index.ts'
import type { NewInstrument, TradingSession } from './model.ts'
import { countInstruments, type Db, insertInstrument, inTransaction, lockInstruments } from './store.ts'

/** The center's own Gongyi A00 assessment, the base of every fee-basis instrument. */
export const DEMO_BASE_REFERENCE = 'GY-A00'
/** Gongyi A00 sits some 60–200 CNY/t under the Shanghai A00 price; about 20,000 in 2025. */
const A00_CNY_PER_T = 19_850

// Day sessions as on the Shanghai Futures Exchange, which the cluster's traders keep.
const OPENING_CALL: TradingSession = { start: '08:50', end: '09:00' }
const DAY_SESSIONS: TradingSession[] = [
  { start: '09:00', end: '11:30' },
  { start: '13:30', end: '15:00' },
]
// Two collection periods a day for a thin market: orders gather, then uncross at one price.
const CALL_PERIODS: TradingSession[] = [
  { start: '10:00', end: '10:30' },
  { start: '14:00', end: '14:30' },
]

type Terms = Pick<
  NewInstrument,
  'code' | 'nameZh' | 'nameEn' | 'form' | 'spec' | 'lotKg' | 'referencePriceCnyPerT' | 'model'
>

/** A product traded as its processing fee; fees move slowly, so ±10 % a day is a wide guard. */
const feeBasis = (terms: Terms, warehouseEnterpriseId: string | null): NewInstrument => ({
  ...terms,
  tickCnyPerT: 10,
  priceBasis: 'fee',
  baseReference: DEMO_BASE_REFERENCE,
  configuredBaseCnyPerT: A00_CNY_PER_T,
  bandBps: 1000,
  openingCall: terms.model === 'continuous' ? OPENING_CALL : null,
  sessions: terms.model === 'continuous' ? DAY_SESSIONS : terms.model === 'call' ? CALL_PERIODS : [],
  status: 'open',
  buyerFeeBps: 5,
  sellerFeeBps: 5,
  warehouseEnterpriseId,
  deliveryDays: 7,
  synthetic: true,
})

/**
 * The 8 demo instruments, in handle order. `warehouseEnterpriseId` is the delivery warehouse of
 * all of them (seedDemoInstruments picks one from the registry).
 */
export function demoInstruments(warehouseEnterpriseId: string | null = null): NewInstrument[] {
  const w = warehouseEnterpriseId
  return [
    {
      code: 'AL-A00-GY',
      nameZh: 'A00铝锭仓单（巩义交割）',
      nameEn: 'A00 aluminium ingot receipts, Gongyi delivery',
      form: 'ingot',
      spec: 'INGOT Al99.70',
      lotKg: 5000,
      tickCnyPerT: 10,
      priceBasis: 'all_in',
      baseReference: null,
      configuredBaseCnyPerT: null,
      referencePriceCnyPerT: A00_CNY_PER_T,
      bandBps: 500,
      model: 'continuous',
      openingCall: OPENING_CALL,
      sessions: DAY_SESSIONS,
      status: 'open',
      buyerFeeBps: 5,
      sellerFeeBps: 5,
      warehouseEnterpriseId: w,
      deliveryDays: 5,
      synthetic: true,
    },
    feeBasis(
      {
        code: 'SHEET-1060-H24-1.0x1220',
        nameZh: '1060-H24 铝板 1.0×1220（加工费）',
        nameEn: '1060-H24 sheet 1.0×1220 (processing fee)',
        form: 'sheet',
        spec: 'SHEET 1060-H24 1.0x1220',
        lotKg: 5000,
        referencePriceCnyPerT: 1800,
        model: 'continuous',
      },
      w,
    ),
    feeBasis(
      {
        code: 'STRIP-3003-H14-0.5x1250',
        nameZh: '3003-H14 铝带 0.5×1250（加工费）',
        nameEn: '3003-H14 strip 0.5×1250 (processing fee)',
        form: 'strip',
        spec: 'STRIP 3003-H14 0.5x1250',
        lotKg: 5000,
        referencePriceCnyPerT: 2400,
        model: 'continuous',
      },
      w,
    ),
    feeBasis(
      {
        code: 'SHEET-5052-H32-2.0x1500',
        nameZh: '5052-H32 铝板 2.0×1500（加工费）',
        nameEn: '5052-H32 sheet 2.0×1500 (processing fee)',
        form: 'sheet',
        spec: 'SHEET 5052-H32 2.0x1500',
        lotKg: 5000,
        referencePriceCnyPerT: 3200,
        model: 'continuous',
      },
      w,
    ),
    feeBasis(
      {
        code: 'FOIL-8011-O-0.012',
        nameZh: '8011-O 铝箔 0.012×1000（加工费）',
        nameEn: '8011-O foil 0.012×1000 (processing fee)',
        form: 'foil',
        spec: 'FOIL 8011-O 0.012x1000',
        lotKg: 1000,
        referencePriceCnyPerT: 5500,
        model: 'continuous',
      },
      w,
    ),
    feeBasis(
      {
        code: 'FOIL-1235-O-0.006',
        nameZh: '1235-O 双零箔 0.006×1250（加工费）',
        nameEn: '1235-O double-zero foil 0.006×1250 (processing fee)',
        form: 'foil',
        spec: 'FOIL 1235-O 0.006x1250',
        lotKg: 1000,
        referencePriceCnyPerT: 8000,
        model: 'continuous',
      },
      w,
    ),
    feeBasis(
      {
        code: 'PLATE-6061-T6-20x1500',
        nameZh: '6061-T6 中厚板 20×1500（加工费，集合竞价）',
        nameEn: '6061-T6 plate 20×1500 (processing fee, call auction)',
        form: 'plate',
        spec: 'PLATE 6061-T6 20.0x1500',
        lotKg: 5000,
        referencePriceCnyPerT: 7500,
        model: 'call',
      },
      w,
    ),
    feeBasis(
      {
        code: 'CRC-1060-F-7.0x1600',
        nameZh: '1060 铸轧卷 7.0×1600（加工费，挂牌）',
        nameEn: '1060 cast-rolled coil 7.0×1600 (processing fee, listing)',
        form: 'cast_rolled_coil',
        spec: 'CRC 1060-F 7.0x1600',
        lotKg: 10_000,
        referencePriceCnyPerT: 600,
        model: 'listing',
      },
      w,
    ),
  ]
}

/**
 * The delivery warehouse of the demo: the first warehousing firm (仓储) of the registry by id, else
 * its first logistics enterprise, else null.
 */
export async function demoWarehouseOf(db: Db): Promise<string | null> {
  const [warehousing] = await findEnterprises(db, { category: 'logistics', q: '仓储', limit: 1 })
  if (warehousing) return warehousing.id
  const [logistics] = await findEnterprises(db, { kind: 'logistics', limit: 1 })
  return logistics?.id ?? null
}

/**
 * Lists the demo instruments when the instrument table is empty; returns how many it inserted (0
 * when there were instruments already, so a second call changes nothing).
 */
export async function seedDemoInstruments(db: Db): Promise<number> {
  return inTransaction(db, async (trx) => {
    await lockInstruments(trx)
    if ((await countInstruments(trx)) > 0) return 0
    const instruments = demoInstruments(await demoWarehouseOf(trx))
    for (const instrument of instruments) await insertInstrument(trx, instrument)
    return instruments.length
  })
}
