import { describe, expect, it } from 'vitest'
import { accepted, cancelled, limit, market, rejected, Session } from './session.test-util.ts'

const buy = (id: string, extra: Record<string, unknown> = {}) => limit(id, 'a', 'buy', 100, 5, extra)

describe('rejections', () => {
  it('rejects a line that is not a JSON object with id null', () => {
    const s = new Session()
    for (const line of ['not json', '[1,2]', '42', 'null', '"new"', '{"op":"new"']) {
      expect(s.send(line)).toEqual([rejected(null, 'invalid')])
    }
  })

  it('skips whitespace-only lines', () => {
    expect(new Session().send('', '   ', '\t')).toEqual([])
  })

  it('rejects an unknown or missing op, echoing the id as given', () => {
    const s = new Session()
    expect(s.send({ op: 'replace', id: 'x' })).toEqual([rejected('x', 'invalid')])
    expect(s.send({ id: 'y' })).toEqual([rejected('y', 'invalid')])
    expect(s.send({ op: 'NEW', id: 'z' })).toEqual([rejected('z', 'invalid')])
  })

  it('rejects a missing or non-string id as invalid, echoing it (null when absent)', () => {
    const s = new Session()
    const { id: _drop, ...noId } = buy('x') as Record<string, unknown>
    expect(s.send(noId)).toEqual([rejected(null, 'invalid')])
    expect(s.send({ ...noId, id: 7 })).toEqual([rejected(7, 'invalid')])
    expect(s.send({ ...noId, id: { k: 1 } })).toEqual([rejected({ k: 1 }, 'invalid')])
    expect(s.send({ op: 'cancel' })).toEqual([rejected(null, 'invalid')])
    expect(s.send({ op: 'amend', id: 3, qty: 1 })).toEqual([rejected(3, 'invalid')])
  })

  it('rejects a reused id as duplicate_id, even after the first order is gone', () => {
    const s = new Session()
    s.send(buy('b1'), { op: 'cancel', id: 'b1' }, market('m1', 'a', 'sell', 1))
    expect(s.send(buy('b1'))).toEqual([rejected('b1', 'duplicate_id')])
    expect(s.send(buy('m1'))).toEqual([rejected('m1', 'duplicate_id')])
  })

  it('lets a rejected order leave its id free', () => {
    const s = new Session()
    expect(s.send(buy('b1', { qty: 0 }))).toEqual([rejected('b1', 'invalid_qty')])
    expect(s.send(buy('b1'))).toEqual([accepted('b1')])
  })

  it('keeps ids unique across instruments', () => {
    const s = new Session()
    s.send(buy('b1', { instrument: 'X' }))
    expect(s.send(buy('b1', { instrument: 'Y' }))).toEqual([rejected('b1', 'duplicate_id')])
  })

  it.each([
    ['account missing', { account: undefined }],
    ['account not a string', { account: 5 }],
    ['instrument not a string', { instrument: 1 }],
    ['bad side', { side: 'BUY' }],
    ['bad type', { type: 'stop' }],
    ['qty missing', { qty: undefined }],
    ['qty a string', { qty: '5' }],
    ['price missing on a limit', { price: undefined }],
    ['price a string', { price: '100' }],
    ['price null', { price: null }],
    ['bad tif', { tif: 'DAY' }],
    ['postOnly not a boolean', { postOnly: 'yes' }],
    ['bad stp', { stp: 'none' }],
  ])('rejects a bad field as invalid: %s', (_name, change) => {
    expect(new Session().send({ ...(buy('o') as object), ...change })).toEqual([rejected('o', 'invalid')])
  })

  it('rejects a market GTC and a market order with a price as invalid', () => {
    const s = new Session()
    expect(s.send(market('m', 'a', 'buy', 5, { tif: 'GTC' }))).toEqual([rejected('m', 'invalid')])
    expect(s.send(market('m', 'a', 'buy', 5, { price: 100 }))).toEqual([rejected('m', 'invalid')])
    expect(s.send(market('m', 'a', 'buy', 5, { tif: 'IOC' }))).toEqual([
      accepted('m'),
      cancelled('m', 5, 'unfilled'),
    ])
  })

  it.each([0, -5, 1.5, 2 ** 60])('rejects qty %s as invalid_qty', (qty) => {
    expect(new Session().send(buy('o', { qty }))).toEqual([rejected('o', 'invalid_qty')])
  })

  it.each([0, -100, 105, 100.5, 2 ** 60])('rejects price %s (tick 10) as invalid_price', (price) => {
    expect(new Session().send(buy('o', { price }))).toEqual([rejected('o', 'invalid_price')])
  })

  it('accepts any positive multiple of the tick', () => {
    const s = new Session(5)
    expect(s.send(buy('a', { price: 5 }), buy('b', { price: 5_000_000_005 }))).toEqual([
      accepted('a'),
      accepted('b'),
    ])
  })

  it('rejects postOnly outside limit GTC as invalid, and allows postOnly false anywhere', () => {
    const s = new Session()
    expect(s.send(buy('a', { postOnly: true, tif: 'IOC' }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(buy('a', { postOnly: true, tif: 'FOK' }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(market('a', 'x', 'buy', 1, { postOnly: true }))).toEqual([rejected('a', 'invalid')])
    expect(s.send(market('a', 'x', 'buy', 1, { postOnly: false }))).toEqual([
      accepted('a'),
      cancelled('a', 1, 'unfilled'),
    ])
  })

  it('rejects a cancel or amend of an order that is not resting as unknown_order', () => {
    const s = new Session()
    s.send(limit('s', 'a', 'sell', 100, 5), limit('b', 'b', 'buy', 100, 5))
    expect(s.send({ op: 'cancel', id: 'nope' })).toEqual([rejected('nope', 'unknown_order')])
    expect(s.send({ op: 'cancel', id: 's' })).toEqual([rejected('s', 'unknown_order')])
    expect(s.send({ op: 'amend', id: 'b', qty: 1 })).toEqual([rejected('b', 'unknown_order')])
  })
})

describe('precedence when several things are wrong', () => {
  it('reports a bad id before a duplicate', () => {
    const s = new Session()
    s.send(buy('7'))
    expect(s.send({ ...(buy('x') as object), id: 7 })).toEqual([rejected(7, 'invalid')])
  })

  it('reports duplicate_id before bad fields', () => {
    const s = new Session()
    s.send(buy('d'))
    expect(s.send({ op: 'new', id: 'd', side: 'up' })).toEqual([rejected('d', 'duplicate_id')])
  })

  it('reports bad fields (a market GTC included) before invalid_qty', () => {
    const s = new Session()
    expect(s.send(buy('o', { qty: 0, side: 'up' }))).toEqual([rejected('o', 'invalid')])
    expect(s.send(market('o', 'a', 'buy', 0, { tif: 'GTC' }))).toEqual([rejected('o', 'invalid')])
  })

  it('reports invalid_qty before invalid_price', () => {
    expect(new Session().send(buy('o', { qty: -1, price: 3 }))).toEqual([rejected('o', 'invalid_qty')])
  })

  it('reports invalid_price before bad combinations', () => {
    const s = new Session()
    expect(s.send(buy('o', { price: 3, postOnly: true, tif: 'IOC' }))).toEqual([
      rejected('o', 'invalid_price'),
    ])
    s.send({ op: 'mode', model: 'call' })
    expect(s.send(buy('o', { price: 3, tif: 'IOC' }))).toEqual([rejected('o', 'invalid_price')])
  })

  it('reports bad combinations before would_cross', () => {
    const s = new Session()
    s.send(limit('s', 'z', 'sell', 100, 5))
    expect(s.send(buy('o', { postOnly: true, tif: 'IOC' }))).toEqual([rejected('o', 'invalid')])
    expect(s.send(buy('o', { postOnly: true }))).toEqual([rejected('o', 'would_cross')])
  })

  it('checks an amend for unknown_order, a market price, invalid_qty, then invalid_price', () => {
    const s = new Session()
    s.send({ op: 'mode', model: 'call' }, market('m', 'a', 'buy', 5), buy('b'))
    expect(s.send({ op: 'amend', id: 'zz', qty: 0, price: 3 })).toEqual([rejected('zz', 'unknown_order')])
    expect(s.send({ op: 'amend', id: 'm', qty: 0, price: 3 })).toEqual([rejected('m', 'invalid')])
    expect(s.send({ op: 'amend', id: 'm', price: 100 })).toEqual([rejected('m', 'invalid')])
    expect(s.send({ op: 'amend', id: 'b', qty: 0, price: 3 })).toEqual([rejected('b', 'invalid_qty')])
    expect(s.send({ op: 'amend', id: 'b', qty: 2, price: 3 })).toEqual([rejected('b', 'invalid_price')])
    expect(s.send({ op: 'amend', id: 'b', qty: '2' })).toEqual([rejected('b', 'invalid')])
    expect(s.queue('buy')).toEqual(['m:mkt:5', 'b:100:5'])
  })
})
