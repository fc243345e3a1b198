import { type Instrument, tradeDateOf } from '../../instruments/index.ts'
import type { TradingService } from '../service/index.ts'
import type { MarketData } from './market-data.ts'

/** The service as the market-data routes read it. */
export type MarketDataService = Pick<TradingService, 'state' | 'phase' | 'band' | 'base'>

/**
 * An instrument with its market figures as the API shows it. `last` is the last trade price of
 * any day; volume, high and low are today's (Asia/Shanghai, the day of `nowMs`).
 */
export function instrumentView(
  instrument: Instrument,
  service: MarketDataService,
  marketData: MarketData,
  nowMs: number,
) {
  const stats = marketData.stats(instrument.code)
  const today = stats !== null && stats.date === tradeDateOf(nowMs) ? stats : null
  const last = stats?.last ?? null
  const reference = instrument.referencePriceCnyPerT
  const change = last === null ? null : last - reference
  return {
    code: instrument.code,
    nameZh: instrument.nameZh,
    nameEn: instrument.nameEn,
    form: instrument.form,
    spec: instrument.spec,
    lotKg: instrument.lotKg,
    tickCnyPerT: instrument.tickCnyPerT,
    priceBasis: instrument.priceBasis,
    baseCnyPerT: service.base(instrument),
    model: instrument.model,
    status: instrument.status,
    phase: service.phase(instrument),
    band: service.band(instrument),
    referencePriceCnyPerT: reference,
    openingCall: instrument.openingCall ? { ...instrument.openingCall } : null,
    sessions: instrument.sessions.map((s) => ({ start: s.start, end: s.end })),
    buyerFeeBps: instrument.buyerFeeBps,
    sellerFeeBps: instrument.sellerFeeBps,
    synthetic: instrument.synthetic,
    last,
    change,
    changeBps: change === null || reference <= 0 ? null : Math.round((change * 10_000) / reference),
    volumeKg: today?.volumeKg ?? 0,
    high: today?.high ?? null,
    low: today?.low ?? null,
    ...marketData.top(instrument.code),
  }
}
