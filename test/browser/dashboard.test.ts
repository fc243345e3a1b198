import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, startServer } from '../../src/app.ts'
import { formatShare } from '../../web/src/dashboard/share.ts'
import type { Dashboard } from '../../web/src/dashboard/types.ts'
import { formatInteger } from '../../web/src/format.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import { launchChromium } from './chromium.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SHOTS = join(ROOT, 'test-results')
const { zh, en } = DICTIONARIES

let server: RunningServer
let dataDir: string
let browser: Browser
let context: BrowserContext
let page: Page
const pageErrors: string[] = []

const testId = (id: string) => page.getByTestId(id)
const text = async (id: string) => ((await testId(id).first().textContent()) ?? '').trim()

beforeAll(async () => {
  if (process.env.HUIGUO_SKIP_WEB_BUILD !== '1') {
    execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', 'web', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: 'inherit' },
    )
  }
  mkdirSync(SHOTS, { recursive: true })
  dataDir = mkdtempSync(join(tmpdir(), 'huiguo-dashboard-ui-'))
  server = await startServer({
    target: { kind: 'pglite', dataDir },
    port: 0,
    host: '127.0.0.1',
    logger: false,
    simulate: false,
  })
  browser = await launchChromium()
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })
  page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(err.message))
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
})

describe("the operator's dashboard", () => {
  it('shows the figures of GET /cluster/dashboard, each linking to its page, in both languages', async () => {
    const res = await context.request.get(`${server.url}/api/v1/cluster/dashboard`)
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

    await page.goto(`${server.url}/#/`)
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
    expect(await page.locator('[data-testid=dash-lines] tbody tr').count()).toBe(
      d.ecology!.intensityKgcePerT.length,
    )
    expect(await page.locator('[data-testid^=dash-programme-]').count()).toBe(4)
    await page.screenshot({ path: join(SHOTS, 'dashboard-zh.png'), fullPage: true })

    // Each figure links to its page: the programmes' title opens the programmes, the base its series.
    expect(await testId('fig-headquartered').getAttribute('href')).toBe('#/enterprises?inCluster=true')
    expect(await testId('dash-price-base').getAttribute('href')).toBe(
      `#/prices?series=${d.prices.base.seriesId}`,
    )
    await page.locator('#dash-programmes-title a').click()
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/policy')

    await page.goto(`${server.url}/#/`)
    await testId('lang-en').click()
    await testId('dash-ecology').waitFor()
    expect(await page.locator('#dash-ecology-title').textContent()).toBe(en['dash.ecology.title'])
    expect(await page.locator('#highend-title').textContent()).toBe(en['dash.highEnd.title'])
    await page.screenshot({ path: join(SHOTS, 'dashboard-en.png'), fullPage: true })
    expect(pageErrors).toEqual([])
  })
})
