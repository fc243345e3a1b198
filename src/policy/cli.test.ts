import { describe, expect, it } from 'vitest'
import { type CliRun, huiguo } from '../../test/support/cli.ts'

/** `huiguo eligibility` as a user runs it, with `input` on stdin. */
const eligibility = (input: string): Promise<CliRun> => huiguo(['eligibility'], input)

const FACTS = {
  revenueCny: 80_000_000,
  rdExpenseCny: 2_560_000,
  highTechRevenueShare: 0.5,
  techStaffShare: 0.12,
  yearsInNiche: 3,
  mainBusinessShare: 0.8,
  worstEnergyLevel: null,
  cleanEnergyShare: 0.35,
}

describe('huiguo eligibility', () => {
  it('prints the four default programmes with every failed rule', async () => {
    const run = await eligibility(JSON.stringify(FACTS))
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toBe('')
    // R&D intensity 2.56 M / 80 M = 0.032: below 4 % (50–200 M band) and below little_giant's 6 %
    // (≤ 100 M band); specialised_new asks 3 % and passes; no energy records fail energy_level.
    expect(JSON.parse(run.stdout)).toEqual({
      programmes: [
        {
          id: 'high_tech',
          eligible: false,
          failed: [
            { rule: 'rd_intensity', required: 0.04, actual: 0.032 },
            { rule: 'high_tech_revenue_share', required: 0.6, actual: 0.5 },
          ],
        },
        { id: 'specialised_new', eligible: true, failed: [] },
        {
          id: 'little_giant',
          eligible: false,
          failed: [{ rule: 'rd_intensity', required: 0.06, actual: 0.032 }],
        },
        {
          id: 'green_upgrade',
          eligible: false,
          failed: [{ rule: 'energy_level', required: 2, actual: null }],
        },
      ],
    })
    expect(run.stdout.endsWith('}\n')).toBe(true)
  })

  it('exits 2 naming each bad field, and prints nothing on stdout', async () => {
    const run = await eligibility(JSON.stringify({ ...FACTS, techStaffShare: 1.5, revenueCny: -1 }))
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('/revenueCny must not be negative')
    expect(run.stderr).toContain('/techStaffShare is a share: at most 1')
    const notJson = await eligibility('{"revenueCny": ')
    expect(notJson.code).toBe(2)
    expect(notJson.stderr).toMatch(/not JSON/)
  })
})
