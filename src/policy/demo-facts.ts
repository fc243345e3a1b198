/**
 * The demo's enterprise facts, synthetic: one year for each processor in the cluster, drawn the
 * same way on every machine from the enterprise's id. Revenue is the registry's; the rest follows a
 * profile: holders of the 高新技术企业 certificate get R&D and high-tech shares that meet the
 * high-tech rules, about a third of the others a 专精特新-like profile (R&D 3–5.5 % of revenue), the
 * rest the R&D of an ordinary rolling mill (0.5–2.8 %). Every figure is invented, none is a firm's.
 * @module
 */
import { createRandom } from '../kernel/index.ts'
import type { YearFactsInput } from './model.ts'

/** FNV-1a of a text: a stable seed per enterprise. */
function seedOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places

/** The R&D intensity the high-tech rules ask of a revenue (CNY). */
const highTechFloor = (revenueCny: number) => (revenueCny <= 50e6 ? 0.05 : revenueCny <= 200e6 ? 0.04 : 0.03)

export interface DemoEnterprise {
  readonly id: string
  readonly revenueFen: bigint
  readonly certifications: readonly string[]
}

/** One enterprise's synthetic facts of a year. */
export function demoFactsOf(e: DemoEnterprise): YearFactsInput {
  const rng = createRandom(seedOf(e.id))
  const revenueCny = Number(e.revenueFen) / 100
  const highTech = e.certifications.includes('高新技术企业')
  const profile = highTech ? 'high_tech' : rng.chance(0.35) ? 'specialised' : 'ordinary'
  const between = (lo: number, hi: number) => lo + (hi - lo) * rng.next()
  const intensity =
    profile === 'high_tech'
      ? highTechFloor(revenueCny) + between(0.002, 0.015)
      : profile === 'specialised'
        ? between(0.031, 0.055)
        : between(0.005, 0.028)
  return {
    revenueFen: e.revenueFen,
    // Whole yuan of R&D.
    rdExpenseFen: BigInt(Math.round(revenueCny * intensity)) * 100n,
    highTechRevenueShare: round(profile === 'high_tech' ? between(0.62, 0.85) : between(0.05, 0.55), 3),
    techStaffShare: round(profile === 'ordinary' ? between(0.03, 0.09) : between(0.105, 0.25), 3),
    yearsInNiche: round(profile === 'ordinary' ? between(0.5, 12) : between(2, 15), 1),
    mainBusinessShare: round(between(profile === 'ordinary' ? 0.55 : 0.72, 0.95), 3),
  }
}

/**
 * The demo mill's facts: a large sheet and strip mill that meets the rules of high_tech,
 * specialised_new and little_giant (R&D 3.4 % of revenue, above the 3 % its size asks).
 */
export const demoMillFacts = (revenueFen: bigint): YearFactsInput => ({
  revenueFen,
  rdExpenseFen: ((revenueFen * 34n) / 1000n / 100n) * 100n,
  highTechRevenueShare: 0.68,
  techStaffShare: 0.14,
  yearsInNiche: 12,
  mainBusinessShare: 0.92,
})
