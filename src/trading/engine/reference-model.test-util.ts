/**
 * A deliberately simple order book for tests: every side is a plain array kept sorted by priority
 * (market first, then price, then arrival), every rule of the contract is written out literally, and
 * events are built as objects with the contract's key order. Slow and obviously correct; the engine
 * must produce the very same event stream.
 */

type Side = 'buy' | 'sell'
type Event = Record<string, unknown>

interface ModelOrder {
  id: string
  account: string
  side: Side
  market: boolean
  price: number | null
  qty: number
  postOnly: boolean
  stp: string
  seq: number
}

interface ModelBook {
  model: 'continuous' | 'call'
  buys: ModelOrder[]
  sells: ModelOrder[]
  last: number | null
}

const STP_MODES = ['cancel_resting', 'cancel_incoming', 'cancel_both']
const isPosInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0

export class ReferenceModel {
  readonly books = new Map<string, ModelBook>()
  readonly taken = new Set<string>()
  #seq = 0
  #events: Event[] = []
  readonly #tick: number

  constructor(tick: number) {
    this.#tick = tick
  }

  /** Applies one input line; returns its events. */
  applyLine(line: string): Event[] {
    if (line.trim() === '') return []
    let command: unknown
    try {
      command = JSON.parse(line)
    } catch {
      return [{ type: 'rejected', id: null, reason: 'invalid' }]
    }
    return this.apply(command)
  }

