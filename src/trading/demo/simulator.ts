/**
 * Simulated participants for the demo: market makers keep a few price levels on both sides of a
 * drifting fair value, and takers cross the spread now and then. They trade through the same
 * service as everyone (journal, risk, settlement), so the screens are alive from the first start.
 * Synthetic, and labelled so wherever it shows.
 * @module
 */
import type { Instrument } from '../../instruments/index.ts'
import { createRandom, type Random } from '../../kernel/index.ts'
import type { OrderRequest } from '../service/model.ts'
import type { TradingService } from '../service/service.ts'

export interface SimulatorOptions {
  readonly service: TradingService
  /** The participants' enterprises (at least two: makers and takers take turns). */
  readonly participants: readonly string[]
  readonly seed?: number
  /** Milliseconds between rounds. */
  readonly intervalMs?: number
  readonly log?: (message: string) => void
}

/** Levels each maker keeps per side, and how far from fair value (ticks) a quote may drift. */
const LEVELS = 4
const STALE_TICKS = 14
const MARKETS_PER_ROUND = 3

interface Market {
  readonly instrument: Instrument
  fairCnyPerT: number
}

export class Simulator {
  readonly #service: TradingService
  readonly #participants: readonly string[]
  readonly #random: Random
  readonly #intervalMs: number
  readonly #log: (message: string) => void
  readonly #markets: Market[]
  /** Open order ids per participant. */
  readonly #open = new Map<string, Set<number>>()
  #timer: NodeJS.Timeout | null = null
  #running: Promise<void> | null = null
  #round = 0
  #orders = 0

  constructor(options: SimulatorOptions) {
    if (options.participants.length < 2) throw new RangeError('the simulator needs two participants at least')
    this.#service = options.service
    this.#participants = options.participants
    this.#random = createRandom(options.seed ?? 20_261_130)
    this.#intervalMs = options.intervalMs ?? 1000
    this.#log = options.log ?? (() => {})
    this.#markets = options.service.state
      .instruments()
      .filter((i) => i.model !== 'listing' && i.status === 'open')
      .map((instrument) => ({ instrument, fairCnyPerT: instrument.referencePriceCnyPerT }))
    for (const p of this.#participants) this.#open.set(p, new Set())
  }

  /** Orders the simulator has placed. */
  get ordersPlaced(): number {
    return this.#orders
  }

  start(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => {
      if (this.#running) return // a slow round is not stacked on
      this.#running = this.round()
        .catch((error: Error) => this.#log(`demo simulator: ${error.message}`))
        .finally(() => {
          this.#running = null
        })
    }, this.#intervalMs)
    this.#timer.unref()
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }

  /** One round: every market's fair value moves, makers refresh their quotes, a taker may cross. */
  async round(): Promise<void> {
    this.#round++
    // A few markets a round keeps the demo lively without writing millions of rows a day.
    for (const market of this.#random.sample(this.#markets, MARKETS_PER_ROUND)) {
      if (this.#service.failure) return
      const { instrument } = market
      const phase = this.#service.phase(instrument)
      if (phase === 'closed' || phase === 'break') continue
      const band = this.#service.band(instrument)
      const tick = instrument.tickCnyPerT
      const drift = Math.round(this.#random.normal(0, 0.8)) * tick
      const inner = Math.round((band.highCnyPerT - band.lowCnyPerT) * 0.3)
      market.fairCnyPerT = Math.min(
        instrument.referencePriceCnyPerT + inner,
        Math.max(instrument.referencePriceCnyPerT - inner, market.fairCnyPerT + drift),
      )
      const makers = this.#makersOf(instrument)
      for (const maker of makers) await this.#quote(maker, market)
      if (phase === 'continuous' && this.#random.chance(0.45)) await this.#take(market, makers)
    }
  }

  #makersOf(instrument: Instrument): string[] {
    const n = this.#participants.length
    const first = (instrument.handle * 2) % n
    return [this.#participants[first]!, this.#participants[(first + 1) % n]!]
  }

  async #quote(maker: string, market: Market): Promise<void> {
    const { instrument } = market
    const tick = instrument.tickCnyPerT
    const open = this.#open.get(maker)!
    const counts = { buy: 0, sell: 0 }
    for (const id of [...open]) {
      const order = this.#service.state.order(id)
      if (order?.status !== 'open') {
        open.delete(id)
        continue
      }
      if (order.instrument !== instrument.code) continue
      const away = Math.abs((order.priceCnyPerT ?? market.fairCnyPerT) - market.fairCnyPerT) / tick
      if (away > STALE_TICKS) {
        await this.#service.cancel(maker, id)
        open.delete(id)
        continue
      }
      counts[order.side]++
    }
    for (const side of ['buy', 'sell'] as const) {
      if (counts[side] >= LEVELS) continue
      const offset = this.#random.int(1, 8) * tick
      const price = side === 'buy' ? market.fairCnyPerT - offset : market.fairCnyPerT + offset
      await this.#place(maker, market, {
        side,
        type: 'limit',
        price,
        lots: this.#random.int(1, 4),
        tif: 'GTC',
      })
    }
  }

  async #take(market: Market, makers: readonly string[]): Promise<void> {
    const takers = this.#participants.filter((p) => !makers.includes(p))
    const taker = this.#random.pick(takers.length > 0 ? takers : this.#participants)
    const side = this.#random.chance(0.5) ? ('buy' as const) : ('sell' as const)
    const reach = this.#random.int(2, 6) * market.instrument.tickCnyPerT
    const price = side === 'buy' ? market.fairCnyPerT + reach : market.fairCnyPerT - reach
    await this.#place(taker, market, { side, type: 'limit', price, lots: this.#random.int(1, 3), tif: 'IOC' })
  }

  async #place(
    enterprise: string,
    market: Market,
    order: { side: 'buy' | 'sell'; type: 'limit'; price: number; lots: number; tif: 'GTC' | 'IOC' },
  ): Promise<void> {
    const { instrument } = market
    const band = this.#service.band(instrument)
    const price = Math.min(band.highCnyPerT, Math.max(band.lowCnyPerT, order.price))
    const phase = this.#service.phase(instrument)
    const request: OrderRequest = {
      instrument: instrument.code,
      side: order.side,
      type: order.type,
      priceCnyPerT: price,
      qtyKg: order.lots * instrument.lotKg,
      tif: phase === 'continuous' ? order.tif : 'GTC',
      postOnly: false,
      stp: 'cancel_resting',
    }
    const key = `sim-${this.#round}-${this.#orders}`
    const result = await this.#service.place(enterprise, 'demo-simulator', request, key, key)
    if (!result.ok) return // out of funds or receipts: the round goes on
    this.#orders++
    if (result.value.order.status === 'open') this.#open.get(enterprise)!.add(result.value.order.id)
  }
}
