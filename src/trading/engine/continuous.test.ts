import { describe, expect, it } from 'vitest'
import { accepted, cancelled, limit, market, rejected, Session, trade } from './session.test-util.ts'

/** A book with asks s1 100×5 (acct x), s2 100×5 (acct y), s3 110×10 (acct x) and a bid b1 90×4 (acct y). */
function withBook(): Session {
  const s = new Session()
  s.send(
    limit('s1', 'x', 'sell', 100, 5),
    limit('s2', 'y', 'sell', 100, 5),
    limit('s3', 'x', 'sell', 110, 10),
    limit('b1', 'y', 'buy', 90, 4),
  )
  return s
}

describe('continuous trading', () => {
  it('accepts before anything the order causes, trades at the resting price, aggressor = incoming side', () => {
    const s = withBook()
    expect(s.send(limit('in', 'z', 'buy', 120, 12))).toEqual([
      accepted('in'),
      trade('in', 's1', 100, 5, 'buy'),
      trade('in', 's2', 100, 5, 'buy'),
      trade('in', 's3', 110, 2, 'buy'),
    ])
    expect(s.send(limit('in2', 'z', 'sell', 80, 1))).toEqual([
      accepted('in2'),
      trade('b1', 'in2', 90, 1, 'sell'),
    ])
    expect(s.queue('sell')).toEqual(['s3:110:8'])
    expect(s.queue('buy')).toEqual(['b1:90:3'])
  })

  it('keeps time priority within a level and price priority across levels', () => {
    const s = new Session()
    s.send(limit('a', 'x', 'buy', 100, 1), limit('b', 'x', 'buy', 110, 1), limit('c', 'x', 'buy', 100, 1))
    expect(s.queue('buy')).toEqual(['b:110:1', 'a:100:1', 'c:100:1'])
    expect(s.send(market('m', 'z', 'sell', 3))).toEqual([
      accepted('m'),
      trade('b', 'm', 110, 1, 'sell'),
      trade('a', 'm', 100, 1, 'sell'),
      trade('c', 'm', 100, 1, 'sell'),
    ])
  })

  it('rests a limit GTC remainder and stops at the limit price', () => {
    const s = withBook()
    expect(s.send(limit('in', 'z', 'buy', 100, 12))).toEqual([
      accepted('in'),
      trade('in', 's1', 100, 5, 'buy'),
      trade('in', 's2', 100, 5, 'buy'),
    ])
    expect(s.queue('buy')).toEqual(['in:100:2', 'b1:90:4'])
  })

  it('cancels an IOC remainder as unfilled', () => {
    const s = withBook()
    expect(s.send(limit('in', 'z', 'buy', 100, 12, { tif: 'IOC' }))).toEqual([
      accepted('in'),
      trade('in', 's1', 100, 5, 'buy'),
      trade('in', 's2', 100, 5, 'buy'),
      cancelled('in', 2, 'unfilled'),
    ])
    expect(s.queue('buy')).toEqual(['b1:90:4'])
  })

  it('never rests a market order: its remainder is cancelled unfilled, also on an empty book', () => {
    const s = withBook()
    expect(s.send(market('m', 'z', 'buy', 25))).toEqual([
      accepted('m'),
      trade('m', 's1', 100, 5, 'buy'),
      trade('m', 's2', 100, 5, 'buy'),
      trade('m', 's3', 110, 10, 'buy'),
      cancelled('m', 5, 'unfilled'),
    ])
    expect(s.send(market('m2', 'z', 'buy', 3))).toEqual([accepted('m2'), cancelled('m2', 3, 'unfilled')])
    expect(s.queue('buy')).toEqual(['b1:90:4'])
  })

  it('keeps instruments independent', () => {
    const s = new Session()
    s.send(limit('s', 'x', 'sell', 100, 5, { instrument: 'A' }))
    expect(s.send(limit('b', 'y', 'buy', 100, 5, { instrument: 'B' }))).toEqual([accepted('b')])
    expect(s.queue('sell', 'A')).toEqual(['s:100:5'])
    expect(s.queue('buy', 'B')).toEqual(['b:100:5'])
  })
})