  apply(command: unknown): Event[] {
    this.#events = []
    if (typeof command !== 'object' || command === null || Array.isArray(command)) {
      this.#events.push({ type: 'rejected', id: null, reason: 'invalid' })
      return this.#events
    }
    const c = command as Record<string, unknown>
    const reject = (reason: string): Event[] => {
      this.#events.push({ type: 'rejected', id: c.id === undefined ? null : c.id, reason })
      return this.#events
    }
    if (c.op === 'new') {
      if (typeof c.id !== 'string') return reject('invalid')
      if (this.taken.has(c.id)) return reject('duplicate_id')
      const market = c.type === 'market'
      const tif = c.tif === undefined ? (market ? 'IOC' : 'GTC') : c.tif
      const fieldsOk =
        typeof c.account === 'string' &&
        (c.instrument === undefined || typeof c.instrument === 'string') &&
        (c.side === 'buy' || c.side === 'sell') &&
        (c.type === 'limit' || c.type === 'market') &&
        typeof c.qty === 'number' &&
        (market ? c.price === undefined : typeof c.price === 'number') &&
        (tif === 'GTC' || tif === 'IOC' || tif === 'FOK') &&
        !(market && tif === 'GTC') &&
        (c.postOnly === undefined || typeof c.postOnly === 'boolean') &&
        (c.stp === undefined || STP_MODES.includes(c.stp as string))
      if (!fieldsOk) return reject('invalid')
      if (!isPosInt(c.qty)) return reject('invalid_qty')
      if (!market && !(isPosInt(c.price) && c.price % this.#tick === 0)) return reject('invalid_price')
      const postOnly = c.postOnly === true
      if (postOnly && (market || tif !== 'GTC')) return reject('invalid')
      const book = this.#book((c.instrument as string | undefined) ?? 'default')
      if (book.model === 'call' && (tif === 'IOC' || tif === 'FOK' || postOnly)) {
        if (!(market && tif === 'IOC')) return reject('invalid')
      }
      const order: ModelOrder = {
        id: c.id,
        account: c.account as string,
        side: c.side as Side,
        market,
        price: market ? null : (c.price as number),
        qty: c.qty as number,
        postOnly,
        stp: (c.stp as string | undefined) ?? 'cancel_resting',
        seq: 0,
      }
      if (postOnly && book.model === 'continuous' && this.#crosses(book, order)) return reject('would_cross')
      this.taken.add(c.id)
      this.#events.push({ type: 'accepted', id: c.id })
      if (book.model === 'call') this.#rest(book, order)
      else this.#incoming(book, order, tif as string)
      return this.#events
    }
    if (c.op === 'cancel') {
      if (typeof c.id !== 'string') return reject('invalid')
      const found = this.#find(c.id)
      if (found === undefined) return reject('unknown_order')
      this.#remove(found.book, found.order)
      this.#events.push({ type: 'cancelled', id: c.id, remaining: found.order.qty, reason: 'user' })
      return this.#events
    }
    if (c.op === 'amend') {
      if (typeof c.id !== 'string') return reject('invalid')
      const found = this.#find(c.id)
      if (found === undefined) return reject('unknown_order')
      const { book, order } = found
      if (order.market && c.price !== undefined) return reject('invalid')
      if (c.qty !== undefined && typeof c.qty !== 'number') return reject('invalid')
      if (c.price !== undefined && typeof c.price !== 'number') return reject('invalid')
      if (c.qty !== undefined && !isPosInt(c.qty)) return reject('invalid_qty')
      if (c.price !== undefined && !(isPosInt(c.price) && c.price % this.#tick === 0)) {
        return reject('invalid_price')
      }
      const price = order.market ? null : ((c.price as number | undefined) ?? order.price)
      const qty = (c.qty as number | undefined) ?? order.qty
      if (price === order.price && qty <= order.qty) {
        order.qty = qty
        this.#events.push({ type: 'amended', id: order.id, price, qty })
        return this.#events
      }
      const moved = { ...order, price, qty }
      if (moved.postOnly && book.model === 'continuous' && this.#crosses(book, moved)) {
        return reject('would_cross')
      }
      this.#remove(book, order)
      this.#events.push({ type: 'amended', id: order.id, price, qty })
      if (book.model === 'call') this.#rest(book, moved)
      else this.#incoming(book, moved, 'GTC')
      return this.#events
    }
    if (c.op === 'mode') {
      const name = c.instrument ?? 'default'
      if (typeof name !== 'string' || (c.model !== 'continuous' && c.model !== 'call'))
        return reject('invalid')
      const book = this.#book(name)
      if (book.model === 'call' && c.model === 'continuous') this.#uncross(name, book)
      book.model = c.model
      this.#events.push({ type: 'mode', instrument: name, model: c.model })
      return this.#events
    }
    if (c.op === 'uncross') {
      const name = c.instrument ?? 'default'
      const book = typeof name === 'string' ? this.books.get(name) : undefined
      if (book === undefined || book.model !== 'call') return reject('invalid')
      this.#uncross(name as string, book)
      return this.#events
    }
    return reject('invalid')
  }

  /** Resting orders of one side in priority order. */
  queue(instrument: string, side: Side): readonly ModelOrder[] {
    const book = this.books.get(instrument)
    return book === undefined ? [] : side === 'buy' ? book.buys : book.sells
  }

  #book(name: string): ModelBook {
    let book = this.books.get(name)
    if (book === undefined) {
      book = { model: 'continuous', buys: [], sells: [], last: null }
      this.books.set(name, book)
    }
    return book
  }

  #find(id: string): { book: ModelBook; order: ModelOrder } | undefined {
    for (const book of this.books.values()) {
      const order = book.buys.find((o) => o.id === id) ?? book.sells.find((o) => o.id === id)
      if (order !== undefined) return { book, order }
    }
    return undefined
  }

  #remove(book: ModelBook, order: ModelOrder): void {
    const list = order.side === 'buy' ? book.buys : book.sells
    list.splice(list.indexOf(order), 1)
  }

  #rest(book: ModelBook, order: ModelOrder): void {
    order.seq = ++this.#seq
    const list = order.side === 'buy' ? book.buys : book.sells
    list.push(order)
    const sign = order.side === 'buy' ? -1 : 1
    list.sort((a, b) => {
      if (a.market !== b.market) return a.market ? -1 : 1
      if (!a.market && a.price !== b.price) return sign * ((a.price as number) - (b.price as number))
      return a.seq - b.seq
    })
  }

