import type { TradeRecord } from '../service/index.ts'

/** Trades kept per instrument on the tape (the most the API returns). */
export const TAPE_SIZE = 500

/** The last `TAPE_SIZE` trades of one instrument: a ring buffer. */
export class TradeTape {
  readonly #ring: (TradeRecord | undefined)[] = new Array(TAPE_SIZE)
  /** Trades ever added; the next one goes to `#count % TAPE_SIZE`. */
  #count = 0

  add(trade: TradeRecord): void {
    this.#ring[this.#count % TAPE_SIZE] = trade
    this.#count++
  }

  get size(): number {
    return Math.min(this.#count, TAPE_SIZE)
  }

  /** The newest `limit` trades, newest first. */
  newest(limit = TAPE_SIZE): TradeRecord[] {
    const n = Math.min(limit, this.size)
    const out: TradeRecord[] = []
    for (let i = 1; i <= n; i++) out.push(this.#ring[(this.#count - i) % TAPE_SIZE]!)
    return out
  }
}
