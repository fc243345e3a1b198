import { describe, expect, it } from 'vitest'
import { formatEur, formatSee } from '../../web/src/ecology/cbam/labels.ts'
import type { Communication } from '../../web/src/ecology/cbam/types.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import { useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

const ui = useDemoUi({ prefix: 'huiguo-cbam-ui-' })
const { testId, text, shot, api, login, pageErrors } = ui

describe('CBAM', () => {
  it('computes 7606 in 2026 from China on defaults: about €233 a tonne, without login', async () => {
    await ui.page.goto(`${ui.url}/#/ecology/cbam`)
    await testId('calc-form').waitFor({ timeout: 15_000 })
    expect(await text('cbam-part-calculator')).toBe(zh['cbam.part.calculator'])
    expect(await text('cbam-synthetic-note')).toBe(zh['cbam.syntheticNote'])
    // One tonne of sheet with no data at all: only the EU defaults speak.
    for (const [field, value] of [
      ['cnCode', '7606'],
      ['outputT', '1'],
      ['origin', 'CN'],
      ['year', '2026'],
      ['eur', '75.36'],
      ['scrapT', '0'],
      ['gas', '0'],
      ['otherDirect', '0'],
      ['electricity', '0'],
    ] as const)
      await testId(`calc-${field}`).fill(value)
    while ((await testId('calc-precursor-remove').count()) > 0)
      await testId('calc-precursor-remove').first().click()
    await testId('calc-submit').click()
    await testId('calc-result').waitFor({ timeout: 15_000 })
    // (4.12 × 1.1 − 1.479 × 0.975) × 75.36 = 232.860516 €/t
    expect(await text('cbam-default-cost-rounded')).toContain('€233')
    expect(await text('cbam-default-cost')).toBe(formatEur(232.860516, 'zh'))
    expect(await text('cbam-default-see')).toBe(formatSee(4.532, 'zh'))
    // No precursors and no gas: the actual SEE is 0 and pays nothing.
    expect(await text('cbam-cost')).toBe(formatEur(0, 'zh'))
    expect(await testId('calc-explain').locator('li').count()).toBe(6)
    await shot('cbam-calculator-zh.png')

    // An unknown heading is refused in words, naming the field.
    await testId('calc-cnCode').fill('7603')
    await testId('calc-submit').click()
    await testId('calc-problem').waitFor({ timeout: 15_000 })
    expect(await text('calc-problem')).toContain(zh['error.code.CN_CODE_UNKNOWN'])
    expect(await text('calc-problem')).toContain('/good/cnCode')
  })

  it('opens a demo communication with its sources, and its downloads answer', async () => {
    await login('demo-mill', '/ecology/cbam?part=communications')
    const list = await api<{ items: Communication[] }>('/cbam/communications')
    expect(list.items.length).toBeGreaterThanOrEqual(3)
    await ui.page.goto(`${ui.url}/#/ecology/cbam?part=communications`)
    const rows = ui.page.locator('[data-testid=cbam-comm-row]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(list.items.length)
    await shot('cbam-communications-zh.png')

    const chosen = list.items.find((c) => c.goods.length > 1) ?? list.items[0]!
    await ui.page.locator(`[data-testid=cbam-comm-row][data-shipment="${chosen.shipmentId}"] a`).click()
    await testId('cbam-totals').waitFor({ timeout: 15_000 })
    expect(await text('cbam-total-saving')).toContain(formatEur(chosen.totals.savingEur, 'zh'))
    expect(await text('cbam-importer')).toContain(chosen.importer.name)
    const goods = ui.page.locator('[data-testid=cbam-good]')
    expect(await goods.count()).toBe(chosen.goods.length)
    for (const [i, g] of chosen.goods.entries()) {
      expect(await goods.nth(i).getByTestId('good-see').textContent()).toBe(
        formatSee(g.record.seeTco2ePerT, 'zh'),
      )
      expect(await goods.nth(i).getByTestId('good-default-see').textContent()).toBe(
        formatSee(g.record.defaultSeeTco2ePerT, 'zh'),
      )
    }
    // Declared precursors name their smelter; the rest say EU default.
    const declared = ui.page.locator('[data-testid=cbam-precursor][data-source=declared]')
    const first = chosen.goods[0]!.precursors.find((p) => p.declaration)!
    expect(await declared.first().textContent()).toContain(first.declaration!.enterpriseNameZh)
    await shot('cbam-communication-zh.png')

    for (const [id, type] of [
      ['cbam-download-json', 'application/json'],
      ['cbam-download-xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ] as const) {
      const link = await testId(id).getAttribute('href')
      const res = await ui.context.request.get(`${ui.url}${link}`)
      expect(res.status(), link!).toBe(200)
      expect(res.headers()['content-type']).toContain(type)
      expect(res.headers()['content-disposition']).toContain('attachment')
    }

    // The same page in English.
    await testId('lang-en').click()
    await expect
      .poll(() => text('cbam-part-communications'), { timeout: 10_000 })
      .toBe(en['cbam.part.communications'])
    expect(await text('cbam-total-saving')).toContain(formatEur(chosen.totals.savingEur, 'en'))
    await shot('cbam-communication-en.png')

    // The shipment's own page links to its communication.
    await ui.page.goto(`${ui.url}/#/shipments?id=${encodeURIComponent(chosen.shipmentId)}`)
    await testId('shipment-cbam').waitFor({ timeout: 15_000 })
    expect(await text('shipment-cbam')).toContain(formatEur(chosen.totals.savingEur, 'en'))
    await ui.page.locator('[data-testid=shipment-cbam] a').click()
    await testId('cbam-totals').waitFor({ timeout: 15_000 })
    expect(await text('cbam-importer')).toContain(chosen.importer.name)
  })

  it('lists the smelters’ declarations with the superseded one marked, and the calculator in English', async () => {
    await ui.page.goto(`${ui.url}/#/ecology/cbam?part=declarations`)
    const rows = ui.page.locator('[data-testid=cbam-decl-row]')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10)
    expect(await ui.page.locator('tr.cbam-superseded').count()).toBeGreaterThan(0)
    // demo-mill is a rolling mill's trader: it reads declarations but does not declare.
    expect(await text('cbam-declare-closed')).toBe(en['cbam.declare.onlySmelters'])
    await shot('cbam-declarations-en.png')

    await ui.page.goto(`${ui.url}/#/ecology/cbam`)
    await testId('calc-submit').click()
    await testId('calc-result').waitFor({ timeout: 15_000 })
    expect(await text('cbam-saving')).toContain('€')
    await shot('cbam-calculator-en.png')
    expect(pageErrors).toEqual([])
  })
})
