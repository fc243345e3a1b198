import { describe, expect, it } from 'vitest'
import { fmt, fmtShare } from '../../web/src/ecology/labels.ts'
import type { ParkAnswer, RecordsAnswer } from '../../web/src/ecology/types.ts'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import { useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

const ui = useDemoUi({ prefix: 'huiguo-ecology-ui-' })
const { testId, text, shot, api, login, pageErrors } = ui

describe('ecology', () => {
  it('shows demo-energy the mill’s ledger, takes a new month and shows its level', async () => {
    await login('demo-energy', '/ecology/energy')
    await testId('ledger-table').waitFor({ timeout: 20_000 })
    expect(await text('nav-ecology')).toBe(zh['ecology.nav'])
    const demo = await api<RecordsAnswer>('/ecology/energy/records')
    expect(demo.synthetic).toBe(true)
    const rows = ui.page.locator('[data-testid=ledger-row]')
    await expect.poll(() => rows.count()).toBe(demo.items.length)
    // The mill runs no twin-roll caster in the demo: that line has no record in any month.
    expect(demo.items.some((r) => r.line === 'twin_roll_casting')).toBe(false)
    await shot('ecology-ledger-zh.png')

    // Twin-roll casting, January 2020: 80 000 kWh × 0.1229 = 9 832 kgce + 1 000 Nm³ × 1.2143 =
    // 1 214.3 → 11 046.3 kgce / 100 t = 110.463 kgce/t: above level 2 (100), within level 3 (120).
    await testId('new-month').fill('2020-01')
    await testId('new-line').selectOption('twin_roll_casting')
    await testId('new-gridKwh').fill('80000')
    await testId('new-naturalGasNm3').fill('1000')
    await testId('new-outputT').fill('0')
    // The form warns before sending: energy with no output.
    await expect.poll(() => testId('new-hints').textContent()).toContain(zh['ecology.hint.outputZero'])
    await testId('new-outputT').fill('100')
    await expect.poll(() => testId('new-preview').textContent()).toContain('110.5')
    expect(await testId('new-preview').getByTestId('level-badge').getAttribute('data-level')).toBe('3')
    await testId('new-submit').click()
    await testId('ledger-saved').waitFor({ timeout: 15_000 })
    const row = ui.page.locator('[data-testid=ledger-row][data-month="2020-01"][data-line=twin_roll_casting]')
    await row.waitFor({ timeout: 15_000 })
    expect((await row.getByTestId('row-intensity').textContent())?.trim()).toBe('110.5')
    expect(await row.getByTestId('level-badge').getAttribute('data-level')).toBe('3')
    expect(await row.getByTestId('level-badge').textContent()).toBe(zh['ecology.level.3'])
    const stored = await api<RecordsAnswer>('/ecology/energy/records?from=2020-01&to=2020-01')
    expect(stored.items).toHaveLength(1)
    expect(stored.items[0]!.intensityKgcePerT).toBeCloseTo(110.463, 9)
    // The record's panel is open with its history: one revision, by demo-energy.
    await testId('record-panel').waitFor()
    expect(await ui.page.locator('[data-testid=history-row]').count()).toBe(1)
    expect(await ui.page.locator('[data-testid=history-row]').textContent()).toContain('demo-energy')
    await shot('ecology-ledger-saved.png')

    // The same month again: the server refuses it, and the page says why in words.
    await testId('new-month').fill('2020-01')
    await testId('new-line').selectOption('twin_roll_casting')
    await testId('new-gridKwh').fill('1000')
    await testId('new-outputT').fill('10')
    await testId('new-submit').click()
    await testId('new-refusal').waitFor({ timeout: 15_000 })
    expect(await testId('new-refusal').textContent()).toContain(zh['ecology.refusal.ENERGY_RECORD_EXISTS'])
    expect(await testId('new-refusal').textContent()).toContain(zh['error.code.ENERGY_RECORD_EXISTS'])
    expect((await api<RecordsAnswer>('/ecology/energy/records?from=2020-01&to=2020-01')).items).toHaveLength(
      1,
    )
    await shot('ecology-ledger-refusal.png')
    expect(pageErrors).toEqual([])
  })

  it('shows the park indicators with value, target, gap and verdict, in both languages', async () => {
    await testId('eco-tab-park').click()
    const park = await api<ParkAnswer>('/ecology/park')
    expect(park.synthetic).toBe(true)
    await testId('park-clean_energy_share').waitFor({ timeout: 20_000 })
    const clean = park.indicators.find((i) => i.id === 'clean_energy_share')!
    const card = testId('park-clean_energy_share')
    expect((await card.getByTestId('indicator-value').textContent())?.trim()).toBe(fmtShare(clean.value))
    expect(await card.getAttribute('data-pass')).toBe(String(clean.pass))
    const co2 = park.indicators.find((i) => i.id === 'co2_per_tce')!
    expect((await testId('park-co2_per_tce').getByTestId('indicator-value').textContent())?.trim()).toBe(
      `${fmt(co2.value, 3)} tCO₂/tce`,
    )
    // demo-energy sees its own enterprise's row only.
    await expect
      .poll(() => ui.page.locator('[data-testid=park-enterprise]').count(), { timeout: 15_000 })
      .toBe(1)
    await shot('ecology-park-zh.png')
    await testId('lang-en').click()
    await expect.poll(() => ui.page.locator('#eco-park-title').textContent()).toBe(en['ecology.park.title'])
    expect(await text('eco-tab-energy')).toBe(en['ecology.tab.energy'])
    await shot('ecology-park-en.png')
    await testId('lang-zh').click()
    expect(pageErrors).toEqual([])
  })
})
