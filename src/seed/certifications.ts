import type { Random } from '../kernel/random.ts'

/**
 * Certifications and titles the demo firms hold, in the order they are listed: management systems
 * (ISO 9001 quality, ISO 14001 environment, ISO 45001 safety, IATF 16949 automotive, GB/T 29490
 * intellectual property), the MIIT green factory (绿色工厂) and high-tech enterprise (高新技术企业) titles,
 * classification-society approvals for marine plate (CCS, DNV, ABS, LR), UL for electrical products, and
 * CNAS / CMA accreditation of testing laboratories.
 */
export const CERTIFICATIONS = [
  'ISO 9001',
  'ISO 14001',
  'ISO 45001',
  'IATF 16949',
  'GB/T 29490',
  '绿色工厂',
  '高新技术企业',
  'CCS',
  'DNV',
  'ABS',
  'LR',
  'UL',
  'CNAS',
  'CMA',
] as const
export type Certification = (typeof CERTIFICATIONS)[number]

/** Each certification held with its probability; the result is in the list's order. */
export function drawCertifications(
  rng: Random,
  chances: Partial<Record<Certification, number>>,
): Certification[] {
  return CERTIFICATIONS.filter((c) => {
    const p = chances[c] ?? 0
    return p >= 1 || (p > 0 && rng.chance(p))
  })
}
