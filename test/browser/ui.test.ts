import { describe, expect, it } from 'vitest'
import type {
  Page as ApiPage,
  ClusterSummary,
  Enterprise,
  EnterpriseDetail,
  ProductItem,
} from '../../web/src/api.ts'
import { formatMm, formatMoney, formatTonnes } from '../../web/src/format.ts'
import { DICTIONARIES, translate, translateVocab } from '../../web/src/i18n/index.ts'
import { useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

const ui = useDemoUi({ prefix: 'huiguo-ui-', simulate: true })
const { testId, shot, pageErrors } = ui

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${ui.url}/api/v1${path}`)
  const body = (await res.json()) as T
  if (!res.ok && res.status !== 422)
    throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body)}`)
  return body
}

const text = async (id: string) => ((await testId(id).textContent()) ?? '').trim()

/** Waits until a test id's text satisfies the check, then returns it. */
async function waitText(id: string, check: (t: string) => boolean): Promise<string> {
  await expect.poll(() => text(id).catch(() => ''), { timeout: 15_000 }).toSatisfy(check)
  return text(id)
}

describe('web UI', () => {
  let summary: ClusterSummary

  it('shows the overview in Chinese for a zh-CN browser', async () => {
    summary = await api<ClusterSummary>('/cluster/summary')
    await ui.page.goto(`${ui.url}/`)

    const revenue = formatMoney(summary.annualRevenueCny, 'zh')
    const output = formatTonnes(summary.outputTonnesPerYear, 'zh')
    expect(revenue).toMatch(/亿元$/)
    expect(output).toMatch(/万吨$/)
    expect(await waitText('fig-revenue', (t) => t.includes(revenue))).toContain('亿元')
    expect(await waitText('fig-output', (t) => t.includes(output))).toContain('万吨')
    expect(await text('fig-processing')).toContain(String(summary.processingEnterprises))

    expect(await text('synthetic-banner')).toContain(zh['banner.synthetic'])
    expect(await ui.page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await text('nav-enterprises')).toBe(zh['nav.enterprises'])
    expect(await text('brand')).toBe('巩义铝产品交易·集散·定价中心')

    // The chain picture: one node per stage plus the primary-metal source.
    const chain = await api<{ stages: unknown[] }>('/chain')
    await testId('chain-diagram').waitFor()
    expect(await ui.page.locator('[data-testid=chain-diagram] .chain-node').count()).toBe(
      chain.stages.length + 1,
    )
    expect(await testId('chain-diagram').textContent()).toContain('热轧')

    // Top enterprises, richest first.
    const rows = ui.page.locator('[data-testid=top-table] tbody tr')
    expect(await rows.count()).toBe(summary.topEnterprises.length)
    const richest = [...summary.topEnterprises].sort((a, b) =>
      BigInt(a.annualRevenueCny.split('.')[0]!) > BigInt(b.annualRevenueCny.split('.')[0]!) ? -1 : 1,
    )[0]!
    expect(await rows.first().textContent()).toContain(richest.nameZh)
    await shot('overview-zh.png')
  })

  it('switches to English and remembers the choice', async () => {
    await testId('lang-en').click()
    const revenue = formatMoney(summary.annualRevenueCny, 'en')
    expect(revenue).toMatch(/^CNY .* bn$/)
    expect(await waitText('synthetic-banner', (t) => t.includes(en['banner.synthetic']))).not.toMatch(
      /[\u4e00-\u9fff]/,
    )
    expect(await text('fig-revenue')).toContain(revenue)
    expect(await text('fig-output')).toContain(formatTonnes(summary.outputTonnesPerYear, 'en'))
    expect(await text('nav-enterprises')).toBe('Enterprises')
    expect(await ui.page.locator('html').getAttribute('lang')).toBe('en')
    expect(await ui.page.evaluate(() => localStorage.getItem('huiguo.lang'))).toBe('en')

    await ui.page.reload()
    expect(await waitText('fig-revenue', (t) => t.includes(revenue))).toContain('bn')
    expect(await text('nav-overview')).toBe('Overview')
    await shot('overview-en.png')
  })

  let target: EnterpriseDetail

  it('searches the enterprises and opens a detail page', async () => {
    // The first processor with a catalogue, and the word of its name that the fewest firms share.
    const processors = await api<ApiPage<Enterprise>>('/enterprises?kind=processor&limit=20')
    for (const p of processors.items) {
      const detail = await api<EnterpriseDetail>(`/enterprises/${p.id}`)
      if (detail.catalogue.length > 0) {
        target = detail
        break
      }
    }
    expect(target, 'a seeded processor with a catalogue').toBeDefined()
    let query = target.nameEn
    let best = Number.POSITIVE_INFINITY
    for (const word of target.nameEn.split(/[\s,.]+/).filter((w) => w.length >= 4)) {
      const n = (await api<ApiPage<Enterprise>>(`/enterprises?q=${encodeURIComponent(word)}&limit=50`)).items
        .length
      if (n > 0 && n < best) {
        best = n
        query = word
      }
    }
    const expected = await api<ApiPage<Enterprise>>(`/enterprises?q=${encodeURIComponent(query)}&limit=50`)

    await testId('nav-enterprises').click()
    await testId('ent-table').waitFor()
    // Cursor pagination: "Load more" appends the next page of 50.
    const allRows = ui.page.locator('[data-testid=ent-table] tbody tr')
    await expect.poll(() => allRows.count()).toBe(50)
    const firstPageIds = await ui.page
      .locator('[data-testid=ent-table] tbody tr a')
      .first()
      .getAttribute('href')
    await testId('ent-more').click()
    await expect.poll(() => allRows.count(), { timeout: 15_000 }).toBe(100)
    expect(await ui.page.locator('[data-testid=ent-table] tbody tr a').first().getAttribute('href')).toBe(
      firstPageIds,
    )

    await testId('ent-q').fill(query)
    await testId('ent-search').click()
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toContain(`q=${encodeURIComponent(query)}`)
    const rows = ui.page.locator('[data-testid=ent-table] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(expected.items.length)
    for (const e of expected.items) {
      expect(await ui.page.locator('[data-testid=ent-table]').textContent()).toContain(e.nameEn)
    }
    expect(await text('ent-count')).toBe(
      translate(en, expected.nextCursor ? 'list.countMore' : 'list.count', { n: expected.items.length }),
    )
    await shot('enterprises-en.png')

    await ui.page.locator('[data-testid=ent-table] a', { hasText: target.nameEn }).first().click()
    expect(await waitText('detail-name', (t) => t.length > 0)).toBe(target.nameEn)
    expect(await ui.page.evaluate(() => location.hash)).toBe(`#/enterprises/${target.id}`)
    expect(await text('detail-profile')).toContain(target.nameZh)
    const lines = ui.page.locator('[data-testid=catalogue-table] tbody tr')
    expect(await lines.count()).toBe(target.catalogue.length)
    const first = target.catalogue[0]!
    expect(await lines.first().textContent()).toContain(first.alloy)
    expect(await lines.first().textContent()).toContain(translateVocab(en, 'form', first.form))
    await shot('enterprise-detail-en.png')
  })

  it('finds products by specification', async () => {
    const item = target.catalogue[0]!
    const thickness = formatMm(item.thicknessMinUm)
    const expected = await api<ApiPage<ProductItem>>(
      `/products?form=${item.form}&alloy=${item.alloy}&thicknessUm=${item.thicknessMinUm}&limit=50`,
    )
    expect(expected.items.length).toBeGreaterThan(0)

    await testId('nav-products').click()
    await testId('prod-filters').waitFor()
    // The selects are filled from /vocabulary; wait for the option before choosing it.
    await ui.page.locator(`select[name=form] option[value="${item.form}"]`).waitFor({ state: 'attached' })
    await ui.page.locator('select[name=form]').selectOption(item.form)
    await ui.page.locator('select[name=alloy]').selectOption(item.alloy)
    await testId('prod-thickness').fill(thickness)
    await testId('prod-search').click()
    await expect.poll(() => ui.page.evaluate(() => location.hash)).toContain(`thickness=${thickness}`)

    const rows = ui.page.locator('[data-testid=prod-table] tbody tr')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(expected.items.length)
    const formName = translateVocab(en, 'form', item.form)
    for (const row of await rows.all()) {
      const cells = await row.locator('td').allTextContents()
      expect(cells[1]).toBe(formName)
      expect(cells[2]).toBe(item.alloy)
    }
    expect(await ui.page.locator('[data-testid=prod-table]').textContent()).toContain(target.nameEn)
    await shot('products-en.png')
  })

  it('parses a specification and shows the refusal of an impossible one', async () => {
    const good = 'SHEET 1060-H24 1.0x1220'
    const parsed = await api<{ canonical: string }>(`/specs/parse?text=${encodeURIComponent(good)}`)
    await testId('spec-input').fill(good)
    await testId('spec-parse').click()
    expect(await waitText('spec-canonical', (t) => t.length > 0)).toBe(parsed.canonical)

    const bad = 'FOIL 8011-O 3x1000'
    const refusal = await api<{ status: number; code: string; detail: string }>(
      `/specs/parse?text=${encodeURIComponent(bad)}`,
    )
    expect(refusal.status).toBe(422)
    await testId('spec-input').fill(bad)
    await testId('spec-parse').click()
    const box = await waitText('spec-refusal', (t) => t.length > 0)
    expect(box).toContain(refusal.detail)
    expect(box).toContain(en['prod.refused'])
    expect(box).toContain('SPEC_INVALID')
    expect(await testId('spec-canonical').count()).toBe(0)
    await shot('products-refusal-en.png')
  })

  it('shows the products page in Chinese with the synthetic label', async () => {
    await testId('lang-zh').click()
    expect(await waitText('synthetic-banner', (t) => t.includes(zh['banner.synthetic']))).toMatch(/合成数据/)
    await expect.poll(() => text('prod-count')).toMatch(/^已显示 \d+ 条目录/)
    await shot('products-zh.png')
  })

  it('explains an unknown enterprise in a friendly box', async () => {
    await ui.page.goto(`${ui.url}/#/enterprises/no-such-firm`)
    const box = await waitText('detail-problem', (t) => t.length > 0)
    expect(box).toContain(zh['error.code.ENTERPRISE_NOT_FOUND'])
    expect(box).toContain('ENTERPRISE_NOT_FOUND')
    expect(await text('synthetic-banner')).toContain(zh['banner.synthetic'])
    await shot('enterprise-unknown-zh.png')
  })

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([])
  })
})
