import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp, type HuiguoApp } from '../../src/app.ts'
import { enterpriseEnergyFacts } from '../../src/ecology/index.ts'
import { seededBackends, type TestDatabase } from '../support/databases.ts'
import { demoEnterprises, tokenFor } from '../support/trading.ts'

type Headers = Record<string, string>

/** 2026-03-15 12:00 in Shanghai: the current month is 2026-03, the latest complete one 2026-02. */
const NOW = Date.parse('2026-03-15T04:00:00Z')

/**
 * hot_rolling, 100 t: electricity 30 000 grid + 5 000 PV + 5 000 green = 40 000 kWh × 0.1229 =
 * 4 916 kgce; gas 2 000 Nm³ × 1.2143 = 2 428.6 kgce; other fuels 155.4 → 7 500 kgce, 75 kgce/t:
 * exactly the level-1 limit of hot-rolled strip (75), so level 1.
 */
const JANUARY = {
  month: '2026-01',
  line: 'hot_rolling',
  gridKwh: 30_000,
  ownPvKwh: 5_000,
  greenCertKwh: 5_000,
  naturalGasNm3: 2_000,
  otherFuelsKgce: 155.4,
  otherDirectKgco2: 100,
  outputT: 100,
}

describe.each(seededBackends())('ecology API on $name', ({ open }) => {
  let database: TestDatabase
  let huiguo: HuiguoApp
  let journalDir: string
  let firms: { seller: string; other: string; buyer: string }
  let asEnergyA: Headers
  let asEnergyB: Headers
  let asViewerA: Headers
  let asAdmin: Headers
  let asAnalyst: Headers

  beforeAll(async () => {
    database = await open()
    firms = await demoEnterprises(database)
    asEnergyA = await tokenFor(database, firms.seller, 'energy.a', ['energy'])
    asEnergyB = await tokenFor(database, firms.other, 'energy.b', ['energy'])
    asViewerA = await tokenFor(database, firms.seller, 'viewer.a', ['viewer'])
    asAdmin = await tokenFor(database, firms.buyer, 'admin.eco', ['admin'])
    asAnalyst = await tokenFor(database, firms.buyer, 'analyst.eco', ['analyst'])
    journalDir = mkdtempSync(join(tmpdir(), 'huiguo-journal-ecology-'))
    huiguo = await buildApp({
      database,
      webDistDir: null,
      trading: { journal: journalDir, sessionPolicy: 'always_open' },
      ecology: { clock: () => NOW },
    })
    await huiguo.app.ready()
  })
  afterAll(async () => {
    await huiguo?.close()
    await database?.dispose()
    if (journalDir) rmSync(journalDir, { recursive: true, force: true })
  })

  const post = (headers: Headers, url: string, payload: unknown) =>
    huiguo.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object })
  const get = (headers: Headers, url: string) =>
    huiguo.app.inject({ method: 'GET', url: `/api/v1${url}`, headers })
  const count = async () =>
    (
      await database.db
        .selectFrom('energy_record')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n
  const corrections = (enterprise: string, month: string, line: string) =>
    `/ecology/energy/records/${enterprise}/${month}/${line}/corrections`

  it('stores an energy manager’s month with its intensity, level and carbon', async () => {
    const res = await post(asEnergyA, '/ecology/energy/records', JANUARY)
    expect(res.statusCode).toBe(201)
    const r = res.json().record
    expect(r).toMatchObject({
      enterpriseId: firms.seller,
      month: '2026-01',
      line: 'hot_rolling',
      revision: 1,
      current: true,
      electricityKwh: 40_000,
      level: 1,
      limitsKgcePerT: [75, 95, 120],
      reason: null,
      submittedBy: 'energy.a',
      synthetic: false,
      gridKgco2PerKwh: 0.6058,
    })
    expect(r.energyKgce).toBeCloseTo(7_500, 9)
    expect(r.intensityKgcePerT).toBeCloseTo(75, 9)
    // Clean share (5 000 + 5 000) / 40 000 = 0.25.
    expect(r.cleanEnergyShare).toBeCloseTo(0.25, 12)
    // Direct 2 000 × 2.162 + 100 = 4 424 kg; indirect 30 000 × 0.6058 = 18 174 kg (PV and green
    // certificates count zero); (4 424 + 18 174) / 1000 / 100 t = 0.22598 t/t.
    expect(r.directKgco2).toBeCloseTo(4_424, 9)
    expect(r.indirectKgco2).toBeCloseTo(18_174, 9)
    expect(r.tco2PerT).toBeCloseTo(0.22598, 12)

    // Just above a limit is the next level: February with 2 010 kgce more of other fuels,
    // 9 510 kgce / 100 t = 95.1 > 95 → level 3.
    const feb = await post(asEnergyA, '/ecology/energy/records', {
      ...JANUARY,
      month: '2026-02',
      otherFuelsKgce: 155.4 + 2_010,
    })
    expect(feb.statusCode).toBe(201)
    expect(feb.json().record.intensityKgcePerT).toBeCloseTo(95.1, 9)
    expect(feb.json().record.level).toBe(3)

    const list = await get(asEnergyA, '/ecology/energy/records')
    expect(list.statusCode).toBe(200)
    expect(list.json()).toMatchObject({ enterpriseId: firms.seller, to: '2026-03', currentMonth: '2026-03' })
    expect(list.json().items.map((x: { month: string }) => x.month)).toEqual(['2026-01', '2026-02'])
  })

  it('refuses each kind of bad month with its code and stores nothing', async () => {
    const before = await count()
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...JANUARY, month: '2025-12', gridKwh: -1 }, 422, 'ENERGY_VALUE_NEGATIVE'],
      [{ ...JANUARY, month: '2025-12', outputT: -5 }, 422, 'ENERGY_VALUE_NEGATIVE'],
      // 20 × the level-3 limit of hot rolling is 2 400 kgce/t: 2 400.1 kgce over 1 t is refused.
      [
        {
          month: '2025-12',
          line: 'hot_rolling',
          gridKwh: 0,
          naturalGasNm3: 0,
          otherFuelsKgce: 2400.1,
          outputT: 1,
        },
        422,
        'ENERGY_VALUE_IMPLAUSIBLE',
      ],
      [{ ...JANUARY, month: '2025-12', outputT: 0 }, 422, 'ENERGY_OUTPUT_ZERO'],
      [{ ...JANUARY, month: '2026-13' }, 422, 'ENERGY_MONTH_INVALID'],
      [{ ...JANUARY, month: '2026-1' }, 422, 'ENERGY_MONTH_INVALID'],
      [{ ...JANUARY, month: '2026-04' }, 422, 'ENERGY_MONTH_IN_FUTURE'],
      [{ ...JANUARY, line: 'extrusion' }, 422, 'ENERGY_LINE_UNKNOWN'],
      [JANUARY, 409, 'ENERGY_RECORD_EXISTS'],
    ]
    for (const [payload, status, code] of cases) {
      const res = await post(asEnergyA, '/ecology/energy/records', payload)
      expect(res.statusCode, code).toBe(status)
      expect(res.json().code).toBe(code)
    }
    // The message names the field at fault.
    const negative = await post(asEnergyA, '/ecology/energy/records', {
      ...JANUARY,
      month: '2025-12',
      ownPvKwh: -2,
    })
    expect(negative.json().errors).toEqual([{ field: '/ownPvKwh', message: 'must not be negative' }])
    expect(await count()).toBe(before)
    // The current month is not in the future; exactly 2 400 kgce/t is still plausible.
    const march = await post(asEnergyA, '/ecology/energy/records', {
      month: '2026-03',
      line: 'hot_rolling',
      gridKwh: 0,
      naturalGasNm3: 0,
      otherFuelsKgce: 2400,
      outputT: 1,
    })
    expect(march.statusCode).toBe(201)
    expect(march.json().record.level).toBe(4)
    expect(await count()).toBe(before + 1)
  })

  it('keeps every revision of a corrected month, with who, when and why', async () => {
    const url = corrections(firms.seller, '2026-01', 'hot_rolling')
    const before = await count()
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ ...JANUARY, reason: '  ' }, 422, 'ENERGY_REASON_REQUIRED'],
      [{ ...JANUARY, reason: 'same figures' }, 422, 'ENERGY_CORRECTION_UNCHANGED'],
      [{ ...JANUARY, gridKwh: 31_000, reason: 'stale', baseRevision: 2 }, 409, 'ENERGY_REVISION_STALE'],
      [{ ...JANUARY, outputT: 0, reason: 'zero' }, 422, 'ENERGY_OUTPUT_ZERO'],
    ]
    for (const [payload, status, code] of refusals) {
      const { month: _m, line: _l, ...body } = payload
      const res = await post(asEnergyA, url, body)
      expect(res.statusCode, code).toBe(status)
      expect(res.json().code).toBe(code)
    }
    const { month: _m, line: _l, ...figures } = JANUARY
    const missing = await post(asEnergyA, corrections(firms.seller, '2025-06', 'hot_rolling'), {
      ...figures,
      reason: 'nothing to correct',
    })
    expect(missing.statusCode).toBe(404)
    expect(missing.json().code).toBe('ENERGY_RECORD_NOT_FOUND')
    expect(await count()).toBe(before)

    // The meter of the main transformer read 1 000 kWh more: 31 000 + 10 000 = 41 000 kWh ×
    // 0.1229 = 5 038.9 + 2 428.6 + 155.4 = 7 622.9 kgce / 100 t = 76.229 → level 2.
    const fixed = await post(asEnergyA, url, {
      ...figures,
      gridKwh: 31_000,
      reason: 'transformer meter re-read',
      baseRevision: 1,
    })
    expect(fixed.statusCode).toBe(201)
    expect(fixed.json().record).toMatchObject({
      revision: 2,
      current: true,
      level: 2,
      reason: 'transformer meter re-read',
    })
    expect(fixed.json().record.intensityKgcePerT).toBeCloseTo(76.229, 9)
    expect(await count()).toBe(before + 1)

    const history = await get(
      asEnergyA,
      `/ecology/energy/records/${firms.seller}/2026-01/hot_rolling/history`,
    )
    expect(history.statusCode).toBe(200)
    const revisions = history.json().items
    expect(
      revisions.map((r: { revision: number; current: boolean; gridKwh: number; reason: string | null }) => [
        r.revision,
        r.current,
        r.gridKwh,
        r.reason,
      ]),
    ).toEqual([
      [1, false, 30_000, null],
      [2, true, 31_000, 'transformer meter re-read'],
    ])
    expect(revisions[1].submittedBy).toBe('energy.a')
    expect(Date.parse(revisions[1].submittedAt)).toBe(NOW)
    // The list shows the current revision only.
    const list = (await get(asEnergyA, '/ecology/energy/records?from=2026-01&to=2026-01')).json().items
    expect(list).toHaveLength(1)
    expect(list[0].revision).toBe(2)
    const unknown = await get(asEnergyA, `/ecology/energy/records/${firms.seller}/2026-01/extrusion/history`)
    expect(unknown.statusCode).toBe(404)
  })

  it('refuses other enterprises’ users and users without the energy role, and stores nothing', async () => {
    const before = await count()
    const foreign = await post(asEnergyB, '/ecology/energy/records', {
      ...JANUARY,
      month: '2025-11',
      enterpriseId: firms.seller,
    })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().code).toBe('FORBIDDEN')
    const { month: _m, line: _l, ...figures } = JANUARY
    const foreignFix = await post(asEnergyB, corrections(firms.seller, '2026-01', 'hot_rolling'), {
      ...figures,
      reason: 'not mine',
    })
    expect(foreignFix.statusCode).toBe(403)
    const viewer = await post(asViewerA, '/ecology/energy/records', { ...JANUARY, month: '2025-11' })
    expect(viewer.statusCode).toBe(403)
    const anonymous = await post({}, '/ecology/energy/records', { ...JANUARY, month: '2025-11' })
    expect(anonymous.statusCode).toBe(401)
    expect(await count()).toBe(before)

    expect((await get(asEnergyB, `/ecology/energy/records?enterpriseId=${firms.seller}`)).statusCode).toBe(
      403,
    )
    expect(
      (await get(asEnergyB, `/ecology/energy/records/${firms.seller}/2026-01/hot_rolling/history`))
        .statusCode,
    ).toBe(403)
    expect((await get(asEnergyB, `/ecology/inventory?enterpriseId=${firms.seller}`)).statusCode).toBe(403)
    expect((await get({}, '/ecology/energy/records')).statusCode).toBe(401)
    // B's own list is empty; the analyst and the admin read A's.
    expect((await get(asEnergyB, '/ecology/energy/records')).json().items).toEqual([])
    const analyst = await get(asAnalyst, `/ecology/energy/records?enterpriseId=${firms.seller}`)
    expect(analyst.statusCode).toBe(200)
    expect(analyst.json().items.length).toBeGreaterThan(0)
    // The admin records for any enterprise; an unknown one is 404.
    const byAdmin = await post(asAdmin, '/ecology/energy/records', {
      ...JANUARY,
      month: '2025-11',
      enterpriseId: firms.other,
    })
    expect(byAdmin.statusCode).toBe(201)
    const nowhere = await post(asAdmin, '/ecology/energy/records', {
      ...JANUARY,
      enterpriseId: 'no-such-firm',
    })
    expect(nowhere.statusCode).toBe(404)
    expect(await count()).toBe(before + 1)
  })

  it('takes the grid factor in force for each month, which the admin changes', async () => {
    const inventory = async () => (await get(asEnergyA, '/ecology/inventory?from=2026-01&to=2026-01')).json()
    // January as corrected: grid 31 000 kWh × 0.6058 = 18 779.8 kg → 18.7798 t; direct 4.424 t.
    const before = await inventory()
    expect(before.months).toHaveLength(1)
    expect(before.months[0].gridKgco2PerKwh).toBe(0.6058)
    expect(before.total.indirectTco2).toBeCloseTo(18.7798, 9)
    expect(before.total.directTco2).toBeCloseTo(4.424, 9)
    expect(before.total.tco2PerT).toBeCloseTo((18.7798 + 4.424) / 100, 12)

    const refusedRole = await post(asEnergyA, '/ecology/grid-factors', {
      effectiveFrom: '2026-01',
      kgco2PerKwh: 0.5,
    })
    expect(refusedRole.statusCode).toBe(403)
    for (const bad of [
      { effectiveFrom: '2026-01', kgco2PerKwh: 0 },
      { effectiveFrom: '2026-01', kgco2PerKwh: 2 },
      { effectiveFrom: 'January', kgco2PerKwh: 0.5 },
    ]) {
      const res = await post(asAdmin, '/ecology/grid-factors', bad)
      expect(res.statusCode).toBe(422)
      expect(res.json().code).toBe('GRID_FACTOR_INVALID')
    }
    // From February on: January keeps 0.6058.
    expect(
      (await post(asAdmin, '/ecology/grid-factors', { effectiveFrom: '2026-02', kgco2PerKwh: 0.4 }))
        .statusCode,
    ).toBe(201)
    expect((await inventory()).total.indirectTco2).toBeCloseTo(18.7798, 9)
    // From January on: 31 000 × 0.5 = 15 500 kg.
    const set = await post(asAdmin, '/ecology/grid-factors', {
      effectiveFrom: '2026-01',
      kgco2PerKwh: 0.5,
      note: 'Henan 2023 (test)',
    })
    expect(set.statusCode).toBe(201)
    const after = await inventory()
    expect(after.months[0].gridKgco2PerKwh).toBe(0.5)
    expect(after.total.indirectTco2).toBeCloseTo(15.5, 9)
    // February is still on 0.4: the later month's version wins.
    const feb = (await get(asEnergyA, '/ecology/inventory?from=2026-02&to=2026-02')).json()
    expect(feb.months[0].gridKgco2PerKwh).toBe(0.4)
    const factors = (await get({}, '/ecology/grid-factors')).json()
    expect(
      factors.items.map((f: { effectiveFrom: string; kgco2PerKwh: number }) => [
        f.effectiveFrom,
        f.kgco2PerKwh,
      ]),
    ).toEqual([
      ['2000-01', 0.6058],
      ['2026-02', 0.4],
      ['2026-01', 0.5],
    ])
    expect(factors.currentKgco2PerKwh).toBe(0.4)
  })

  describe('the park over 2024, a fixture of three lines', () => {
    beforeAll(async () => {
      const fixture = [
        // A, hot rolling: 100 000 kWh × 0.1229 = 12 290 kgce / 100 t = 122.9 > 120 → level 4.
        {
          enterpriseId: firms.seller,
          month: '2024-06',
          line: 'hot_rolling',
          gridKwh: 100_000,
          naturalGasNm3: 0,
          outputT: 100,
        },
        // A, cold rolling: (20 000 + 30 000 PV) × 0.1229 = 6 145 kgce / 100 t = 61.45 → level 1.
        {
          enterpriseId: firms.seller,
          month: '2024-06',
          line: 'cold_rolling',
          gridKwh: 20_000,
          ownPvKwh: 30_000,
          naturalGasNm3: 0,
          outputT: 100,
        },
        // B, double-zero foil: 100 000 green kWh → 12 290 + 1 000 Nm³ × 1.2143 = 1 214.3 →
        // 13 504.3 kgce / 100 t = 135.043 → level 2.
        {
          enterpriseId: firms.other,
          month: '2024-07',
          line: 'foil_double_zero',
          gridKwh: 0,
          greenCertKwh: 100_000,
          naturalGasNm3: 1_000,
          outputT: 100,
        },
      ]
      for (const r of fixture)
        expect((await post(asAdmin, '/ecology/energy/records', r)).statusCode).toBe(201)
    })

    // Energy 12 290 + 6 145 + 13 504.3 = 31 939.3 kgce = 31.9393 tce. CO2: grid (100 000 + 20 000)
    // × 0.6058 = 72 696 kg + gas 1 000 × 2.162 = 2 162 kg → 74.858 t. 74.858 / 31.9393 =
    // 2.343755…, above 0.20 (a park below 0.2 Mtce is held to 0.20). Clean share (30 000 PV +
    // 100 000 green) / 250 000 = 0.52. Lines at level 2 or better: 2 of 3.
    const CO2_PER_TCE = 74.858 / 31.9393

    it('shows each indicator with the value, the target, the gap and pass/fail', async () => {
      const res = await get({}, '/ecology/park?to=2024-12')
      expect(res.statusCode).toBe(200)
      const park = res.json()
      expect(park).toMatchObject({
        synthetic: false,
        window: { from: '2024-01', to: '2024-12' },
        enterpriseCount: 2,
        scale: 'below_0_2_mtce',
        lineCount: 3,
        linesByLevel: { 1: 1, 2: 1, 3: 0, 4: 1 },
      })
      expect(park.energyTce).toBeCloseTo(31.9393, 9)
      expect(park.co2T).toBeCloseTo(74.858, 9)
      const [co2, clean, lines] = park.indicators
      expect(co2).toMatchObject({
        id: 'co2_per_tce',
        core: true,
        target: 0.2,
        comparison: 'at_most',
        pass: false,
      })
      expect(co2.value).toBeCloseTo(CO2_PER_TCE, 12)
      expect(co2.gap).toBeCloseTo(CO2_PER_TCE - 0.2, 12)
      expect(clean).toMatchObject({ id: 'clean_energy_share', core: false, target: 0.9, pass: false })
      expect(clean.value).toBeCloseTo(0.52, 12)
      expect(clean.gap).toBeCloseTo(0.38, 12)
      expect(lines).toMatchObject({ id: 'lines_at_level_2', target: 1, pass: false })
      expect(lines.value).toBeCloseTo(2 / 3, 12)
      expect(lines.gap).toBeCloseTo(1 / 3, 12)
    })

    it('answers the dashboard’s summary in its documented shape', async () => {
      const res = await get({}, '/ecology/summary?to=2024-12')
      expect(res.statusCode).toBe(200)
      const s = res.json()
      expect(Object.keys(s).sort()).toEqual(
        [
          'synthetic',
          'window',
          'enterpriseCount',
          'outputT',
          'energyTce',
          'intensityKgcePerT',
          'carbonTco2PerT',
          'directTco2PerT',
          'cleanEnergyShare',
          'linesAtLevel2OrBetterShare',
          'park',
        ].sort(),
      )
      expect(s.outputT).toBe(300)
      expect(s.energyTce).toBeCloseTo(31.9393, 9)
      // 74.858 t / 300 t; direct only the gas: 2.162 t / 300 t.
      expect(s.carbonTco2PerT).toBeCloseTo(74.858 / 300, 12)
      expect(s.directTco2PerT).toBeCloseTo(2.162 / 300, 12)
      expect(s.cleanEnergyShare).toBeCloseTo(0.52, 12)
      expect(s.linesAtLevel2OrBetterShare).toBeCloseTo(2 / 3, 12)
      expect(s.intensityKgcePerT).toEqual([
        expect.objectContaining({
          line: 'hot_rolling',
          outputT: 100,
          level: 4,
          level2LimitKgcePerT: 95,
          level3LimitKgcePerT: 120,
        }),
        expect.objectContaining({ line: 'cold_rolling', outputT: 100, level: 1, level2LimitKgcePerT: 90 }),
        expect.objectContaining({
          line: 'foil_double_zero',
          outputT: 100,
          level: 2,
          level3LimitKgcePerT: 230,
        }),
      ])
      expect(s.intensityKgcePerT[2].intensityKgcePerT).toBeCloseTo(135.043, 9)
      expect(s.park.indicators).toHaveLength(3)
    })

    it('lists every enterprise to the admin and only its own to a member', async () => {
      const all = (await get(asAdmin, '/ecology/enterprises?to=2024-12')).json()
      expect(all.items.map((e: { enterpriseId: string }) => e.enterpriseId).sort()).toEqual(
        [firms.seller, firms.other].sort(),
      )
      const own = (await get(asEnergyA, '/ecology/enterprises?to=2024-12')).json().items
      expect(own).toHaveLength(1)
      // A: 30 000 PV of 150 000 kWh = 0.2; worst line level 4.
      expect(own[0]).toMatchObject({ enterpriseId: firms.seller, worstEnergyLevel: 4 })
      expect(own[0].cleanEnergyShare).toBeCloseTo(0.2, 12)
      expect((await get({}, '/ecology/enterprises')).statusCode).toBe(401)
      // The facts the green_upgrade programme reads.
      expect(await enterpriseEnergyFacts(database.db, firms.seller, '2024-12')).toEqual({
        worstEnergyLevel: 4,
        cleanEnergyShare: 0.2,
        months: 1,
      })
      expect(await enterpriseEnergyFacts(database.db, firms.other, '2024-06')).toEqual({
        worstEnergyLevel: null,
        cleanEnergyShare: null,
        months: 0,
      })
    })

    it('answers a new record at once (the park’s cache follows the ledger)', async () => {
      expect((await get({}, '/ecology/park?to=2024-12')).json().lineCount).toBe(3)
      // B's cold rolling on 50 000 kWh of its own PV: 6 145 kgce / 100 t = 61.45 → level 1. Clean
      // share (30 000 + 100 000 + 50 000) / 300 000 = 0.6; lines at level 2 or better 3 of 4.
      const added = await post(asAdmin, '/ecology/energy/records', {
        enterpriseId: firms.other,
        month: '2024-08',
        line: 'cold_rolling',
        gridKwh: 0,
        ownPvKwh: 50_000,
        naturalGasNm3: 0,
        outputT: 100,
      })
      expect(added.statusCode).toBe(201)
      const park = (await get({}, '/ecology/park?to=2024-12')).json()
      expect(park.lineCount).toBe(4)
      expect(park.indicators[1].value).toBeCloseTo(0.6, 12)
      expect(park.indicators[2].value).toBeCloseTo(0.75, 12)
    })
  })
})
