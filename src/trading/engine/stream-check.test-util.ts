/**
 * Test support: random command streams, and a checker that runs a stream through the engine (JSON
 * edge) and the reference model side by side, comparing every event and checking the engine's
 * invariants after every command.
 */
import { expect } from 'vitest'
import { Model, NO_PRICE, Side } from './codes.ts'
import { JsonLinesEngine } from './json-lines.ts'
import { ReferenceModel } from './reference-model.test-util.ts'

export const TICK = 10
export const ACCOUNTS = ['ann', 'bo', 'cy'] as const
export const INSTRUMENTS = ['default', 'X'] as const

/** One random draw per command (each field any natural number); `toLines` turns draws into JSON lines. */
export interface CommandDraw {
  kind: number
  pick: number
  account: number
  instrument: number
  side: number
  type: number
  price: number
  qty: number
  tif: number
  flags: number
}

export const DRAW_FIELDS = [
  'kind',
  'pick',
  'account',
  'instrument',
  'side',
  'type',
  'price',
  'qty',
  'tif',
  'flags',
] as const satisfies readonly (keyof CommandDraw)[]

const FAR_TICKS = [1, 2, 3_000_000, 3_000_001, 1_000_000_000_000]
const BAD_PRICES: unknown[] = [0, -10, 15, 10.5, '1000', null]
const BAD_QTYS: unknown[] = [0, -1, 1.5, '5', null, 2 ** 60]
const MALFORMED = [
  'not json',
  '[1,2]',
  '42',
  'null',
  '{"op":"bogus","id":"x"}',
  '{"id":"q"}',
  '{"op":"new"}',
  '{"op":"new","id":7,"account":"ann","side":"buy","type":"limit","price":1000,"qty":1}',
  '{"op":"mode","model":"auction"}',
  '{"op":"uncross","instrument":"nowhere"}',
  '{"op":"cancel","id":5}',
  '{"op":"amend","id":"o1","qty":"3"}',
  '   ',
]

/** A price: mostly near the touch (buys a little lower than sells), sometimes far away or bad. */
function priceOf(d: CommandDraw, buy: boolean): unknown {
  const k = d.price % 100
  const x = Math.floor(d.price / 100)
  if (k < 88) return ((buy ? 90 : 97) + (x % 13)) * TICK
  if (k < 96) return FAR_TICKS[x % FAR_TICKS.length]! * TICK
  return BAD_PRICES[x % BAD_PRICES.length]
}

function qtyOf(d: CommandDraw): unknown {
  return d.qty % 100 < 95 ? 1 + (Math.floor(d.qty / 100) % 25) : BAD_QTYS[d.qty % BAD_QTYS.length]
}

/** Turns draws into command lines; ids are `o<index>`, and cancels and amends mostly aim at recent ones. */
export function toLines(draws: readonly CommandDraw[]): string[] {
  const newIds: string[] = []
  return draws.map((d, i) => {
    const kind = d.kind % 100
    const instrument = d.instrument % 3 === 0 ? undefined : INSTRUMENTS[(d.instrument % 3) - 1]
    const n = newIds.length
    const back = d.pick % 4 === 0 ? Math.floor(d.pick / 4) % (n + 1) : Math.floor(d.pick / 4) % 30
    const earlier = n === 0 || back >= n ? `o${i}` : newIds[n - 1 - back]!
    const buy = d.side % 2 === 0
    if (kind < 52) {
      newIds.push(`o${i}`)
      const market = d.type % 5 === 0
      const c: Record<string, unknown> = { op: 'new', id: d.pick % 25 === 0 ? earlier : `o${i}` }
      if (d.flags % 61 !== 0) c.account = ACCOUNTS[d.account % 3]
      if (instrument !== undefined) c.instrument = instrument
      c.side = d.side % 47 === 0 ? 'hold' : buy ? 'buy' : 'sell'
      c.type = d.type % 53 === 0 ? 'stop' : market ? 'market' : 'limit'
      if (!market || d.type % 31 === 0) c.price = priceOf(d, buy)
      c.qty = qtyOf(d)
      const tif = d.tif % 24
      if (tif >= 14) c.tif = ['GTC', 'GTC', 'IOC', 'IOC', 'IOC', 'FOK', 'FOK', 'FOK', 'FOK', 'DAY'][tif - 14]
      const postOnly = d.flags % 20
      if (postOnly < 4) c.postOnly = postOnly < 2 ? true : postOnly === 2 ? false : 'yes'
      const stp = Math.floor(d.flags / 20) % 12
      if (stp < 4) c.stp = ['cancel_resting', 'cancel_incoming', 'cancel_both', 'none'][stp]
      return JSON.stringify(c)
    }
    if (kind < 66) return JSON.stringify({ op: 'cancel', id: earlier })
    if (kind < 84) {
      const c: Record<string, unknown> = { op: 'amend', id: earlier }
      if (d.tif % 3 !== 1) c.qty = qtyOf(d)
      if (d.tif % 3 !== 0) c.price = priceOf(d, buy)
      return JSON.stringify(c)
    }
    if (kind < 93) {
      const model = d.qty % 11 === 0 ? 'auction' : d.side % 2 === 0 ? 'call' : 'continuous'
      return JSON.stringify(
        instrument === undefined ? { op: 'mode', model } : { op: 'mode', instrument, model },
      )
    }
    if (kind < 98) {
      return JSON.stringify(instrument === undefined ? { op: 'uncross' } : { op: 'uncross', instrument })
    }
    return MALFORMED[d.pick % MALFORMED.length]!
  })
}

