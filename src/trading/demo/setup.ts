/**
 * The demo center: demo users with known passwords (printed at start and in the README; demo data
 * only) and funded accounts for them and for the simulated participants. Written once, when the demo
 * cluster is created; every later start finds them in the database.
 * @module
 */
import { type Kysely, sql } from 'kysely'
import { createUser, type Role } from '../../accounts/index.ts'
import { listInstruments } from '../../instruments/index.ts'
import { type LedgerEvent, postLedgerEvent } from '../../ledger/index.ts'
import type { Database } from '../../platform/db/index.ts'

/** The one password of every demo user. Demo data only: never a real deployment's. */
export const DEMO_PASSWORD = 'huiguo-demo-2026'

export interface DemoUser {
  readonly username: string
  readonly roles: readonly Role[]
  /** Which demo enterprise the user belongs to. */
  readonly of: 'mill' | 'buyer'
  readonly description: string
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'demo-mill',
    roles: ['trader'],
    of: 'mill',
    description: 'trader of a sheet/strip mill (cash and receipts)',
  },
  { username: 'demo-buyer', roles: ['trader'], of: 'buyer', description: 'trader of a buyer (cash only)' },
  {
    username: 'demo-risk',
    roles: ['risk'],
    of: 'mill',
    description: 'risk officer: sees and cancels every order',
  },
  { username: 'demo-admin', roles: ['admin'], of: 'mill', description: 'administrator' },
  {
    username: 'demo-analyst',
    roles: ['analyst', 'viewer'],
    of: 'buyer',
    description: 'price analyst: proposes assessments and corrections',
  },
  {
    username: 'demo-reviewer',
    roles: ['analyst', 'viewer'],
    of: 'buyer',
    description: 'second price analyst: approves what demo-analyst proposes',
  },
  {
    username: 'demo-energy',
    roles: ['energy', 'viewer'],
    of: 'mill',
    description: "the mill's energy manager: submits its monthly energy records",
  },
  {
    username: 'demo-officer',
    roles: ['admin'],
    of: 'buyer',
    description: 'second administrator: approves programme applications beside demo-admin',
  },
]

/** How many simulated participants trade in the demo. */
const PARTICIPANTS = 6
const META_KEY = 'demo_trading'
const YUAN = 100n

export interface DemoParties {
  readonly mill: string
  readonly buyer: string
  /** The simulated participants' enterprises. */
  readonly participants: readonly string[]
}

/** The demo's enterprises, chosen from the registry the same way on every start. */
export async function demoParties(db: Kysely<Database>): Promise<DemoParties | null> {
  const rows = await db
    .selectFrom('enterprise')
    .select(['id', 'kind', 'top_ten_sheet_strip'])
    .where('kind', 'in', ['processor', 'buyer', 'trader'])
    .orderBy('id')
    .execute()
  const mill = rows.find((r) => r.kind === 'processor' && r.top_ten_sheet_strip)?.id
  const buyer = rows.find((r) => r.kind === 'buyer')?.id
  if (!mill || !buyer) return null
  const traders = rows.filter((r) => r.kind === 'trader').map((r) => r.id)
  const processors = rows.filter((r) => r.kind === 'processor' && r.id !== mill).map((r) => r.id)
  const participants = [...traders.slice(0, PARTICIPANTS / 2), ...processors.slice(0, PARTICIPANTS / 2)]
  return { mill, buyer, participants }
}

/** Whether the demo users and accounts were written. */
export async function hasDemoTrading(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_meta').select('key').where('key', '=', META_KEY).executeTakeFirst()
  return row !== undefined
}

/**
 * Creates the demo users and funds the demo accounts (idempotent: does nothing the second time).
 * Returns the parties, or null when the registry has no demo cluster to draw them from.
 */
export async function setUpDemoTrading(db: Kysely<Database>, now = new Date()): Promise<DemoParties | null> {
  const parties = await demoParties(db)
  if (parties === null || (await hasDemoTrading(db))) return parties
  const instruments = (await listInstruments(db)).filter((i) => i.model !== 'listing')
  // One transaction: a start that stops half-way leaves no half-funded demo behind.
  await db.transaction().execute(async (trx) => {
    // The password hashes are computed side by side (scrypt runs off the main thread).
    const created = await Promise.all(
      DEMO_USERS.map((user) =>
        createUser(
          trx,
          {
            enterpriseId: user.of === 'mill' ? parties.mill : parties.buyer,
            username: user.username,
            password: DEMO_PASSWORD,
            roles: [...user.roles],
          },
          { now },
        ),
      ),
    )
    for (const [i, result] of created.entries())
      if (!result.ok && result.code !== 'USERNAME_TAKEN')
        throw new Error(`demo user ${DEMO_USERS[i]!.username}: ${result.detail}`)
    const post = async (event: LedgerEvent) => {
      const posted = await postLedgerEvent(trx, event)
      if (!posted.ok) throw new Error(posted.detail)
    }
    const fund = async (enterprise: string, yuan: bigint, tonnes: bigint) => {
      const memo = 'demo funds (synthetic)'
      await post({
        kind: 'deposit',
        enterprise,
        amountFen: yuan * YUAN,
        memo,
        key: `demo:deposit:${enterprise}`,
      })
      if (tonnes === 0n) return
      for (const instrument of instruments)
        await post({
          kind: 'intake',
          enterprise,
          instrument: instrument.code,
          qtyKg: tonnes * 1000n,
          memo: 'demo warehouse receipts (synthetic)',
          key: `demo:intake:${enterprise}:${instrument.code}`,
        })
    }
    await fund(parties.mill, 100_000_000n, 2_000n)
    await fund(parties.buyer, 100_000_000n, 0n)
    for (const participant of parties.participants) await fund(participant, 2_000_000_000n, 20_000n)
    const value = JSON.stringify({ synthetic: true, users: DEMO_USERS.map((u) => u.username), ...parties })
    await trx
      .insertInto('app_meta')
      .values({ key: META_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
      .execute()
  })
  return parties
}
