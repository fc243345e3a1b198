import { describe, expect, it } from 'vitest'
import { DICTIONARIES } from '../../web/src/i18n/index.ts'
import { fenMoney } from '../../web/src/policy/labels.ts'
import type { Application, EligibilityAnswer, Programme } from '../../web/src/policy/types.ts'
import { useDemoUi } from './harness.ts'

const { zh, en } = DICTIONARIES

const ui = useDemoUi({ prefix: 'huiguo-policy-ui-' })
const { testId, text, shot, api, login, pageErrors } = ui

const programme = async (id: string) =>
  (await api<{ items: Programme[] }>('/policy/programmes')).items.find((p) => p.id === id)!

describe('support programmes', () => {
  let applicationId: string

  it('shows the programmes with award, budget, committed and dates, marked illustrative', async () => {
    await ui.page.goto(`${ui.url}/#/policy`)
    expect(await text('nav-policy')).toBe(zh['policy.nav'])
    const cards = ui.page.locator('[data-testid=policy-programme]')
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBe(4)
    const highTech = await programme('high_tech')
    // The demo's high_tech award was paid: 300,000 CNY committed and disbursed.
    expect([highTech.committedFen, highTech.disbursedFen]).toEqual(['30000000', '30000000'])
    const card = ui.page.locator('[data-testid=policy-programme][data-id=high_tech]')
    expect(await card.getByTestId('programme-committed').textContent()).toBe(
      fenMoney(highTech.committedFen, 'zh'),
    )
    expect(await card.getByTestId('programme-budget').textContent()).toBe(fenMoney(highTech.budgetFen, 'zh'))
    expect(await card.getByTestId('programme-dates').textContent()).toContain(highTech.opensOn)
    expect(await text('policy-synthetic')).toBe(zh['policy.synthetic'])
    await shot('policy-programmes-zh.png')
    await testId('lang-en').click()
    await expect.poll(() => text('policy-synthetic')).toBe(en['policy.synthetic'])
    expect(await card.getByTestId('programme-budget').textContent()).toBe(fenMoney(highTech.budgetFen, 'en'))
    await shot('policy-programmes-en.png')
    await testId('lang-zh').click()
  })

  it('shows demo-mill its eligibility, every rule in words, in both languages', async () => {
    await login('demo-mill', '/policy/eligibility')
    const me = await api<{ user: { enterprise?: { id: string }; enterpriseId?: string } }>('/auth/me')
    const enterpriseId = me.user.enterprise?.id ?? me.user.enterpriseId!
    const answer = await api<EligibilityAnswer>(`/policy/enterprises/${enterpriseId}/eligibility`)
    const results = ui.page.locator('[data-testid=elig-programme]')
    await expect.poll(() => results.count(), { timeout: 20_000 }).toBe(answer.programmes.length)
    for (const p of answer.programmes) {
      const card = ui.page.locator(`[data-testid=elig-programme][data-id=${p.id}]`)
      expect(await card.getAttribute('data-eligible')).toBe(String(p.eligible))
      expect((await card.getByTestId('elig-summary').textContent())?.trim()).toBe(p.summary.zh)
      const words = await card.getByTestId('elig-words').allTextContents()
      expect(words).toEqual(p.checks.map((c) => c.words.zh))
    }
    // The demo mill (R&D 3.4 % of a revenue far above 200 M) meets the three R&D programmes.
    expect(answer.programmes.filter((p) => p.eligible).map((p) => p.id)).toEqual(
      expect.arrayContaining(['high_tech', 'specialised_new', 'little_giant']),
    )
    const rd = ui.page.locator('[data-testid=elig-programme][data-id=high_tech] [data-rule=rd_intensity]')
    expect(await rd.textContent()).toContain('研发投入强度 3.4%')
    await shot('policy-eligibility-zh.png')
    await testId('lang-en').click()
    await expect
      .poll(() => rd.getByTestId('elig-words').textContent())
      .toBe(answer.programmes[0]!.checks[0]!.words.en)
    expect(await rd.textContent()).toContain(
      'R&D intensity 3.4 % meets the 3 % required for revenue over 200 M CNY.',
    )
    await shot('policy-eligibility-en.png')
    await testId('lang-zh').click()
  })

  it('lets demo-mill create an application, attach a document and submit it', async () => {
    const before = (await api<{ items: Application[] }>('/policy/applications')).items
    // The demo's little_giant application was rejected: the mill may apply again.
    expect(before.find((a) => a.programmeId === 'little_giant')?.status).toBe('rejected')
    await ui.page.goto(`${ui.url}/#/policy/applications?new=little_giant`)
    await testId('new-application').waitFor({ timeout: 15_000 })
    await expect.poll(() => testId('new-programme').inputValue()).toBe('little_giant')
    await testId('new-note').fill('带审计研发辅助账重新申报')
    await testId('new-create').click()
    await expect
      .poll(() => testId('application-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('draft')
    applicationId = new URL(ui.page.url().replace('#/', '')).searchParams.get('id')!
    expect(applicationId).toMatch(/^\d+$/)
    await testId('document-input').setInputFiles({
      name: 'audited-rd-ledger.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Audited R&D ledger (synthetic)\n'),
    })
    await expect.poll(() => ui.page.locator('[data-testid=document]').count(), { timeout: 15_000 }).toBe(1)
    await testId('application-submit').click()
    await expect
      .poll(() => testId('application-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('submitted')
    const detail = ui.page.getByTestId('application-detail')
    expect(await detail.getByTestId('elig-summary').textContent()).toBe('符合条件：3 项规则全部满足。')
    const trail = ui.page.locator('[data-testid=trail-row]')
    expect(await trail.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual([
      'created',
      'document_added',
      'submitted',
    ])
    await shot('policy-application-zh.png')
    await testId('lang-en').click()
    await expect
      .poll(() => detail.getByTestId('elig-summary').textContent())
      .toBe('Eligible: all 3 rules are met.')
    await shot('policy-application-en.png')
    await testId('lang-zh').click()
  })

  it('is approved by demo-admin and demo-officer, and the budget figure changes', async () => {
    const before = await programme('little_giant')
    await login('demo-admin', '/policy/review')
    await ui.page.goto(`${ui.url}/#/policy/review?status=all&id=${applicationId}`)
    await testId('review-start').click({ timeout: 15_000 })
    await expect
      .poll(() => testId('application-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('under_review')
    await testId('approve-note').fill('账目已核')
    await testId('review-approve').click()
    await expect.poll(() => text('application-approvals'), { timeout: 15_000 }).toContain('1 / 2')
    // The same administrator cannot approve twice.
    await testId('review-approve').click()
    await expect
      .poll(() => text('application-problem'), { timeout: 15_000 })
      .toContain(zh['error.code.APPROVAL_DUPLICATE'])

    await login('demo-officer', '/policy/review')
    await ui.page.goto(`${ui.url}/#/policy/review?status=all&id=${applicationId}`)
    await testId('review-approve').click({ timeout: 15_000 })
    await expect
      .poll(() => testId('application-status').getAttribute('data-status'), { timeout: 15_000 })
      .toBe('approved')
    const trail = ui.page.locator('[data-testid=trail-row]')
    expect(await trail.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')))).toEqual([
      'created',
      'document_added',
      'submitted',
      'review_started',
      'approval_recorded',
      'approved',
    ])
    await testId('lang-en').click()
    await shot('policy-review-en.png')
    await testId('lang-zh').click()
    await shot('policy-review-zh.png')

    const after = await programme('little_giant')
    // One award of 1,000,000 CNY more is committed.
    expect(BigInt(after.committedFen) - BigInt(before.committedFen)).toBe(BigInt(after.amountFen))
    await ui.page.goto(`${ui.url}/#/policy`)
    const card = ui.page.locator('[data-testid=policy-programme][data-id=little_giant]')
    await expect
      .poll(() => card.getByTestId('programme-committed').textContent(), { timeout: 15_000 })
      .toBe(fenMoney(after.committedFen, 'zh'))
    expect(await card.getByTestId('programme-remaining').textContent()).toBe(
      fenMoney(after.remainingFen, 'zh'),
    )
    expect(after.committedFen).not.toBe(before.committedFen)
    expect(pageErrors).toEqual([])
  })
})
