import { describe, expect, it } from 'vitest'
import { amended, cancelled, limit, market, rejected, Session, trade } from './session.test-util.ts'

/** Bids a 100×5, b 100×5 (both acct x), c 90×5; ask s 120×5 (acct y). */
function withBook(): Session {
  const s = new Session()
  s.send(
    limit('a', 'x', 'buy', 100, 5),
    limit('b', 'x', 'buy', 100, 5),
    limit('c', 'x', 'buy', 90, 5),
    limit('s', 'y', 'sell', 120, 5),
  )
  return s
}

describe('amend', () => {
  it('keeps priority in place for the same price and a quantity not above the open one', () => {
    const s = withBook()
    expect(s.send({ op: 'amend', id: 'a', qty: 2 })).toEqual([amended('a', 100, 2)])
    expect(s.send({ op: 'amend', id: 'a', qty: 2, price: 100 })).toEqual([amended('a', 100, 2)])
    expect(s.send({ op: 'amend', id: 'a' })).toEqual([amended('a', 100, 2)])
    expect(s.queue('buy')).toEqual(['a:100:2', 'b:100:5', 'c:90:5'])
  })

  it('takes qty as the new open quantity of a partly filled order', () => {
    const s = withBook()
    s.send(market('m', 'z', 'sell', 3))
    expect(s.queue('buy')[0]).toBe('a:100:2')
    expect(s.send({ op: 'amend', id: 'a', qty: 4 })).toEqual([amended('a', 100, 4)])
    expect(s.queue('buy')).toEqual(['b:100:5', 'a:100:4', 'c:90:5'])
  })

  it('loses priority for a larger quantity', () => {
    const s = withBook()
    expect(s.send({ op: 'amend', id: 'a', qty: 6 })).toEqual([amended('a', 100, 6)])
    expect(s.queue('buy')).toEqual(['b:100:5', 'a:100:6', 'c:90:5'])
  })

  it('loses priority for a new price and re-enters as incoming: amended first, then its trades', () => {
    const s = withBook()
    expect(s.send({ op: 'amend', id: 'c', price: 100 })).toEqual([amended('c', 100, 5)])
    expect(s.queue('buy')).toEqual(['a:100:5', 'b:100:5', 'c:100:5'])
    expect(s.send({ op: 'amend', id: 'b', price: 130, qty: 7 })).toEqual([
      amended('b', 130, 7),
      trade('b', 's', 120, 5, 'buy'),
    ])
    expect(s.queue('buy')).toEqual(['b:130:2', 'a:100:5', 'c:100:5'])
  })

  it('applies self-trade prevention to the re-entering order', () => {
    const s = new Session()
    s.send(limit('s', 'x', 'sell', 120, 5), limit('b', 'x', 'buy', 100, 5, { stp: 'cancel_incoming' }))
    expect(s.send({ op: 'amend', id: 'b', price: 120 })).toEqual([
      amended('b', 120, 5),
      cancelled('b', 5, 'stp'),
    ])
    expect(s.queue('buy')).toEqual([])
    expect(s.queue('sell')).toEqual(['s:120:5'])
  })

  it('rejects a post-only order amended to a crossing price, leaving it as it was', () => {
    const s = new Session()
    s.send(
      limit('p', 'x', 'buy', 100, 5, { postOnly: true }),
      limit('q', 'x', 'buy', 100, 5),
      limit('s', 'y', 'sell', 120, 5),
    )
    expect(s.send({ op: 'amend', id: 'p', price: 120, qty: 9 })).toEqual([rejected('p', 'would_cross')])
    expect(s.queue('buy')).toEqual(['p:100:5', 'q:100:5'])
    expect(s.send({ op: 'amend', id: 'p', price: 110 })).toEqual([amended('p', 110, 5)])
  })

  it('never trades in call mode; a resting market order amends its quantity only', () => {
    const s = withBook()
    s.send({ op: 'mode', model: 'call' }, market('m', 'z', 'buy', 4), market('n', 'z', 'buy', 4))
    expect(s.send({ op: 'amend', id: 'c', price: 130 })).toEqual([amended('c', 130, 5)])
    expect(s.send({ op: 'amend', id: 'm', qty: 3 })).toEqual([amended('m', null, 3)])
    expect(s.send({ op: 'amend', id: 'm', qty: 9 })).toEqual([amended('m', null, 9)])
    expect(s.send({ op: 'amend', id: 'm', price: 100 })).toEqual([rejected('m', 'invalid')])
    expect(s.queue('buy')).toEqual(['n:mkt:4', 'm:mkt:9', 'c:130:5', 'a:100:5', 'b:100:5'])
    expect(s.queue('sell')).toEqual(['s:120:5'])
  })

  it('does not check post-only crossing in call mode, where nothing trades on entry', () => {
    const s = new Session()
    s.send(limit('p', 'x', 'buy', 100, 5, { postOnly: true }), limit('s', 'y', 'sell', 120, 5))
    s.send({ op: 'mode', model: 'call' })
    expect(s.send({ op: 'amend', id: 'p', price: 130 })).toEqual([amended('p', 130, 5)])
  })
})