  #acceptable(order: ModelOrder, resting: ModelOrder): boolean {
    if (order.market) return true
    const price = order.price as number
    return order.side === 'buy' ? (resting.price as number) <= price : (resting.price as number) >= price
  }

  #crosses(book: ModelBook, order: ModelOrder): boolean {
    const opposite = order.side === 'buy' ? book.sells : book.buys
    return opposite.length > 0 && this.#acceptable(order, opposite[0]!)
  }

  #incoming(book: ModelBook, order: ModelOrder, tif: string): void {
    const opposite = order.side === 'buy' ? book.sells : book.buys
    if (tif === 'FOK') {
      let reachable = 0
      for (const resting of opposite) {
        if (!this.#acceptable(order, resting)) break
        if (resting.account === order.account) {
          if (order.stp === 'cancel_resting') continue
          break
        }
        reachable += resting.qty
      }
      if (reachable < order.qty) {
        this.#events.push({ type: 'cancelled', id: order.id, remaining: order.qty, reason: 'fok' })
        return
      }
    }
    while (order.qty > 0 && opposite.length > 0 && this.#acceptable(order, opposite[0]!)) {
      const resting = opposite[0]!
      if (resting.account === order.account) {
        if (order.stp !== 'cancel_incoming') {
          opposite.shift()
          this.#events.push({ type: 'cancelled', id: resting.id, remaining: resting.qty, reason: 'stp' })
        }
        if (order.stp === 'cancel_resting') continue
        this.#events.push({ type: 'cancelled', id: order.id, remaining: order.qty, reason: 'stp' })
        return
      }
      const qty = Math.min(order.qty, resting.qty)
      const buy = order.side === 'buy' ? order.id : resting.id
      const sell = order.side === 'buy' ? resting.id : order.id
      this.#events.push({ type: 'trade', buy, sell, price: resting.price, qty, aggressor: order.side })
      book.last = resting.price
      order.qty -= qty
      resting.qty -= qty
      if (resting.qty === 0) opposite.shift()
    }
    if (order.qty === 0) return
    if (!order.market && tif === 'GTC') this.#rest(book, order)
    else this.#events.push({ type: 'cancelled', id: order.id, remaining: order.qty, reason: 'unfilled' })
  }

  #uncross(name: string, book: ModelBook): void {
    const prices = [...new Set([...book.buys, ...book.sells].filter((o) => !o.market).map((o) => o.price!))]
    prices.sort((a, b) => a - b)
    const sum = (orders: ModelOrder[]): number => orders.reduce((s, o) => s + o.qty, 0)
    let candidates = prices.map((price) => {
      const demand = sum(book.buys.filter((o) => o.market || o.price! >= price))
      const supply = sum(book.sells.filter((o) => o.market || o.price! <= price))
      return { price, volume: Math.min(demand, supply), surplus: demand - supply }
    })
    const maxVolume = Math.max(0, ...candidates.map((k) => k.volume))
    let chosen: number | null = null
    if (maxVolume > 0) {
      candidates = candidates.filter((k) => k.volume === maxVolume)
      const minSurplus = Math.min(...candidates.map((k) => Math.abs(k.surplus)))
      candidates = candidates.filter((k) => Math.abs(k.surplus) === minSurplus)
      if (candidates.every((k) => k.surplus > 0)) chosen = candidates[candidates.length - 1]!.price
      else if (candidates.every((k) => k.surplus < 0)) chosen = candidates[0]!.price
      else {
        const last = book.last
        const distance = (p: number): number => (last === null ? 0 : Math.abs(p - last))
        const best = Math.min(...candidates.map((k) => distance(k.price)))
        chosen = candidates.find((k) => distance(k.price) === best)!.price
      }
    }
    this.#events.push({
      type: 'uncross',
      instrument: name,
      price: chosen,
      qty: chosen === null ? 0 : maxVolume,
    })
    if (chosen !== null) {
      const price = chosen
      let left = maxVolume
      while (left > 0) {
        const buy = book.buys[0]!
        const sell = book.sells[0]!
        if (!(buy.market || buy.price! >= price) || !(sell.market || sell.price! <= price)) {
          throw new Error('model: uncross paired an order that cannot trade at the price')
        }
        const qty = Math.min(buy.qty, sell.qty)
        this.#events.push({ type: 'trade', buy: buy.id, sell: sell.id, price, qty, aggressor: 'auction' })
        buy.qty -= qty
        sell.qty -= qty
        left -= qty
        if (buy.qty === 0) book.buys.shift()
        if (sell.qty === 0) book.sells.shift()
      }
      book.last = price
    }
    for (const list of [book.buys, book.sells]) {
      for (const order of list.filter((o) => o.market)) {
        this.#remove(book, order)
        this.#events.push({ type: 'cancelled', id: order.id, remaining: order.qty, reason: 'unfilled' })
      }
    }
  }
}
