import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PAYLOAD_T,
  DEFAULT_TRUCKS,
  dispatchRequest,
  loadsOf,
} from '../../web/src/distribution/dispatch-plan.ts'
import { BAND_FILL, bandOf, formatKm, productsOf } from '../../web/src/distribution/labels.ts'
import type {
  DeliveredAnswer,
  DeliveredMapAnswer,
  DispatchAnswer,
  FreightAnswer,
  IntakePlanAnswer,
  IntakePlanSummary,
  PlacesAnswer,
} from '../../web/src/distribution/types.ts'
import { formatYuanExact } from '../../web/src/format.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import type { PricesAnswer } from '../../web/src/pricing/types.ts'
import type { Shipment } from '../../web/src/shipments/types.ts'
import { SHOTS, useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

// The demo center (prices, shipments, intake plans); the market simulation is not needed here.
const ui = useDemoUi({ prefix: 'huiguo-distribution-ui-' })
const { testId, text, shot, api, login, pageErrors } = ui

describe('distribution', () => {
  let places: PlacesAnswer

  it('computes freight and compares delivered prices, without login', async () => {
    places = await api<PlacesAnswer>('/distribution/places')
    await ui.page.goto(`${ui.url}/#/distribution`)
    expect(await text('nav-distribution')).toBe(zh['distribution.nav'])
    await testId('freight-form').waitFor({ timeout: 15_000 })

    // Huiguo → Shanghai, 100 t, every mode: truck and rail quoted, molten refused with its reason.
    await testId('freight-from').selectOption('huiguo')
    await testId('freight-to').selectOption('shanghai')
    await testId('freight-tonnes').fill('100')
    await testId('freight-submit').click()
    const quotes = ui.page.locator('[data-testid=freight-quote]')
    const expected = await api<FreightAnswer>('/distribution/freight?from=huiguo&to=shanghai&tonnes=100')
    await expect.poll(() => quotes.count(), { timeout: 15_000 }).toBe(expected.quotes.length)
    const truck = expected.quotes.find((q) => q.mode === 'truck')!
    const row = ui.page.locator('[data-testid=freight-quote][data-mode=truck]')
    expect(await row.getByTestId('freight-per-t').textContent()).toContain(formatYuanExact(truck.yuanPerT))
    expect(((await row.getByTestId('freight-total').textContent()) ?? '').trim()).toBe(
      formatYuanExact(truck.totalYuan!),
    )
    expect(await row.getByTestId('freight-vehicles').textContent()).toContain(String(truck.vehicles))
    expect(await row.textContent()).toContain(truck.tariffVersion)
    expect(expected.notOffered.map((n) => n.mode)).toContain('molten')
    expect(
      await ui.page.locator('[data-testid=freight-refused] li[data-mode=molten]').textContent(),
    ).toContain(zh['distribution.reason.molten_beyond_range'])

    // A product delivered to Shanghai: every origin ranked, Gongyi's row marked, the assumption said.
    const prices = await api<PricesAnswer>('/prices')
    const product = productsOf(prices)[0]!
    await testId('delivered-product').selectOption(product.code)
    await testId('delivered-to').selectOption('shanghai')
    await testId('delivered-submit').click()
    const delivered = await api<DeliveredAnswer>(
      `/distribution/delivered?product=${product.code}&to=shanghai`,
    )
    const origins = ui.page.locator('[data-testid=delivered-origin]')
    await expect.poll(() => origins.count(), { timeout: 15_000 }).toBe(delivered.origins.length)
    expect(await origins.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-origin')))).toEqual(
      delivered.origins.map((o) => o.id),
    )
    expect(await ui.page.locator('tr.dist-gongyi').getAttribute('data-origin')).toBe('gongyi')
    expect(await testId('delivered-verdict').getAttribute('data-wins')).toBe(String(delivered.gongyiWins))
    expect(await text('delivered-assumption')).toContain(delivered.differentials.id)
    await shot('distribution-calculator-zh.png')

    await testId('lang-en').click()
    await expect
      .poll(() => ui.page.locator('#freight-title').textContent())
      .toBe(en['distribution.freight.title'])
    expect(
      await ui.page.locator('[data-testid=freight-refused] li[data-mode=molten]').textContent(),
    ).toContain(en['distribution.reason.molten_beyond_range'])
    await shot('distribution-calculator-en.png')
    await testId('lang-zh').click()
  })

  it('draws China with the cluster, the smelters and the customer cities coloured by who wins', async () => {
    const prices = await api<PricesAnswer>('/prices')
    const product = productsOf(prices)[0]!
    const map = await api<DeliveredMapAnswer>(`/distribution/delivered-map?product=${product.code}`)
    await ui.page.goto(`${ui.url}/#/distribution/map?product=${product.code}`)
    const outline = testId('china-outline')
    await outline.waitFor({ timeout: 20_000 })
    // The 1:110m outline of China is a long path, not an empty one.
    expect(((await outline.getAttribute('d')) ?? '').length).toBeGreaterThan(1000)

    const cities = places.places.filter((p) => p.kind === 'customer_city')
    const markers = ui.page.locator('[data-testid=city-marker]')
    expect(await markers.count()).toBe(cities.length)
    expect(map.destinations.length).toBe(cities.length)
    await expect
      .poll(() => ui.page.locator('[data-testid=city-marker][data-band=none]').count(), { timeout: 15_000 })
      .toBe(0)
    for (const d of map.destinations) {
      const marker = ui.page.locator(`[data-testid=city-marker][data-place="${d.place}"]`)
      expect(await marker.getAttribute('fill'), d.place).toBe(BAND_FILL[bandOf(d.marginCnyPerT)])
    }
    expect(await testId('cluster-marker').count()).toBe(1)
    expect(await ui.page.locator('[data-testid=smelter-marker]').count()).toBeGreaterThan(5)
    const wins = map.destinations.filter((d) => d.marginCnyPerT > 0).length
    expect(await text('map-summary')).toContain(`${wins}`)
    await shot('distribution-map-zh.png')
  })

  it('shows the month’s intake plan to a member, with the flows on a map of the Gongyi area', async (ctx) => {
    await login('demo-admin', '/distribution/intake')
    const res = await ui.context.request.get(`${ui.url}/api/v1/distribution/intake-plans`)
    if (res.status() === 404) ctx.skip('GET /api/v1/distribution/intake-plans is not served yet')
    let plans = ((await res.json()) as { plans: IntakePlanSummary[] }).plans
    if (plans.length === 0) {
      // No demo plans yet: pose a small month as the admin, through the API.
      const smelters = places.places.filter((p) => p.kind === 'smelter').slice(0, 4)
      const plants = places.places.filter((p) => p.id === 'huiguo' || p.id === 'gongyi')
      const posted = await ui.context.request.post(`${ui.url}/api/v1/distribution/intake-plans`, {
        data: {
          month: '2026-01',
          suppliers: smelters.flatMap((s, i) => [
            {
              id: `${s.id}-m`,
              name: s.nameZh,
              lat: s.lat,
              lon: s.lon,
              form: 'molten',
              capacityT: 4000,
              premiumCnyPerT: 100 + 10 * i,
            },
            {
              id: `${s.id}-i`,
              name: s.nameZh,
              lat: s.lat,
              lon: s.lon,
              form: 'ingot',
              capacityT: 6000,
              premiumCnyPerT: 60 + 5 * i,
            },
          ]),
          plants: plants.map((p) => ({
            id: p.id,
            name: p.nameZh,
            lat: p.lat,
            lon: p.lon,
            demandT: { molten: 3000, ingot: 2000 },
          })),
        },
      })
      expect(posted.status(), await posted.text()).toBe(201)
      plans = (await api<{ plans: IntakePlanSummary[] }>('/distribution/intake-plans')).plans
    }
    const latest = await api<IntakePlanAnswer>(`/distribution/intake-plans/${plans[0]!.month}`)

    await ui.page.goto(`${ui.url}/#/distribution/intake`)
    await testId('intake-view').waitFor({ timeout: 30_000 })
    expect(await testId('intake-month').inputValue()).toBe(latest.plan.month)
    const lines = ui.page.locator('[data-testid=flow-line]')
    await expect.poll(() => lines.count(), { timeout: 20_000 }).toBe(latest.plan.result.flows.length)
    expect(await ui.page.locator('[data-testid=intake-flow]').count()).toBe(latest.plan.result.flows.length)
    // Molten and ingot lanes in their own colours, wider for more tonnes.
    const forms = new Set(latest.plan.result.flows.map((f) => f.form))
    for (const form of forms)
      expect(await ui.page.locator(`[data-testid=flow-line][data-form=${form}]`).count()).toBeGreaterThan(0)
    expect(await text('intake-moltenShare')).toContain(zh['distribution.metric.moltenShare'])
    if (latest.previous) expect(await text('intake-totalCostCny-previous')).toContain(latest.previous.month)
    else expect(await text('intake-totalCostCny-previous')).toBe(zh['distribution.intake.noPrevious'])
    await shot('distribution-intake-zh.png')
  })

  it('lists the shipments and tracks one by its code without an account', async () => {
    await login('demo-mill', '/shipments')
    const list = await api<{ items: Shipment[] }>('/shipments')
    expect(list.items.length).toBeGreaterThan(0)
    await ui.page.goto(`${ui.url}/#/shipments`)
    const rows = ui.page.locator('[data-testid=shipment-row]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await shot('shipments-zh.png')

    const shipment = list.items.find((s) => s.status === 'in_transit') ?? list.items[0]!
    const anonymous = await ui.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
    try {
      const visitor = await anonymous.newPage()
      visitor.on('pageerror', (err) => pageErrors.push(err.message))
      await visitor.goto(`${ui.url}/#/track?code=${shipment.trackingCode}`)
      const card = visitor.getByTestId('track-result')
      await card.waitFor({ timeout: 15_000 })
      expect(await card.textContent()).toContain(shipment.trackingCode)
      expect(await visitor.getByTestId('nav-login').count()).toBe(1)
      await visitor.screenshot({ path: join(SHOTS, 'track-public-zh.png'), fullPage: true })
    } finally {
      await anonymous.close()
    }
  })

  it('routes the day’s planned shipments of the mill over its trucks', async () => {
    // Not logged in: the tab says so and links to the login.
    const anonymous = await ui.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
    try {
      const visitor = await anonymous.newPage()
      await visitor.goto(`${ui.url}/#/distribution/routes`)
      const gate = visitor.getByTestId('routes-login')
      await gate.waitFor({ timeout: 15_000 })
      expect(await gate.textContent()).toContain(zh['distribution.routes.login'])
      expect(await gate.locator('a').getAttribute('href')).toContain('/login')
    } finally {
      await anonymous.close()
    }

    await login('demo-mill', '/distribution/routes')
    const plannedNow = () => api<{ items: Shipment[] }>('/shipments?status=planned&limit=50')
    let planned = (await plannedNow()).items
    if (planned.length === 0) {
      // No planned shipment in the demo: plan one by hand, over a truck's payload so it is split.
      const created = await ui.context.request.post(`${ui.url}/api/v1/shipments`, {
        data: {
          origin: { place: 'huiguo' },
          destination: { place: 'zhengzhou' },
          goods: '1060 H24 sheet (test)',
          qtyKg: 40_000,
          truckPlate: '豫A·T0001',
        },
      })
      expect(created.status(), await created.text()).toBe(201)
      planned = (await plannedNow()).items
    }
    expect(planned.length).toBeGreaterThan(0)
    const payloadKg = DEFAULT_PAYLOAD_T * 1000
    const loads = loadsOf(planned, payloadKg)
    const posted = await ui.context.request.post(`${ui.url}/api/v1/distribution/dispatch`, {
      data: dispatchRequest(loads, DEFAULT_TRUCKS, payloadKg, 'nextDay'),
    })
    expect(posted.status(), await posted.text()).toBe(200)
    const answer = (await posted.json()) as DispatchAnswer

    await ui.page.goto(`${ui.url}/#/distribution/routes`)
    await testId('routes-form').waitFor({ timeout: 15_000 })
    expect(await text('dist-tab-routes')).toBe(zh['distribution.tab.routes'])
    expect(await testId('routes-trucks').inputValue()).toBe(String(DEFAULT_TRUCKS))
    expect(await testId('routes-payload').inputValue()).toBe(String(DEFAULT_PAYLOAD_T))
    await testId('routes-submit').click()
    const stops = ui.page.locator('[data-testid=route-stop]')
    await expect.poll(() => stops.count(), { timeout: 20_000 }).toBe(loads.length)
    // Every planned load exactly once, each under its shipment's destination city.
    const shown = await stops.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-load') ?? ''))
    expect([...shown].sort()).toEqual(loads.map((l) => l.id).sort())
    for (const l of loads)
      expect(await ui.page.locator(`[data-testid=route-stop][data-load="${l.id}"]`).textContent()).toContain(
        l.shipment.destination.city,
      )
    expect(await ui.page.locator('[data-testid=route-truck]').count()).toBe(answer.trucksUsed)
    // The map draws its lines once the outline of China has loaded, after the table.
    await expect
      .poll(() => ui.page.locator('[data-testid=route-line]').count(), { timeout: 20_000 })
      .toBe(answer.routes.length)
    expect(await text('routes-km')).toContain(formatKm(answer.km))
    expect(await text('routes-trucks-used')).toContain(String(answer.trucksUsed))
    await shot('distribution-routes-zh.png')

    // Back the same evening: the far loads may not fit; the page says which, in words.
    const body = dispatchRequest(loads, DEFAULT_TRUCKS, payloadKg, 'sameDay')
    const sameDay = await ui.context.request.post(`${ui.url}/api/v1/distribution/dispatch`, { data: body })
    await testId('routes-return').selectOption('sameDay')
    await testId('routes-submit').click()
    if (sameDay.status() === 422) {
      expect(((await sameDay.json()) as { code: string }).code).toBe('LOADS_UNROUTABLE')
      await testId('routes-unroutable').waitFor({ timeout: 20_000 })
      expect(await text('routes-unroutable')).toContain(zh['distribution.routes.unroutableHint'])
      expect(await stops.count()).toBe(0)
    } else {
      expect(sameDay.status()).toBe(200)
      await expect.poll(() => stops.count(), { timeout: 20_000 }).toBe(loads.length)
    }
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