describe('self-trade prevention', () => {
  it('cancel_resting (the default) cancels the own resting order and goes on', () => {
    const s = withBook()
    expect(s.send(limit('in', 'x', 'buy', 110, 8))).toEqual([
      accepted('in'),
      cancelled('s1', 5, 'stp'),
      trade('in', 's2', 100, 5, 'buy'),
      cancelled('s3', 10, 'stp'),
    ])
    expect(s.queue('buy')).toEqual(['in:110:3', 'b1:90:4'])
    expect(s.queue('sell')).toEqual([])
  })

  it('cancel_incoming cancels the incoming remainder and leaves the resting order', () => {
    const s = withBook()
    s.send({ op: 'cancel', id: 's1' }, limit('s4', 'x', 'sell', 100, 1))
    expect(s.send(limit('in', 'x', 'buy', 110, 8, { stp: 'cancel_incoming' }))).toEqual([
      accepted('in'),
      trade('in', 's2', 100, 5, 'buy'),
      cancelled('in', 3, 'stp'),
    ])
    expect(s.queue('sell')).toEqual(['s4:100:1', 's3:110:10'])
  })

  it('cancel_both cancels the resting order, then the incoming remainder', () => {
    const s = withBook()
    expect(s.send(market('in', 'x', 'buy', 8, { stp: 'cancel_both' }))).toEqual([
      accepted('in'),
      cancelled('s1', 5, 'stp'),
      cancelled('in', 8, 'stp'),
    ])
    expect(s.queue('sell')).toEqual(['s2:100:5', 's3:110:10'])
  })

  it('applies only to the same account', () => {
    const s = withBook()
    expect(s.send(limit('in', 'q', 'buy', 100, 5, { stp: 'cancel_both' }))).toEqual([
      accepted('in'),
      trade('in', 's1', 100, 5, 'buy'),
    ])
  })
})

describe('fill or kill', () => {
  it('fills completely when enough is reachable', () => {
    const s = withBook()
    expect(s.send(limit('f', 'z', 'buy', 110, 20, { tif: 'FOK' }))).toEqual([
      accepted('f'),
      trade('f', 's1', 100, 5, 'buy'),
      trade('f', 's2', 100, 5, 'buy'),
      trade('f', 's3', 110, 10, 'buy'),
    ])
  })

  it('otherwise trades nothing and changes nothing (no STP cancels either)', () => {
    const s = withBook()
    expect(s.send(limit('f', 'x', 'buy', 110, 6, { tif: 'FOK' }))).toEqual([
      accepted('f'),
      cancelled('f', 6, 'fok'),
    ])
    expect(s.send(limit('g', 'z', 'buy', 100, 11, { tif: 'FOK' }))).toEqual([
      accepted('g'),
      cancelled('g', 11, 'fok'),
    ])
    expect(s.queue('sell')).toEqual(['s1:100:5', 's2:100:5', 's3:110:10'])
  })

  it('skips own orders under cancel_resting, cancelling those it meets while it fills', () => {
    const s = withBook()
    expect(s.send(limit('f', 'x', 'buy', 110, 5, { tif: 'FOK' }))).toEqual([
      accepted('f'),
      cancelled('s1', 5, 'stp'),
      trade('f', 's2', 100, 5, 'buy'),
    ])
  })

  it('stops counting at the first own order under cancel_incoming and cancel_both', () => {
    const s = new Session()
    s.send(
      limit('s1', 'y', 'sell', 100, 5),
      limit('s2', 'x', 'sell', 100, 5),
      limit('s3', 'y', 'sell', 100, 5),
    )
    for (const stp of ['cancel_incoming', 'cancel_both']) {
      expect(s.send(limit(`f-${stp}`, 'x', 'buy', 100, 6, { tif: 'FOK', stp }))).toEqual([
        accepted(`f-${stp}`),
        cancelled(`f-${stp}`, 6, 'fok'),
      ])
    }
    expect(s.send(limit('g', 'x', 'buy', 100, 5, { tif: 'FOK', stp: 'cancel_incoming' }))).toEqual([
      accepted('g'),
      trade('g', 's1', 100, 5, 'buy'),
    ])
  })

  it('works for market orders (any price is acceptable)', () => {
    const s = withBook()
    expect(s.send(market('m', 'z', 'buy', 21, { tif: 'FOK' }))).toEqual([
      accepted('m'),
      cancelled('m', 21, 'fok'),
    ])
    expect(s.send(market('n', 'z', 'buy', 20, { tif: 'FOK' }))).toHaveLength(4)
  })
})

describe('post-only', () => {
  it('rests when it would not trade', () => {
    const s = withBook()
    expect(s.send(limit('p', 'z', 'buy', 90, 1, { postOnly: true }))).toEqual([accepted('p')])
    expect(s.queue('buy')).toEqual(['b1:90:4', 'p:90:1'])
  })

  it('is rejected would_cross when it would trade on entry, even against its own account', () => {
    const s = withBook()
    expect(s.send(limit('p', 'z', 'buy', 100, 1, { postOnly: true }))).toEqual([rejected('p', 'would_cross')])
    expect(s.send(limit('q', 'y', 'sell', 90, 1, { postOnly: true }))).toEqual([rejected('q', 'would_cross')])
    expect(s.send(limit('p', 'z', 'buy', 90, 1, { postOnly: true }))).toEqual([accepted('p')])
  })
})
