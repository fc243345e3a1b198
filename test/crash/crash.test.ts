/**
 * Kills the server with SIGKILL in the middle of a load of orders, starts it again on the same data,
 * and checks that every order answered 201 is there with the same trades, that no trade is doubled,
 * and that `huiguo ledger verify` passes. On the file journal always; on JetStream when
 * TEST_NATS_URL is set (CI sets it).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'nats'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../../src/trading/demo/index.ts'
import { BIN, CLI_ENV, huiguo } from '../support/cli.ts'

const INGOT = 'AL-A00-GY'

interface Server {
  url: string
  child: ChildProcess
  exited: Promise<number | null>
}

/** Starts `huiguo start` on `dataDir` and resolves once it prints where it serves. */
function startServer(dataDir: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'start', '--data', dataDir, '--port', '0', '--no-simulation'], {
    env: { ...CLI_ENV, LOG_LEVEL: 'warn', HUIGUO_ORDER_RATE_PER_SEC: '100000', ...env },
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    let stderr = ''
    child.stderr!.on('data', (chunk) => {
      stderr += chunk
      const match = /serving at (http:\/\/localhost:\d+)/.exec(stderr)
      if (match) resolve({ url: match[1]!, child, exited })
    })
    child.stdout!.resume()
    void exited.then((code) => reject(new Error(`server exited (${code}) before serving:\n${stderr}`)))
  })
}

async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  })
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!res.ok || !cookie) throw new Error(`login of ${username}: ${res.status}`)
  return cookie
}

interface Acked {
  id: string
  status: string
  filledQty: number
  trades: string[]
}

async function runCrash(env: NodeJS.ProcessEnv): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'huiguo-crash-'))
  cpSync(inject('seededPgliteTemplate'), dataDir, { recursive: true })
  let server: Server | undefined
  try {
    server = await startServer(dataDir, env)
    const mill = await login(server.url, 'demo-mill')
    const buyer = await login(server.url, 'demo-buyer')
    const first = server
    const instrument = await (await fetch(`${first.url}/api/v1/instruments/${INGOT}`)).json()
    const reference: number = instrument.referencePriceCnyPerT ?? 19_850
    const acked = new Map<string, Acked>()
    let sent = 0
    let stop = false
    // Sells from the mill and crossing buys from the buyer, from several connections at once.
    const worker = async (w: number) => {
      while (!stop) {
        const n = sent++
        const sell = n % 2 === 0
        const body = {
          instrument: INGOT,
          side: sell ? 'sell' : 'buy',
          type: 'limit',
          price: reference + (sell ? -1 : 1) * 10 * (n % 5),
          qty: 5_000,
        }
        try {
          const res = await fetch(`${first.url}/api/v1/orders`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              cookie: sell ? mill : buyer,
              'idempotency-key': `crash-${w}-${n}`,
            },
            body: JSON.stringify(body),
          })
          if (res.status === 201) {
            const { order, trades } = await res.json()
            acked.set(order.id, {
              id: order.id,
              status: order.status,
              filledQty: order.filledQty,
              trades: trades.map((t: { id: string }) => t.id),
            })
          }
        } catch {
          return // the server is gone
        }
      }
    }
    const workers = Array.from({ length: 8 }, (_, w) => worker(w))
    while (acked.size < 120) await new Promise((r) => setTimeout(r, 5))
    server.child.kill('SIGKILL')
    stop = true
    await Promise.all(workers)
    await server.exited

    server = await startServer(dataDir, env)
    const cookies = {
      mill: await login(server.url, 'demo-mill'),
      buyer: await login(server.url, 'demo-buyer'),
    }
    const allTrades = new Map<string, number>()
    for (const cookie of [cookies.mill, cookies.buyer]) {
      let cursor: string | null = null
      do {
        const page: { items: { id: string; qtyKg: number }[]; nextCursor: string | null } = await (
          await fetch(`${server.url}/api/v1/trades?mine=true&limit=200${cursor ? `&cursor=${cursor}` : ''}`, {
            headers: { cookie },
          })
        ).json()
        for (const t of page.items) allTrades.set(`${cookie === cookies.mill ? 'm' : 'b'}${t.id}`, t.qtyKg)
        cursor = page.nextCursor
      } while (cursor)
    }
    for (const order of acked.values()) {
      const res = await fetch(`${server.url}/api/v1/orders/${order.id}`, {
        headers: { cookie: cookies.mill },
      })
      const found =
        res.status === 200
          ? await res.json()
          : await (
              await fetch(`${server.url}/api/v1/orders/${order.id}`, { headers: { cookie: cookies.buyer } })
            ).json()
      expect(found.id, `acknowledged order ${order.id}`).toBe(order.id)
      expect(found.filledQty).toBeGreaterThanOrEqual(order.filledQty)
      for (const trade of order.trades) {
        const side = found.side === 'sell' ? 'm' : 'b'
        expect(allTrades.has(`${side}${trade}`), `trade ${trade} of order ${order.id}`).toBe(true)
      }
    }
    // Each trade once: the mill sold and the buyer bought exactly the same trades.
    const millTrades = [...allTrades.keys()]
      .filter((k) => k.startsWith('m'))
      .map((k) => k.slice(1))
      .sort()
    const buyerTrades = [...allTrades.keys()]
      .filter((k) => k.startsWith('b'))
      .map((k) => k.slice(1))
      .sort()
    expect(millTrades).toEqual(buyerTrades)
    expect(millTrades.length).toBeGreaterThan(0)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    const verify = await huiguo(['ledger', 'verify', '--data', dataDir])
    expect(verify.code).toBe(0)
  } finally {
    // A failed assertion must not leave the server running.
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}

describe('a SIGKILL in the middle of a load of orders', () => {
  it('loses no acknowledged order on the file journal', async () => {
    await runCrash({})
  }, 180_000)

  it.runIf(process.env.TEST_NATS_URL)(
    'loses no acknowledged order on JetStream',
    async () => {
      const stream = `crash_${randomBytes(4).toString('hex')}`
      try {
        await runCrash({ HUIGUO_JOURNAL: process.env.TEST_NATS_URL, HUIGUO_JOURNAL_STREAM: stream })
      } finally {
        const nc = await connect({ servers: process.env.TEST_NATS_URL })
        await (await nc.jetstreamManager()).streams.delete(stream).catch(() => {})
        await nc.close()
      }
    },
    180_000,
  )
})