/** Tracks every order's open quantity from the events alone, to check conservation. */
class OpenQuantities {
  readonly open = new Map<string, number>()
  #pendingQty = new Map<string, number>()

  /** The quantity an accepted order starts with (taken from its command). */
  expect(line: string): void {
    try {
      const c = JSON.parse(line) as Record<string, unknown>
      if (c.op === 'new' && typeof c.id === 'string') this.#pendingQty.set(c.id, c.qty as number)
    } catch {}
  }

  apply(event: Record<string, unknown>): void {
    const take = (id: string, qty: number): void => {
      const left = (this.open.get(id) ?? 0) - qty
      if (left < 0) expect.fail(`${id}: more traded or cancelled than was open`)
      this.open.set(id, left)
    }
    switch (event.type) {
      case 'accepted':
        this.open.set(event.id as string, this.#pendingQty.get(event.id as string)!)
        break
      case 'trade':
        take(event.buy as string, event.qty as number)
        take(event.sell as string, event.qty as number)
        break
      case 'cancelled':
        if (event.remaining !== this.open.get(event.id as string)) expect.fail(`${event.id}: wrong remainder`)
        take(event.id as string, event.remaining as number)
        break
      case 'amended':
        this.open.set(event.id as string, event.qty as number)
        break
    }
  }
}

/** Runs `lines` through the engine and the model, comparing events and checking invariants. */
export function checkStream(lines: readonly string[], integrityEvery = 1): void {
  const edge = new JsonLinesEngine({ tickSize: TICK })
  const model = new ReferenceModel(TICK)
  const quantities = new OpenQuantities()
  const view = edge.engine.view
  lines.forEach((line, i) => {
    quantities.expect(line)
    edge.applyLine(line)
    const got = edge.takeOutput()
    const want = model
      .applyLine(line)
      .map((e) => `${JSON.stringify(e)}\n`)
      .join('')
    if (got !== want) {
      expect({ at: i, line, events: got.split('\n') }).toEqual({ at: i, line, events: want.split('\n') })
    }
    for (const event of got.split('\n')) if (event !== '') quantities.apply(JSON.parse(event))
    if (i % integrityEvery === 0) expect(view.integrityErrors()).toEqual([])
    const problems = bookProblems(edge, model, quantities)
    if (problems.length > 0) expect({ at: i, line, problems }).toEqual({ at: i, line, problems: [] })
  })
}

/** The invariants, checked through the public view: what is wrong, or nothing. */
function bookProblems(edge: JsonLinesEngine, model: ReferenceModel, quantities: OpenQuantities): string[] {
  const view = edge.engine.view
  const problems: string[] = []
  const seen = new Set<string>()
  for (const name of INSTRUMENTS) {
    const instrument = edge.instrumentHandle(name)
    if (instrument === undefined) continue
    const bid = view.bestBid(instrument)
    const ask = view.bestAsk(instrument)
    if (view.model(instrument) === Model.Continuous && bid !== NO_PRICE && ask !== NO_PRICE && bid >= ask) {
      problems.push(`${name}: crossed continuous book ${bid} >= ${ask}`)
    }
    for (const side of [Side.Buy, Side.Sell]) {
      const wanted = model.queue(name, side === Side.Buy ? 'buy' : 'sell')
      let index = 0
      let previous: number | null = null
      view.forEachResting(instrument, side, (order, _account, price, qtyKg) => {
        const id = edge.orderId(order)!
        if (seen.has(id)) problems.push(`${id} in two places`)
        seen.add(id)
        if (qtyKg !== quantities.open.get(id)) {
          problems.push(`${id}: ${qtyKg} kg resting, events say ${quantities.open.get(id)}`)
        }
        const outOfOrder =
          previous !== null &&
          previous !== NO_PRICE &&
          (price === NO_PRICE || (side === Side.Buy ? price > previous : price < previous))
        if (outOfOrder) problems.push(`${name} ${side}: ${id} out of priority order`)
        previous = price
        const m = wanted[index++]
        if (m === undefined || m.id !== id || (m.market ? NO_PRICE : m.price) !== price || m.qty !== qtyKg) {
          problems.push(`${name} ${side} #${index - 1}: ${id} ${price} ${qtyKg}, model ${JSON.stringify(m)}`)
        }
      })
      if (index !== wanted.length) problems.push(`${name} ${side}: ${index} resting, model ${wanted.length}`)
    }
  }
  for (const [id, open] of quantities.open) {
    if (open > 0 && !seen.has(id)) problems.push(`${id} has ${open} kg open but is not resting`)
  }
  return problems
}
