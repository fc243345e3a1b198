import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatShare } from '../../web/src/dashboard/share.ts'
import type { Dashboard } from '../../web/src/dashboard/types.ts'
import { formatInteger } from '../../web/src/format.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import { SHOTS, useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

const ui = useDemoUi({ prefix: 'huiguo-dashboard-ui-' })
const { testId, text, pageErrors } = ui

describe("the operator's dashboard", () => {
  it('shows the figures of GET /cluster/dashboard, each linking to its page, in both languages', async () => {
    const res = await ui.context.request.get(`${ui.url}/api/v1/cluster/dashboard`)
    expect(res.ok()).toBe(true)
    const d = (await res.json()) as Dashboard
    // The demo center has every part: prices published, energy records, programmes.
    expect(d.synthetic).toBe(true)
    expect(d.prices.base.value).not.toBeNull()
    expect(d.ecology?.enterpriseCount).toBeGreaterThan(0)
    expect(d.programmes?.programmes.map((p) => p.id)).toEqual([
      'high_tech',
      'specialised_new',
      'little_giant',
      'green_upgrade',
    ])

    await ui.page.goto(`${ui.url}/#/`)
    await testId('dash-ecology').waitFor({ timeout: 20_000 })
    expect(await text('synthetic-banner')).toContain(zh['banner.synthetic'])
    expect(await text('fig-headquartered')).toContain(formatInteger(d.figures.headquarteredInCluster))
    expect(await text('fig-highend')).toContain(formatShare(d.highEnd.share))
    expect(await text('dash-price-base')).toContain(formatInteger(d.prices.base.value!))
    expect(await text('dash-clean')).toContain(formatShare(d.ecology!.cleanEnergyShare))
    expect(await text('dash-carbon')).toContain(d.ecology!.carbonTco2PerT!.toFixed(3))
    for (const indicator of d.ecology!.park.indicators) {
      const card = testId(`dash-park-${indicator.id}`)
      expect(await card.getAttribute('class')).toContain(indicator.pass ? 'pass' : 'fail')
    }
    expect(await ui.page.locator('[data-testid=dash-lines] tbody tr').count()).toBe(
      d.ecology!.intensityKgcePerT.length,
    )
    expect(await ui.page.locator('[data-testid^=dash-programme-]').count()).toBe(4)
    await ui.page.screenshot({ path: join(SHOTS, 'dashboard-zh.png'), fullPage: true })

    // Each figure links to its page: the programmes' title opens the programmes, the base its series.
    expect(await testId('fig-headquartered').getAttribute('href')).toBe('#/enterprises?inCluster=true')
    expect(await testId('dash-price-base').getAttribute('href')).toBe(
      `#/prices?series=${d.prices.base.seriesId}`,
    )
    await ui.page.locator('#dash-programmes-title a').click()
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toBe('#/policy')

    await ui.page.goto(`${ui.url}/#/`)
    await testId('lang-en').click()
    await testId('dash-ecology').waitFor()
    expect(await ui.page.locator('#dash-ecology-title').textContent()).toBe(en['dash.ecology.title'])
    expect(await ui.page.locator('#highend-title').textContent()).toBe(en['dash.highEnd.title'])
    await ui.page.screenshot({ path: join(SHOTS, 'dashboard-en.png'), fullPage: true })
    expect(pageErrors).toEqual([])
  })
})
