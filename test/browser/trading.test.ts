import { describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/trading/demo/index.ts'
import { formatFen } from '../../web/src/format.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import type { Account, InstrumentView, MyTradeView, PlacedOrder } from '../../web/src/trading/types.ts'
import { useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

/** A fresh demo center in-process: demo users, funded accounts, simulated participants, market open. */
const ui = useDemoUi({ prefix: 'huiguo-trading-ui-', simulate: true })
const { testId, text, waitText, shot, api, pageErrors } = ui
// A trader of the demo buyer: cash, no receipts yet.
const TRADER = DEMO_USERS.find((u) => u.of === 'buyer' && u.roles.includes('trader'))!

/** The best ask shown in the ladder (the lowest ask is the last row of the asks). */
async function bestAskOnScreen(): Promise<number> {
  const rows = ui.page.locator('[data-testid=book-asks] tr')
  await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
  return Number(await rows.last().getAttribute('data-price'))
}

describe('trading screen', () => {
  let instrument: InstrumentView

  it('logs in as a demo trader from the header', async () => {
    await ui.page.goto(`${ui.url}/#/trade`)
    await testId('nav-login').click()
    await testId('login-username').fill(TRADER.username)
    await testId('login-password').fill(DEMO_PASSWORD)
    await testId('login-submit').click()
    expect(await waitText('user-name', (t) => t.length > 0)).toBe(TRADER.username)
    expect(await text('user-enterprise')).not.toBe('')
    // Back on the trading screen, which says its market is simulated.
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toBe('#/trade')
    expect(await waitText('trade-synthetic', (t) => t.length > 0)).toContain(zh['trade.synthetic'])
    expect(await text('synthetic-banner')).toContain(zh['banner.synthetic'])
  })

  it('opens an instrument with its live book, tape and chart', async () => {
    // An instrument in continuous trading whose book has sellers to buy from (the simulated
    // participants quote from their first round on).
    let open: InstrumentView[] = []
    await expect
      .poll(
        async () => {
          const { items } = await api<{ items: InstrumentView[] }>('/instruments')
          open = items.filter((i) => i.model === 'continuous' && i.status === 'open' && i.bestAsk !== null)
          return open.length
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0)
    instrument = open.find((i) => i.priceBasis === 'all_in') ?? open[0]!
    await ui.page.locator(`[data-testid=inst-table] tr[data-code="${instrument.code}"] a`).click()
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toBe(`#/trade/${instrument.code}`)
    await expect
      .poll(() => testId('stream-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('live')
    await bestAskOnScreen()
    expect(await text('inst-head')).toContain(instrument.code)
    // The chart is drawn, and TradingView's attribution stays visible beside it.
    await ui.page.locator('[data-testid=chart] canvas').first().waitFor()
    await ui.page
      .locator('[data-testid=chart] .chart-canvas a#tv-attr-logo[href*="tradingview.com"]')
      .waitFor()
  })

  it('buys at the best ask: the trade reaches the tape, the fills and the balances', async () => {
    const before = await api<Account>('/account')
    await waitText('cash-available', (t) => t === formatFen(before.cash.availableFen, 'zh'))
    const lots = 1
    await testId('ticket-buy').click()
    await testId('ticket-limit').click()
    await testId('ticket-lots').fill(String(lots))

    // The book moves under us: if the ask we aimed at was taken first, the order rests; cancel it
    // and aim again at the new best ask.
    let placed: PlacedOrder | null = null
    for (let attempt = 0; attempt < 5 && !placed; attempt++) {
      const ask = await bestAskOnScreen()
      await testId('ticket-price').fill(String(ask))
      // The preview shows what the order reserves before it is sent.
      await waitText('ticket-reservation', (t) => t.endsWith('元'))
      expect(await text('ticket-available')).toMatch(/元$/)
      const answer = ui.page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST',
      )
      await testId('ticket-send').click()
      const res = await answer
      expect(res.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
      expect(res.status()).toBe(201)
      const body = (await res.json()) as PlacedOrder
      await testId('ticket-result').waitFor()
      if (body.trades.length > 0) placed = body
      else if (body.order.status === 'open') {
        await testId(`cancel-${body.order.id}`).click()
        await ui.page.locator(`[data-testid=my-orders] tr[data-order-id="${body.order.id}"]`).waitFor({
          state: 'detached',
        })
      }
    }
    expect(placed, 'a buy at the best ask that traded').not.toBeNull()
    const trade = placed!.trades[0]!
    expect(trade.price).toBeLessThanOrEqual(placed!.order.price!)

    // The tape shows the trade, my fills show it, and the balances follow the ledger.
    await ui.page
      .locator(`[data-testid=tape-rows] tr[data-trade-id="${trade.id}"]`)
      .waitFor({ timeout: 15_000 })
    await ui.page
      .locator(`[data-testid=my-fills-rows] tr[data-trade-id="${trade.id}"]`)
      .waitFor({ timeout: 15_000 })
    const mine = await api<{ items: MyTradeView[] }>('/trades?mine=true&limit=50')
    expect(mine.items.map((t) => t.id)).toContain(trade.id)
    let after = before
    await expect
      .poll(
        async () => {
          after = await api<Account>('/account')
          return after.cash.availableFen !== before.cash.availableFen
        },
        { timeout: 15_000 },
      )
      .toBe(true)
    expect(BigInt(after.cash.availableFen)).toBeLessThan(BigInt(before.cash.availableFen))
    await waitText('cash-available', (t) => t === formatFen(after.cash.availableFen, 'zh'))
    const receipt = after.receipts.find((r) => r.instrument === instrument.code)
    const had = before.receipts.find((r) => r.instrument === instrument.code)
    expect(BigInt(receipt!.availableKg)).toBeGreaterThan(BigInt(had?.availableKg ?? '0'))
    await ui.page.locator(`[data-testid=receipts] [data-instrument="${instrument.code}"]`).waitFor()
    await shot('trading-zh.png')
  })

  it('explains a refusal in words before sending', async () => {
    const tick = instrument.tickCnyPerT
    if (tick > 1) {
      await testId('ticket-price').fill(String((await bestAskOnScreen()) + 1))
      const box = await waitText('ticket-refusal', (t) => t.length > 0)
      expect(box).toContain(zh['error.code.PRICE_OFF_TICK'])
      expect(box).toContain('PRICE_OFF_TICK')
    }
    await testId('ticket-price').fill(String(instrument.band.highCnyPerT + tick))
    const box = await waitText('ticket-refusal', (t) => t.includes('PRICE_OUTSIDE_BAND'))
    expect(box).toContain(zh['error.code.PRICE_OUTSIDE_BAND'])
    await shot('trading-refusal-zh.png')
  })

  it('rests an order below the market and cancels it', async () => {
    await testId('ticket-price').fill(String(instrument.band.lowCnyPerT))
    const answer = ui.page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/orders') && r.request().method() === 'POST',
    )
    await testId('ticket-send').click()
    const body = (await (await answer).json()) as PlacedOrder
    expect(body.order.status).toBe('open')
    const row = ui.page.locator(`[data-testid=my-orders] tr[data-order-id="${body.order.id}"]`)
    await row.waitFor()
    await expect
      .poll(async () => (await api<Account>('/account')).cash.reservedFen, { timeout: 15_000 })
      .not.toBe('0')
    await testId(`cancel-${body.order.id}`).click()
    await row.waitFor({ state: 'detached' })
  })

  it('shows the trading screen in English', async () => {
    await testId('lang-en').click()
    expect(await waitText('trade-synthetic', (t) => t.includes(en['trade.synthetic']))).not.toMatch(
      /[\u4e00-\u9fff]/,
    )
    const account = await api<Account>('/account')
    await waitText('cash-available', (t) => t === formatFen(account.cash.availableFen, 'en'))
    expect(await text('book')).toContain(en['book.title'])
    expect(await text('ticket')).toContain(en['ticket.title'])
    await bestAskOnScreen()
    await shot('trading-en.png')
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
