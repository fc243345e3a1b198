import { describe, expect, it } from 'vitest'
import { checkDeal, checkQuote, type DealSubmission } from './submissions.ts'

const NOW = Date.parse('2025-06-13T02:00:00Z')
const actor = { userId: 'u-1', enterpriseId: 'gy-mill' }
const deal: DealSubmission = {
  seriesId: 'FEE-8011-O-FOIL-SPOT',
  value: 5_600,
  qtyKg: 10_000,
  dealAt: '2025-06-10T03:00:00Z',
  deliveryDays: 15,
  paymentDays: 30,
  affiliated: false,
  pricedOnIndex: false,
  spec: '8011 O 0.012',
  baseUsed: null,
  baseConvention: 'monthly_average',
  paymentTerms: 'acceptance bill 90 days',
  deliveryTerms: 'delivered Foshan',
  counterpartyType: 'trader',
}

// The HTTP schema refuses most of these first; the checks hold for every other caller too.
describe('deal and quote checks', () => {
  it('makes the caller’s enterprise the submitter and stamps the submission', () => {
    const checked = checkDeal(actor, deal, NOW)
    expect(checked).toEqual({
      ok: true,
      value: expect.objectContaining({
        submitter: 'gy-mill',
        submittedBy: 'u-1',
        source: 'member',
        dealAtMs: Date.parse('2025-06-10T03:00:00Z'),
        submittedAtMs: NOW,
      }),
    })
  })

  it.each([
    [{ qtyKg: 2.5 }, 'VALIDATION_FAILED', '/qtyKg'],
    [{ qtyKg: -1 }, 'VALIDATION_FAILED', '/qtyKg'],
    [{ value: 5_600.1 }, 'VALIDATION_FAILED', '/value'],
    [{ paymentDays: -3 }, 'VALIDATION_FAILED', '/paymentDays'],
    [{ dealAt: 'last Tuesday' }, 'VALIDATION_FAILED', '/dealAt'],
    [{ baseConvention: null }, 'VALIDATION_FAILED', '/baseConvention'],
    [{ seriesId: 'BASE-A00-GY', value: -5 }, 'VALIDATION_FAILED', '/value'],
    [{ seriesId: 'BASE-A00-GY', value: 20_000, baseUsed: 20_000 }, 'VALIDATION_FAILED', '/baseUsed'],
    [{ seriesId: 'FEE-NOTHING-SPOT' }, 'SERIES_NOT_FOUND', undefined],
    [{ dealAt: '2025-06-13T02:00:00.001Z' }, 'DEAL_IN_FUTURE', '/dealAt'],
  ])('refuses %j with %s', (change, code, field) => {
    const checked = checkDeal(actor, { ...deal, ...change } as DealSubmission, NOW)
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.code).toBe(code)
    expect(checked.errors?.[0]?.field).toBe(field)
  })

  it('accepts a negative fee and a deal dealt exactly now', () => {
    expect(checkDeal(actor, { ...deal, value: -50, dealAt: new Date(NOW).toISOString() }, NOW).ok).toBe(true)
  })

  it('refuses a quote firm until before it was made, or made in the future', () => {
    const quote = {
      seriesId: 'BASE-A00-GY',
      side: 'offer' as const,
      value: 20_100,
      qtyKg: 100_000,
      at: '2025-06-12T01:00:00Z',
      validUntil: '2025-06-12T00:00:00Z',
    }
    const early = checkQuote(actor, quote, NOW)
    expect(!early.ok && early.errors?.[0]?.field).toBe('/validUntil')
    const future = checkQuote(actor, { ...quote, at: '2025-06-14T00:00:00Z', validUntil: null }, NOW)
    expect(!future.ok && future.code).toBe('QUOTE_IN_FUTURE')
    expect(checkQuote(actor, { ...quote, validUntil: null }, NOW).ok).toBe(true)
  })
})
