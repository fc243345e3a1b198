import { join } from 'node:path'
import type { Response } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { formatInteger } from '../../web/src/format.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import type {
  Assessment,
  HistoryAnswer,
  Methodology,
  PriceRow,
  PricesAnswer,
} from '../../web/src/pricing/types.ts'
import { SHOTS, useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES
const ANALYST = 'demo-analyst'
const REVIEWER = 'demo-reviewer'

// The demo center with its pricing history; the market simulation is not needed here.
const ui = useDemoUi({ prefix: 'huiguo-pricing-ui-' })
const { testId, text, waitText, shot, api, login, pageErrors } = ui

/** The answer of the next call the page makes to an API path with a method. */
const nextAnswer = (method: string, path: RegExp): Promise<Response> =>
  ui.page.waitForResponse((r) => r.request().method() === method && path.test(new URL(r.url()).pathname))

describe('pricing center', () => {
  let prices: PricesAnswer
  /** A spot fee series with a published value: the one the test charts, corrects and approves. */
  let fee: PriceRow

  it('shows the board with values, tier badges and the demo label, without login', async () => {
    prices = await api<PricesAnswer>('/prices')
    expect(prices.synthetic).toBe(true)
    const shown = prices.series.filter((r) => r.kind === 'base' || r.track === 'spot')
    expect(prices.series[0]!.kind).toBe('base')
    fee = shown.find((r) => r.kind === 'fee' && r.value !== null && r.tier !== null && r.date !== null)!
    expect(fee, 'a published spot fee').toBeDefined()

    await ui.page.goto(`${ui.url}/#/prices`)
    await testId('nav-prices').waitFor()
    expect(await testId('nav-console').count()).toBe(0)
    const rows = ui.page.locator('[data-testid=price-table] tr[data-series]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(shown.length)
    // Base first, then the spot fees in the answer's order.
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-series')))).toEqual(
      shown.map((r) => r.id),
    )
    expect(await waitText('pricing-synthetic', (t) => t.length > 0)).toContain(zh['pricing.synthetic'])

    let withTier = 0
    for (const r of shown) {
      const row = ui.page.locator(`[data-testid=price-table] tr[data-series="${r.id}"]`)
      const value = ((await row.getByTestId('price-value').textContent()) ?? '').trim()
      expect(value, r.id).toBe(r.value === null ? '—' : formatInteger(r.value))
      if (r.tier !== null && !r.suspended) {
        const badge = row.getByTestId('tier-badge')
        expect(await badge.getAttribute('data-tier')).toBe(String(r.tier))
        expect(((await badge.textContent()) ?? '').trim()).toBe(zh[`pricing.tier.${r.tier}`])
        // The tooltip says what the tier means.
        expect(await badge.getAttribute('title')).toBe(zh[`pricing.tierHelp.${r.tier}`])
        withTier++
      }
    }
    expect(withTier).toBeGreaterThan(shown.length / 2)

    // The contract track is the other group.
    await testId('track-contract').click()
    const contract = prices.series.filter((r) => r.kind === 'base' || r.track === 'contract')
    await expect.poll(() => rows.count()).toBe(contract.length)
    await testId('track-spot').click()
    await expect.poll(() => rows.count()).toBe(shown.length)
    await shot('prices-zh.png')
  })

  it('exports the series shown as CSV and Excel', async () => {
    const csvHref = await testId('export-csv').getAttribute('href')
    const xlsxHref = await testId('export-xlsx').getAttribute('href')
    expect(csvHref).toMatch(/^\/api\/v1\/prices\/export\.csv\?series=/)
    expect(xlsxHref).toMatch(/^\/api\/v1\/prices\/export\.xlsx\?series=/)
    const csv = await ui.context.request.get(`${ui.url}${csvHref}`)
    expect(csv.status()).toBe(200)
    expect(csv.headers()['content-type']).toMatch(/csv/)
    expect(await csv.text()).toContain(fee.id)
    const xlsx = await ui.context.request.get(`${ui.url}${xlsxHref}`)
    expect(xlsx.status()).toBe(200)
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('charts the history of a series and of an index', async () => {
    await ui.page.locator(`tr[data-series="${fee.id}"] [data-testid=price-open]`).click()
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toContain(`series=${fee.id}`)
    await ui.page.locator('[data-testid=series-chart] canvas').first().waitFor()
    const all = await api<HistoryAnswer>(`/prices/${fee.id}/history`)
    await testId('series-range-all').click()
    expect(await waitText('series-chart-count', (t) => t.includes(String(all.points.length)))).toContain(
      all.points[0]!.date,
    )
    // A year of weekly fees, with the all-in line on its own scale.
    expect(all.points.length).toBeGreaterThan(52)
    expect(await text('series-chart-card')).toContain(zh['pricing.line.allIn'])
    await ui.page.locator('[data-testid=index-chart] canvas').first().waitFor()
    expect(await ui.page.locator('[data-testid=index-table] tbody tr').count()).toBeGreaterThan(0)
    await testId('series-chart-card').scrollIntoViewIfNeeded()
    await shot('prices-chart-zh.png')
  })

  it('shows the methodology in Chinese and in English', async () => {
    const m = await api<Methodology>('/methodology')
    await ui.page.goto(`${ui.url}/#/methodology`)
    const sections = ui.page.locator('[data-testid=methodology-section] h2')
    await expect.poll(() => sections.count(), { timeout: 15_000 }).toBe(m.sections.length)
    expect(await sections.allTextContents()).toEqual(m.sections.map((s) => s.title.zh))
    expect(await text('methodology-version')).toContain(m.version)
    expect(await text('methodology-version')).toContain(m.publishedOn)
    // Lists ("- " lines) become list items.
    if (m.sections.some((s) => /^- /m.test(s.body.zh)))
      expect(await ui.page.locator('[data-testid=methodology] li').count()).toBeGreaterThan(0)
    await shot('methodology-zh.png')

    await testId('lang-en').click()
    await expect.poll(() => sections.allTextContents()).toEqual(m.sections.map((s) => s.title.en))
    expect(await text('methodology-version')).toContain('Version')
    await shot('methodology-en.png')

    await ui.page.goto(`${ui.url}/#/prices`)
    expect(await waitText('pricing-synthetic', (t) => t.length > 0)).toContain(en['pricing.synthetic'])
    await ui.page.locator('[data-testid=price-table] tr[data-series]').first().waitFor()
    await ui.page.locator('[data-testid=series-chart] canvas').first().waitFor()
    await ui.page.locator('[data-testid=index-chart] canvas').first().waitFor()
    await shot('prices-en.png')
    await testId('lang-zh').click()
  })

  let correction: Assessment
  let proposal: Assessment | null = null

  it('as an analyst, proposes an assessment and a correction with every exclusion explained', async () => {
    await login(ANALYST, '/pricing/console')
    await testId('nav-console').waitFor()
    await ui.page.goto(`${ui.url}/#/pricing/console?series=${fee.id}`)
    await testId('propose-submit').waitFor()

    // The latest closed window: a new proposal, or, when the demo already published it, the refusal in words.
    const proposed = nextAnswer('POST', /\/api\/v1\/pricing\/assessments$/)
    await testId('propose-submit').click()
    const answer = await proposed
    if (answer.status() === 201) {
      proposal = ((await answer.json()) as { assessment: Assessment }).assessment
      await testId('propose-result').waitFor()
    } else {
      const body = (await answer.json()) as { code: string }
      expect(body.code).toBe('ASSESSMENT_EXISTS')
      expect(await waitText('propose-problem', (t) => t.length > 0)).toContain(
        zh['error.code.ASSESSMENT_EXISTS'],
      )
    }

    // A correction of the latest published value, by 10 CNY/t.
    await expect.poll(() => testId('correct-date').inputValue()).toBe(fee.date)
    await testId('correct-value').fill(String(fee.value! + 10))
    await testId('correct-reason').fill('Browser test: a mis-keyed deal was corrected')
    const corrected = nextAnswer('POST', /\/api\/v1\/pricing\/corrections$/)
    await testId('correct-submit').click()
    const res = await corrected
    expect(res.status()).toBe(201)
    correction = ((await res.json()) as { assessment: Assessment }).assessment
    await testId('correct-result').waitFor()

    // The proposals list shows the record and explains each exclusion; the proposer cannot approve.
    const card = ui.page.locator(`[data-testid=assessment][data-assessment-id="${correction.id}"]`)
    await card.waitFor({ timeout: 15_000 })
    expect(await card.getByTestId('approve').isDisabled()).toBe(true)
    expect(((await card.getByTestId('own-proposal').textContent()) ?? '').trim()).toBe(
      zh['pricing.review.own'],
    )
    const excluded = correction.record.excluded
    if (excluded.length > 0) {
      const items = card.getByTestId('exclusion')
      await expect.poll(() => items.count()).toBe(excluded.length)
      const first = excluded[0]!
      expect(await items.first().textContent()).toContain(first.id)
    } else {
      await card.getByTestId('exclusions-none').waitFor()
    }
    if (proposal) {
      const mine = ui.page.locator(`[data-testid=assessment][data-assessment-id="${proposal.id}"]`)
      await mine.waitFor()
      expect(await mine.getByTestId('approve').isDisabled()).toBe(true)
    }
    // Nobody approves their own, whatever the button says.
    const self = await ui.context.request.post(
      `${ui.url}/api/v1/pricing/assessments/${correction.id}/approve`,
    )
    expect(self.status()).toBe(403)
    expect(((await self.json()) as { code: string }).code).toBe('SELF_APPROVAL')
    await card.scrollIntoViewIfNeeded()
    await shot('console-analyst-zh.png')

    // A published assessment of the demo history: each exclusion is said in words, with whose deal it was.
    const published = await api<{ assessments: Assessment[] }>(
      `/pricing/assessments?status=published&series=${fee.id}&limit=20`,
    )
    const withExclusions = published.assessments.find((a) => a.record.excluded.length > 0)
    expect(withExclusions, 'a published assessment with exclusions').toBeDefined()
    await testId('assessments-published').click()
    const past = ui.page.locator(`[data-testid=assessment][data-assessment-id="${withExclusions!.id}"]`)
    await past.waitFor({ timeout: 15_000 })
    await past.locator('[data-testid=exclusions] summary').click()
    const items = past.getByTestId('exclusion')
    await expect.poll(() => items.count()).toBe(withExclusions!.record.excluded.length)
    for (const [i, e] of withExclusions!.record.excluded.entries()) {
      const line = (await items.nth(i).textContent()) ?? ''
      expect(line).toContain(e.id)
      expect(line).toContain(zh[`pricing.reason.${e.reason}`].split('{')[0]!)
    }
    // The window's deals are looked up: a deal's line names its submitter and quantity.
    const deal = withExclusions!.record.excluded.find((e) => e.id.startsWith('D'))
    if (deal)
      await expect
        .poll(() => items.nth(withExclusions!.record.excluded.indexOf(deal)).textContent())
        .toMatch(/吨/)
    await past.screenshot({ path: join(SHOTS, 'console-exclusions-zh.png') })
    await testId('assessments-proposed').click()
  })

  it('as the reviewer, approves: the correction is published as a new revision', async () => {
    await login(REVIEWER, '/pricing/console')
    await ui.page.goto(`${ui.url}/#/pricing/console?series=${fee.id}`)
    for (const a of [correction, proposal]) {
      if (!a) continue
      const card = ui.page.locator(`[data-testid=assessment][data-assessment-id="${a.id}"]`)
      await card.waitFor({ timeout: 15_000 })
      expect(await card.getByTestId('approve').isDisabled()).toBe(false)
      if (a === correction) await shot('console-reviewer-zh.png')
      const approved = nextAnswer('POST', new RegExp(`/api/v1/pricing/assessments/${a.id}/approve$`))
      await card.getByTestId('approve').click()
      expect((await approved).status()).toBe(200)
      await card.waitFor({ state: 'detached' })
    }

    const history = await api<HistoryAnswer>(`/prices/${fee.id}/history?from=${fee.date}&to=${fee.date}`)
    expect(history.points[0]).toMatchObject({
      date: fee.date,
      value: fee.value! + 10,
      revision: fee.revision + 1,
    })

    // The public notice lists the revision with its reason.
    await ui.page.goto(`${ui.url}/#/prices?series=${fee.id}`)
    const notice = ui.page.locator('[data-testid=correction]', { hasText: 'Browser test: a mis-keyed deal' })
    await notice.first().waitFor({ timeout: 15_000 })
    expect(await notice.first().textContent()).toContain(fee.date!)
    await testId('corrections').scrollIntoViewIfNeeded()
    await shot('prices-corrected-zh.png')
  })

  it('lets a logged-in user set a price alert', async () => {
    await ui.page.locator('[data-testid=alert-form]').waitFor()
    await testId('alert-series').selectOption(fee.id)
    await testId('alert-direction').selectOption('above')
    await testId('alert-threshold').fill(String(fee.value! + 1000))
    const saved = nextAnswer('POST', /\/api\/v1\/pricing\/alerts$/)
    await testId('alert-save').click()
    expect((await saved).status()).toBe(201)
    await ui.page.locator('[data-testid=alert-list] li').first().waitFor()
    expect(await text('alert-list')).toContain(formatInteger(fee.value! + 1000))
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
