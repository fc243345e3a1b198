import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Compile } from 'typebox/compile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { accountsRoutes, createApiToken, createUser, type ScryptCost } from '../../src/accounts/index.ts'
import { listInstruments } from '../../src/instruments/index.ts'
import { deposit, intake } from '../../src/ledger/index.ts'
import { buildHttp, type HttpApp } from '../../src/platform/index.ts'
import { DEFAULT_SEED, generateCluster } from '../../src/seed/index.ts'
import { type Journal, openJournal } from '../../src/trading/journal/index.ts'
import {
  type Channel,
  type ChannelEvents,
  MarketData,
  marketDataRoutes,
  ServerMessage,
} from '../../src/trading/market-data/index.ts'
import { type OrderRequest, TradingService, tradingRoutes } from '../../src/trading/service/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'

const CODE = 'AL-A00-GY'
const COST: ScryptCost = { n: 2 ** 14, r: 8, p: 1 }
const PASSWORD = 'aluminium-A00-ingot'
const checkServerMessage = Compile(ServerMessage)

const processors = generateCluster(DEFAULT_SEED).enterprises.filter((e) => e.kind === 'processor')
const SELLER = processors[0]!.id
const BUYER = processors[1]!.id

/** A WebSocket client's messages, awaited one by one (no timing: each waits for its message). */
class Inbox {
  readonly #queue: ServerMessage[] = []
  readonly #waiting: ((message: ServerMessage) => void)[] = []
  readonly socket: WebSocket

