import { describe, expect, it } from 'vitest'
import {
  accepted,
  type Command,
  cancelled,
  limit,
  market,
  modeEvent,
  rejected,
  Session,
  trade,
  uncrossEvent,
} from './session.test-util.ts'

const CALL = { op: 'mode', model: 'call' }
const CONTINUOUS = { op: 'mode', model: 'continuous' }
const UNCROSS = { op: 'uncross' }

/** A session in call mode after `commands`. */
function call(...commands: Command[]): Session {
  const s = new Session()
  s.send(CALL, ...commands)
  return s
}

/** The uncross event (price, qty) the commands lead to. */
function uncrossOf(s: Session): unknown {
  return s.send(UNCROSS)[0]
}

describe('call mode', () => {
  it('rests orders without trading, even when they cross', () => {
    const s = new Session()
    expect(s.send(CALL)).toEqual([modeEvent('call')])
    expect(s.send(limit('b', 'x', 'buy', 120, 5), limit('s', 'y', 'sell', 100, 5))).toEqual([
      accepted('b'),
      accepted('s'),
    ])
    expect(s.queue('buy')).toEqual(['b:120:5'])
    expect(s.queue('sell')).toEqual(['s:100:5'])
  })

  it('accepts limit GTC and market only: IOC, FOK and post-only are invalid', () => {
    const s = call()
    expect(s.send(limit('a', 'x', 'buy', 100, 1, { tif: 'IOC' }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(limit('a', 'x', 'buy', 100, 1, { tif: 'FOK' }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(limit('a', 'x', 'buy', 100, 1, { postOnly: true }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(market('a', 'x', 'buy', 1, { tif: 'FOK' }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(market('a', 'x', 'buy', 1))).toEqual([accepted('a')])
    expect(s.send(market('b', 'x', 'buy', 1, { tif: 'IOC' }))).toEqual([accepted('b')])
    expect(s.send(limit('c', 'x', 'buy', 100, 1, { tif: 'GTC', postOnly: false }))).toEqual([accepted('c')])
  })

  it('puts resting market orders first in priority', () => {
    const s = call(limit('l', 'x', 'buy', 200, 1), market('m', 'x', 'buy', 1))
    expect(s.queue('buy')).toEqual(['m:mkt:1', 'l:200:1'])
  })

  it('lets orders be cancelled', () => {
    const s = call(market('m', 'x', 'buy', 1))
    expect(s.send({ op: 'cancel', id: 'm' })).toEqual([cancelled('m', 1, 'user')])
  })
})

describe('uncross price', () => {
  it('takes the price with the most executable volume', () => {
    const s = call(
      limit('b1', 'x', 'buy', 110, 10),
      limit('b2', 'x', 'buy', 100, 10),
      limit('s1', 'y', 'sell', 90, 5),
      limit('s2', 'y', 'sell', 100, 10),
    )
    // 90: 20 vs 5; 100: 20 vs 15 → 15; 110: 10 vs 15 → 10.
    expect(uncrossOf(s)).toEqual(uncrossEvent(100, 15))
  })

  it('then the smallest surplus', () => {
    const s = call(
      limit('b1', 'x', 'buy', 110, 10),
      limit('b2', 'x', 'buy', 100, 3),
      limit('s1', 'y', 'sell', 100, 10),
      limit('s2', 'y', 'sell', 110, 1),
    )
    // 100: 13 vs 10 → 10, surplus 3; 110: 10 vs 11 → 10, surplus 1.
    expect(uncrossOf(s)).toEqual(uncrossEvent(110, 10))
  })

  it('then the highest when every remaining candidate has buy surplus', () => {
    const s = call(
      limit('b1', 'x', 'buy', 120, 10),
      limit('s1', 'y', 'sell', 100, 5),
      limit('s2', 'y', 'sell', 110, 1),
    )
    // 100: 10 vs 5; 110: 10 vs 6 → 6 surplus 4; 120: 10 vs 6 → 6 surplus 4 (buy side) → the highest.
    expect(uncrossOf(s)).toEqual(uncrossEvent(120, 6))
  })

  it('then the lowest when every remaining candidate has sell surplus', () => {
    const s = call(
      limit('b1', 'x', 'buy', 120, 5),
      limit('s1', 'y', 'sell', 100, 10),
      limit('b2', 'x', 'buy', 110, 1),
    )
    // 100: 6 vs 10 surplus -4; 110: 6 vs 10 surplus -4; 120: 5 vs 10 → the lowest of 100 and 110.
    expect(uncrossOf(s)).toEqual(uncrossEvent(100, 6))
  })

  it('then the closest to the last trade price, then the lower', () => {
    const orders = [limit('b', 'x', 'buy', 130, 5), limit('s', 'y', 'sell', 100, 5)]
    // 100 and 130 both give 5 with no surplus.
    const noLast = call(...orders)
    expect(uncrossOf(noLast)).toEqual(uncrossEvent(100, 5))
    const withLast = (price: number) => {
      const s = new Session()
      s.send(limit('p', 'u', 'sell', price, 1), limit('q', 'v', 'buy', price, 1), CALL, ...orders)
      return uncrossOf(s)
    }
    expect(withLast(140)).toEqual(uncrossEvent(130, 5))
    expect(withLast(120)).toEqual(uncrossEvent(130, 5))
    expect(withLast(110)).toEqual(uncrossEvent(100, 5))
    expect(withLast(50)).toEqual(uncrossEvent(100, 5))
  })

  it('takes a tie of distance to the last price at the lower candidate', () => {
    const s = new Session()
    s.send(limit('p', 'u', 'sell', 115, 1), limit('q', 'v', 'buy', 115, 1), CALL)
    s.send(limit('b', 'x', 'buy', 130, 5), limit('s', 'y', 'sell', 100, 5))
    expect(uncrossOf(s)).toEqual(uncrossEvent(100, 5))
  })

  it('reports price null and qty 0 when nothing can execute', () => {
    expect(uncrossOf(call())).toEqual(uncrossEvent(null, 0))
    expect(uncrossOf(call(limit('b', 'x', 'buy', 90, 5), limit('s', 'y', 'sell', 100, 5)))).toEqual(
      uncrossEvent(null, 0),
    )
  })
})

describe('uncross execution', () => {
  it('pairs the queues in priority order at the uncross price, then cancels markets left', () => {
    const s = call(
      market('mb', 'x', 'buy', 3),
      limit('b1', 'x', 'buy', 110, 4),
      limit('b2', 'z', 'buy', 100, 10),
      limit('s1', 'y', 'sell', 90, 5),
      limit('s2', 'y', 'sell', 100, 5),
      market('ms', 'y', 'sell', 2),
      market('ms2', 'w', 'sell', 30),
    )
    // 90: buys 17, sells 37 → 17, surplus 20; 100: buys 17, sells 42 → 17, surplus 25; 110: 7 → 90.
    expect(s.send(UNCROSS)).toEqual([
      uncrossEvent(90, 17),
      trade('mb', 'ms', 90, 2, 'auction'),
      trade('mb', 'ms2', 90, 1, 'auction'),
      trade('b1', 'ms2', 90, 4, 'auction'),
      trade('b2', 'ms2', 90, 10, 'auction'),
      cancelled('ms2', 15, 'unfilled'),
    ])
    expect(s.queue('sell')).toEqual(['s1:90:5', 's2:100:5'])
    expect(s.send(market('late', 'x', 'buy', 1))).toEqual([accepted('late')])
  })

  it('does not apply self-trade prevention in the auction', () => {
    const s = call(limit('b', 'x', 'buy', 100, 5), limit('s', 'x', 'sell', 100, 5))
    expect(s.send(UNCROSS)).toEqual([uncrossEvent(100, 5), trade('b', 's', 100, 5, 'auction')])
  })

  it('cancels resting market orders even when nothing executes', () => {
    const s = call(market('m', 'x', 'buy', 5), market('n', 'y', 'sell', 5))
    expect(s.send(UNCROSS)).toEqual([
      uncrossEvent(null, 0),
      cancelled('m', 5, 'unfilled'),
      cancelled('n', 5, 'unfilled'),
    ])
  })

  it('stays in call mode after an uncross and sets the last trade price', () => {
    const s = call(limit('b', 'x', 'buy', 100, 5), limit('s', 'y', 'sell', 100, 5))
    s.send(UNCROSS)
    expect(s.send(limit('b2', 'x', 'buy', 100, 5), limit('s2', 'y', 'sell', 100, 5))).toEqual([
      accepted('b2'),
      accepted('s2'),
    ])
    const handle = s.edge.instrumentHandle('default')!
    expect(s.edge.engine.view.lastTradePrice(handle)).toBe(100)
  })

  it('rejects an uncross of an instrument not in call mode with id null', () => {
    const s = new Session()
    expect(s.send(UNCROSS)).toEqual([rejected(null, 'invalid')])
    s.send(limit('b', 'x', 'buy', 100, 5))
    expect(s.send(UNCROSS)).toEqual([rejected(null, 'invalid')])
    expect(s.send({ op: 'uncross', instrument: 'nowhere' })).toEqual([rejected(null, 'invalid')])
    expect(s.send({ op: 'uncross', instrument: 5 })).toEqual([rejected(null, 'invalid')])
  })
})

describe('mode switches', () => {
  it('uncrosses before the mode event when going from call to continuous', () => {
    const s = call(
      limit('b', 'x', 'buy', 110, 5),
      limit('s', 'y', 'sell', 100, 3),
      market('m', 'y', 'buy', 2),
    )
    // 100 and 110 both execute 3 with a buy surplus of 4: the highest.
    expect(s.send(CONTINUOUS)).toEqual([
      uncrossEvent(110, 3),
      trade('m', 's', 110, 2, 'auction'),
      trade('b', 's', 110, 1, 'auction'),
      modeEvent('continuous'),
    ])
    expect(s.queue('buy')).toEqual(['b:110:4'])
  })

  it('reports an empty uncross too, and nothing extra from continuous to call or for the same mode', () => {
    const s = new Session()
    expect(s.send(CONTINUOUS)).toEqual([modeEvent('continuous')])
    expect(s.send(CALL)).toEqual([modeEvent('call')])
    expect(s.send(CALL)).toEqual([modeEvent('call')])
    expect(s.send(CONTINUOUS)).toEqual([uncrossEvent(null, 0), modeEvent('continuous')])
  })

  it('names the instrument and rejects an unknown model with id null', () => {
    const s = new Session()
    expect(s.send({ op: 'mode', instrument: 'AL-A00', model: 'call' })).toEqual([modeEvent('call', 'AL-A00')])
    expect(s.send({ op: 'mode', model: 'auction' })).toEqual([rejected(null, 'invalid')])
    expect(s.send({ op: 'mode' })).toEqual([rejected(null, 'invalid')])
    expect(s.send({ op: 'mode', instrument: 3, model: 'call' })).toEqual([rejected(null, 'invalid')])
    expect(s.send(limit('b', 'x', 'buy', 100, 5, { instrument: 'AL-A00', tif: 'IOC' }))).toEqual([
      rejected('b', 'invalid'),
    ])
    expect(s.send(limit('b', 'x', 'buy', 100, 5, { tif: 'IOC' }))).toEqual([
      accepted('b'),
      cancelled('b', 5, 'unfilled'),
    ])
  })
})
