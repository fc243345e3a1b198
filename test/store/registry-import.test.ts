import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { enterprisesToCsv } from '../../src/registry/csv.ts'
import { importEnterprisesCsv } from '../../src/registry/import.ts'
import type { CatalogueItem, Enterprise } from '../../src/registry/model.ts'
import {
  allEnterprises,
  countEnterprises,
  findCatalogueOf,
  insertCatalogue,
  insertEnterprises,
} from '../../src/registry/store.ts'
import { type TestDatabase, testBackends } from '../support/databases.ts'

const enterprise = (id: string, changes: Partial<Enterprise> = {}): Enterprise => ({
  id,
  nameZh: `巩义${id}铝业有限公司`,
  nameEn: `${id} Aluminium Co., Ltd. ("${id}")`,
  kind: 'processor',
  category: null,
  stages: ['cast_rolling', 'cold_rolling'],
  place: 'Huiguo',
  province: 'Henan',
  lat: 34.7213,
  lon: 112.9657,
  capacityTPerYear: { sheet: 120_000, foil: 30_000 },
  annualRevenueFen: 123_456_789_012n,
  employees: 850,
  certifications: ['ISO 9001', '绿色工厂'],
  inCluster: true,
  topTenSheetStrip: false,
  synthetic: false,
  ...changes,
})

const catalogueItem = (enterpriseId: string): CatalogueItem => ({
  id: `${enterpriseId}-1`,
  enterpriseId,
  form: 'sheet',
  alloy: '3003',
  temper: 'H14',
  thicknessMinUm: 300,
  thicknessMaxUm: 3000,
  widthMinMm: 800,
  widthMaxMm: 1600,
  application: null,
  monthlyCapacityT: 500,
})

/** Every row of the registry's tables, to compare before and after. */
async function snapshot(database: TestDatabase) {
  const { db } = database
  return {
    enterprises: await allEnterprises(db),
    createdAt: await db.selectFrom('enterprise').select(['id', 'created_at']).orderBy('id').execute(),
    capacities: await db
      .selectFrom('enterprise_capacity')
      .selectAll()
      .orderBy('enterprise_id')
      .orderBy('form')
      .execute(),
    catalogue: await db.selectFrom('catalogue_item').selectAll().orderBy('id').execute(),
  }
}

describe.each(testBackends())('enterprise CSV import on $name', (backend) => {
  let database: TestDatabase

  beforeAll(async () => {
    database = await backend.open()
  })

  afterAll(async () => {
    await database?.dispose()
  })

  beforeEach(async () => {
    await database.db.deleteFrom('catalogue_item').execute()
    await database.db.deleteFrom('enterprise').execute()
  })

  it('inserts a good file, then a second import updates the existing ids and inserts the new', async () => {
    const { db } = database
    const first = [
      enterprise('alpha'),
      enterprise('beta', { kind: 'supporting', category: 'packaging', capacityTPerYear: {}, stages: [] }),
      enterprise('gamma', { nameEn: 'Gamma\nsecond line, "quoted"', annualRevenueFen: 0n }),
    ]
    expect(await importEnterprisesCsv(db, enterprisesToCsv(first))).toEqual({
      ok: true,
      value: { inserted: 3, updated: 0 },
    })
    expect(await allEnterprises(db)).toEqual(first)
    await insertCatalogue(db, [catalogueItem('alpha')])

    const second = [
      enterprise('alpha', {
        nameZh: '巩义市新铝业',
        kind: 'trader',
        stages: ['finishing'],
        capacityTPerYear: { plate: 5 },
        annualRevenueFen: 1n,
        certifications: [],
        inCluster: false,
        topTenSheetStrip: true,
        synthetic: true,
        lat: -12.5,
        lon: 0,
        employees: 0,
      }),
      enterprise('beta', {
        category: 'finance',
        kind: 'supporting',
        capacityTPerYear: { ingot: 7, billet: 9 },
      }),
      enterprise('delta'),
    ]
    expect(await importEnterprisesCsv(db, enterprisesToCsv(second))).toEqual({
      ok: true,
      value: { inserted: 1, updated: 2 },
    })
    expect(await allEnterprises(db)).toEqual([second[0], second[1], enterprise('delta'), first[2]])
    expect(await findCatalogueOf(db, 'alpha')).toEqual([catalogueItem('alpha')])
    const capacities = await db.selectFrom('enterprise_capacity').select(['enterprise_id', 'form']).execute()
    expect(capacities.filter((c) => c.enterprise_id === 'alpha')).toEqual([
      { enterprise_id: 'alpha', form: 'plate' },
    ])
  })

  it('writes nothing of a file with one bad row among good ones', async () => {
    const { db } = database
    await insertEnterprises(db, [enterprise('alpha'), enterprise('beta')])
    await insertCatalogue(db, [catalogueItem('alpha')])
    const before = await snapshot(database)
    const countBefore = await countEnterprises(db)

    const lines = enterprisesToCsv([
      enterprise('alpha', { nameZh: '改名', capacityTPerYear: {} }),
      enterprise('new-one'),
      enterprise('beta', { employees: 3 }),
      enterprise('new-two'),
    ]).split('\r\n')
    lines[3] = lines[3]!.replace('1234567890.12', '1234567890.123') // beta's revenue: three places
    const result = await importEnterprisesCsv(db, lines.join('\r\n'))

    expect(result).toMatchObject({
      ok: false,
      code: 'CSV_INVALID',
      errors: [
        {
          field: 'line 4, annual_revenue_cny',
          message: 'is not a decimal yuan amount with at most two places: "1234567890.123"',
        },
      ],
    })
    expect(await countEnterprises(db)).toBe(countBefore)
    expect(await snapshot(database)).toEqual(before)
  })

  it('rolls back everything when the database refuses a row half-way', async () => {
    const { db } = database
    await insertEnterprises(db, [enterprise('alpha')])
    const before = await snapshot(database)
    // A trigger stands in for a failure the parser cannot foresee (a constraint, a lost connection).
    await sql`create function refuse_omega() returns trigger language plpgsql as $$
      begin
        if new.enterprise_id = 'omega' then raise exception 'omega refused'; end if;
        return new;
      end $$`.execute(db)
    await sql`create trigger refuse_omega before insert on enterprise_capacity
      for each row execute function refuse_omega()`.execute(db)
    try {
      const text = enterprisesToCsv([
        enterprise('alpha', { nameZh: '改名' }),
        enterprise('new-one'),
        enterprise('omega'),
      ])
      await expect(importEnterprisesCsv(db, text)).rejects.toThrow()
      expect(await snapshot(database)).toEqual(before)
    } finally {
      await sql`drop trigger refuse_omega on enterprise_capacity`.execute(db)
      await sql`drop function refuse_omega()`.execute(db)
    }
  })

  it('importing its own export changes nothing', async () => {
    const { db } = database
    await insertEnterprises(db, [
      enterprise('alpha', { lat: 1e-7, lon: -179.999999 }),
      enterprise('beta', {
        kind: 'supporting',
        category: 'software',
        nameZh: '第一行\r\n第二行',
        certifications: [],
      }),
      enterprise('gamma', { annualRevenueFen: 9_999_999_999_999_999n, capacityTPerYear: {} }),
    ])
    await insertCatalogue(db, [catalogueItem('beta')])
    const before = await snapshot(database)

    const result = await importEnterprisesCsv(db, enterprisesToCsv(before.enterprises))

    expect(result).toEqual({ ok: true, value: { inserted: 0, updated: 3 } })
    expect(await snapshot(database)).toEqual(before)
  })
})