  constructor(socket: WebSocket) {
    this.socket = socket
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(String(data))
      if (!checkServerMessage.Check(message)) throw new Error(`not a server message: ${String(data)}`)
      const waiter = this.#waiting.shift()
      if (waiter) waiter(message)
      else this.#queue.push(message)
    })
  }

  next(): Promise<ServerMessage> {
    const queued = this.#queue.shift()
    if (queued) return Promise.resolve(queued)
    return new Promise((resolve) => this.#waiting.push(resolve))
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** Sends and waits for the answer. */
  async ask(message: unknown): Promise<ServerMessage> {
    this.send(message)
    return this.next()
  }

  get pending(): number {
    return this.#queue.length
  }
}

describe.each(seededBackends())('market data API on $name', ({ open }) => {
  let database: TestDatabase
  let app: HttpApp
  let service: TradingService
  let marketData: MarketData
  let journal: Journal
  let journalDir: string
  let token: string
  let baseUrl: string
  let price: number
  let lotKg: number
  /** The trading clock: commands are stamped with it, and "today" is its Shanghai day. */
  let now = Date.parse('2025-03-03T15:59:30Z') // 23:59:30 in Shanghai
  let keys = 0

  const place = async (enterpriseId: string, request: Partial<OrderRequest>) => {
    const full: OrderRequest = {
      instrument: CODE,
      side: 'buy',
      type: 'limit',
      priceCnyPerT: price,
      qtyKg: lotKg,
      tif: 'GTC',
      postOnly: false,
      stp: 'cancel_resting',
      ...request,
    }
    const key = `k-${++keys}`
    const result = await service.place(enterpriseId, 'test-user', full, key, key)
    if (!result.ok) throw new Error(`${result.code}: ${result.detail}`)
    return result.value
  }

  const get = (url: string) => app.inject({ method: 'GET', url })

  /** A WebSocket client on the listening server (a real upgrade through the accounts hook). */
  const connect = async (headers: Record<string, string> = {}) => {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/stream`, { headers })
    const inbox = new Inbox(socket)
    await new Promise((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    return inbox
  }

  beforeAll(async () => {
    database = await open()
    const { db } = database
    const instruments = await listInstruments(db)
    const ingot = instruments.find((i) => i.code === CODE)!
    price = ingot.referencePriceCnyPerT
    lotKg = ingot.lotKg
    for (const enterprise of [SELLER, BUYER]) {
      const cash = await deposit(db, { enterprise, amountFen: 10_000_000_000n })
      const receipts = await intake(db, { enterprise, instrument: CODE, qtyKg: 1_000_000n })
      if (!cash.ok || !receipts.ok) throw new Error('could not fund the test enterprises')
    }
    const user = await createUser(
      db,
      { enterpriseId: SELLER, username: 'md-trader', password: PASSWORD, roles: ['trader'] },
      { now: new Date(), cost: COST },
    )
    if (!user.ok) throw new Error(user.detail)
    token = (await createApiToken(db, { userId: user.value.id, name: 'ws', expiresAt: null }, new Date()))
      .token

    journalDir = mkdtempSync(join(tmpdir(), 'huiguo-md-journal-'))
    journal = await openJournal(journalDir)
    const clock = () => now
    service = await TradingService.open({ db, journal, instruments, clock, sessionPolicy: 'always_open' })
    marketData = await MarketData.load(db, service)
    app = await buildHttp({ logger: false, webDistDir: null, version: 'test' })
    await app.register(
      async (api) => {
        await api.register(accountsRoutes, { db })
        await api.register(tradingRoutes, { db, service })
        await api.register(marketDataRoutes, { service, marketData, clock })
      },
      { prefix: '/api/v1' },
    )
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  })

  afterAll(async () => {
    await app?.close()
    await service?.close()
    await journal?.close()
    if (journalDir) rmSync(journalDir, { recursive: true, force: true })
    await database?.dispose()
  })

  it('lists the instruments with their terms and an empty market', async () => {
    const res = await get('/api/v1/instruments')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.synthetic).toBe(true)
    expect(body.items.length).toBeGreaterThanOrEqual(6)
    const ingot = body.items.find((i: { code: string }) => i.code === CODE)
    expect(ingot).toMatchObject({
      code: CODE,
      lotKg,
      priceBasis: 'all_in',
      baseCnyPerT: null,
      model: 'continuous',
      status: 'open',
      phase: 'continuous',
      referencePriceCnyPerT: price,
      last: null,
      change: null,
      changeBps: null,
      volumeKg: 0,
      high: null,
      low: null,
      bestBid: null,
      bestAsk: null,
    })
    expect(ingot.band.lowCnyPerT).toBeLessThan(price)
    expect(ingot.band.highCnyPerT).toBeGreaterThan(price)
    const fee = body.items.find((i: { priceBasis: string }) => i.priceBasis === 'fee')
    expect(fee.baseCnyPerT).toBeGreaterThan(0)
  })

  it('refuses an unknown instrument with 404 INSTRUMENT_NOT_FOUND on every route', async () => {
    for (const url of ['', '/book', '/trades', '/bars']) {
      const res = await get(`/api/v1/instruments/NO-SUCH${url}`)
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
      expect(res.json().code).toBe('INSTRUMENT_NOT_FOUND')
    }
  })

  it('refuses query values out of range, or unknown', async () => {
    for (const url of [
      `/book?depth=0`,
      `/book?depth=201`,
      `/book?depth=abc`,
      `/book?levels=5`,
      `/trades?limit=501`,
      `/bars?interval=5m`,
      `/bars?limit=1001`,
    ]) {
      const res = await get(`/api/v1/instruments/${CODE}${url}`)
      expect(res.statusCode, url).toBe(400)
      expect(res.json().code).toBe('VALIDATION_FAILED')
    }
  })

  it('streams book and trades deltas that continue the REST and stream snapshots', async () => {
    const client = await connect()
    const book = await client.ask({ op: 'subscribe', channel: 'book', instrument: CODE })
    const rest = (await get(`/api/v1/instruments/${CODE}/book`)).json()
    expect(book).toEqual({ type: 'snapshot', channel: 'book', ...rest })
    const trades = await client.ask({ op: 'subscribe', channel: 'trades', instrument: CODE })
    expect(trades).toMatchObject({ type: 'snapshot', channel: 'trades', instrument: CODE, trades: [] })

    await place(SELLER, { side: 'sell', qtyKg: 2 * lotKg })
    expect(await client.next()).toEqual({
      type: 'delta',
      channel: 'book',
      instrument: CODE,
      seq: rest.seq + 1,
      changes: [{ side: 'sell', price, qtyKg: 2 * lotKg, orders: 1 }],
    })

    const placed = await place(BUYER, { side: 'buy', qtyKg: lotKg })
    expect(placed.trades).toHaveLength(1)
    const bookDelta = await client.next()
    const tradesDelta = await client.next()
    expect(bookDelta).toMatchObject({ channel: 'book', seq: rest.seq + 2 })
    expect(tradesDelta).toEqual({
      type: 'delta',
      channel: 'trades',
      instrument: CODE,
      seq: (trades as { seq: number }).seq + 1,
      trades: [
        {
          id: String(placed.trades[0]!.id),
          price,
          allInPrice: price,
          qtyKg: lotKg,
          aggressor: 'buy',
          at: new Date(now).toISOString(),
        },
      ],
    })
    client.socket.close()
  })

  it('shows the trade and the book in REST: book, tape, bars and the day figures', async () => {
    await place(BUYER, { side: 'buy', priceCnyPerT: price - 10, qtyKg: lotKg })
    const book = (await get(`/api/v1/instruments/${CODE}/book?depth=1`)).json()
    expect(book).toMatchObject({
      instrument: CODE,
      bids: [{ price: price - 10, qtyKg: lotKg, orders: 1 }],
      asks: [{ price, qtyKg: lotKg, orders: 1 }],
    })
    const tape = (await get(`/api/v1/instruments/${CODE}/trades?limit=5`)).json()
    expect(tape.items).toHaveLength(1)
    expect(tape.items[0]).toMatchObject({ price, qtyKg: lotKg, aggressor: 'buy' })

    const ingot = (await get(`/api/v1/instruments/${CODE}`)).json()
    expect(ingot).toMatchObject({
      last: price,
      change: 0,
      changeBps: 0,
      volumeKg: lotKg,
      high: price,
      low: price,
      bestBid: price - 10,
      bestAsk: price,
    })

    // Past Shanghai midnight: a new day and a new minute.
    now = Date.parse('2025-03-03T16:00:10Z')
    const next = (await get(`/api/v1/instruments/${CODE}`)).json()
    expect(next).toMatchObject({ last: price, volumeKg: 0, high: null, low: null })
    await place(SELLER, { side: 'sell', priceCnyPerT: price - 10, qtyKg: lotKg })
    const bars1m = (await get(`/api/v1/instruments/${CODE}/bars?interval=1m`)).json()
    expect(bars1m).toEqual({
      instrument: CODE,
      interval: '1m',
      items: [
        {
          t: '2025-03-03T15:59:00.000Z',
          open: price,
          high: price,
          low: price,
          close: price,
          volumeKg: lotKg,
        },
        {
          t: '2025-03-03T16:00:00.000Z',
          open: price - 10,
          high: price - 10,
          low: price - 10,
          close: price - 10,
          volumeKg: lotKg,
        },
      ],
    })
    const bars1d = (await get(`/api/v1/instruments/${CODE}/bars?interval=1d&limit=1`)).json()
    expect(bars1d.items).toEqual([
      {
        t: '2025-03-03T16:00:00.000Z',
        open: price - 10,
        high: price - 10,
        low: price - 10,
        close: price - 10,
        volumeKg: lotKg,
      },
    ])
    expect((await get(`/api/v1/instruments/${CODE}`)).json()).toMatchObject({
      last: price - 10,
      change: -10,
      changeBps: Math.round((-10 * 10_000) / price),
      volumeKg: lotKg,
    })
  })

  it('loads from the trade table what it built live, with commands applied while it loads', async () => {
    const loading = MarketData.load(database.db, service)
    await place(BUYER, { side: 'buy', priceCnyPerT: price, qtyKg: lotKg }) // trades with the ask at price
    await place(SELLER, { side: 'sell', priceCnyPerT: price + 10, qtyKg: lotKg })
    const loaded = await loading
    expect(loaded.stats(CODE)).toMatchObject({ last: price, volumeKg: 2 * lotKg })
    for (const interval of ['1m', '1d'] as const)
      expect(loaded.bars(CODE, interval), interval).toEqual(marketData.bars(CODE, interval))
    expect(loaded.trades(CODE)!.trades).toEqual(marketData.trades(CODE)!.trades)
    expect(loaded.stats(CODE)).toEqual(marketData.stats(CODE))
    const { seq: _live, ...liveBook } = marketData.book(CODE)!
    const { seq: _loaded, ...loadedBook } = loaded.book(CODE)!
    expect(loadedBook).toEqual(liveBook)
  })

  it('streams the orders of the caller’s enterprise only, with credentials', async () => {
    const anonymous = await connect()
    expect(await anonymous.ask({ op: 'subscribe', channel: 'orders' })).toMatchObject({
      type: 'error',
      code: 'UNAUTHENTICATED',
    })
    anonymous.socket.close()

    const client = await connect({ authorization: `Bearer ${token}` })
    const snapshot = await client.ask({ op: 'subscribe', channel: 'orders' })
    expect(snapshot).toMatchObject({ type: 'snapshot', channel: 'orders' })
    const open = (snapshot as { orders: { id: string; status: string; instrument: string }[] }).orders
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((o) => o.status === 'open' && o.instrument === CODE)).toBe(true)
    const seq = (snapshot as { seq: number }).seq

    await place(BUYER, { side: 'buy', priceCnyPerT: price - 20 }) // another enterprise: not shown
    const mine = await place(SELLER, { side: 'sell', priceCnyPerT: price + 50 })
    const delta = await client.next()
    expect(delta).toMatchObject({
      type: 'delta',
      channel: 'orders',
      seq: seq + 1,
      orders: [{ id: String(mine.order.id), status: 'open', remainingQty: lotKg }],
    })
    const cancelled = await service.cancel(SELLER, mine.order.id)
    expect(cancelled.ok).toBe(true)
    expect(await client.next()).toMatchObject({
      seq: seq + 2,
      orders: [{ id: String(mine.order.id), status: 'cancelled' }],
    })
    client.socket.close()
  })

  it('takes a session cookie for the orders channel only from the same origin', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'md-trader', password: PASSWORD },
    })
    expect(login.statusCode).toBe(200)
    const header = login.headers['set-cookie']
    const cookie = (Array.isArray(header) ? header[0]! : header!).split(';')[0]!

    const foreign = await connect({ cookie, origin: 'https://evil.example' })
    expect(await foreign.ask({ op: 'subscribe', channel: 'orders' })).toMatchObject({
      code: 'UNAUTHENTICATED',
    })
    foreign.socket.close()
    const same = await connect({ cookie, origin: baseUrl })
    expect(await same.ask({ op: 'subscribe', channel: 'orders' })).toMatchObject({ type: 'snapshot' })
    same.socket.close()
  })

  it('answers bad messages with an error and keeps the connection', async () => {
    const client = await connect()
    expect(await client.ask('{"op":')).toMatchObject({ type: 'error', code: 'VALIDATION_FAILED' })
    expect(await client.ask({ op: 'subscribe', channel: 'candles', instrument: CODE })).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await client.ask({ op: 'subscribe', channel: 'book', instrument: 'NO-SUCH' })).toMatchObject({
      code: 'INSTRUMENT_NOT_FOUND',
    })
    expect(
      await client.ask({ op: 'subscribe', channel: 'book', instrument: 'x'.repeat(5000) }),
    ).toMatchObject({
      code: 'VALIDATION_FAILED',
    })
    expect(await client.ask({ op: 'subscribe', channel: 'book', instrument: CODE })).toMatchObject({
      type: 'snapshot',
      channel: 'book',
    })
    const closed = new Promise((resolve) => client.socket.once('close', resolve))
    client.socket.close()
    await closed
    expect(client.pending).toBe(0)
  })

  it('forgets the subscriptions of a closed connection', async () => {
    const before = marketData.subscriptionCount
    // Each subscription's stop function, observed: the test waits for the server to call them.
    const stopped: Promise<void>[] = []
    const subscribe = marketData.subscribe
    const original = subscribe.bind(marketData)
    marketData.subscribe = <C extends Channel>(
      channel: C,
      key: string,
      listener: (event: ChannelEvents[C]) => void,
    ) => {
      const stop = original(channel, key, listener)
      let done = () => {}
      stopped.push(new Promise<void>((resolve) => (done = resolve)))
      return () => {
        stop()
        done()
      }
    }
    try {
      const client = await connect()
      await client.ask({ op: 'subscribe', channel: 'book', instrument: CODE })
      await client.ask({ op: 'subscribe', channel: 'trades', instrument: CODE })
      expect(marketData.subscriptionCount).toBe(before + 2)
      client.socket.close()
      await Promise.all(stopped)
      expect(stopped).toHaveLength(2)
      expect(marketData.subscriptionCount).toBe(before)
    } finally {
      marketData.subscribe = subscribe
    }
  })

  it('does not document the WebSocket as an HTTP route, and documents the rest', async () => {
    const spec = (await get('/docs/json')).json()
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/instruments',
        '/api/v1/instruments/{code}',
        '/api/v1/instruments/{code}/book',
        '/api/v1/instruments/{code}/trades',
        '/api/v1/instruments/{code}/bars',
      ]),
    )
  })
})
