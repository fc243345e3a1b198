/**
 * The high-end share of the cluster's output (issue 7's dashboard): battery foil, can stock, PS
 * plate base, auto body sheet and plate, measured on the monthly capacity the in-cluster processors
 * list in their catalogues (output is not reported per product, capacity is).
 * @module
 */

export const HIGH_END_GROUPS = ['battery_foil', 'can_stock', 'ps_plate_base', 'auto_sheet', 'plate'] as const
export type HighEndGroup = (typeof HIGH_END_GROUPS)[number]

const BY_APPLICATION: Readonly<Record<string, HighEndGroup>> = {
  battery_foil: 'battery_foil',
  can_body_stock: 'can_stock',
  can_end_stock: 'can_stock',
  ps_plate_base: 'ps_plate_base',
  auto_body_sheet: 'auto_sheet',
}

export interface CatalogueCapacity {
  readonly form: string
  readonly application: string | null
  readonly monthlyCapacityT: number
}

/** The group of a catalogue item, or null when it is not high-end. The application wins over the form. */
export function highEndGroupOf(item: Pick<CatalogueCapacity, 'form' | 'application'>): HighEndGroup | null {
  const byApplication = item.application === null ? undefined : BY_APPLICATION[item.application]
  if (byApplication) return byApplication
  return item.form === 'plate' ? 'plate' : null
}

export interface HighEndShare {
  readonly totalMonthlyCapacityT: number
  readonly highEndMonthlyCapacityT: number
  /** highEnd / total, null when nothing is listed. */
  readonly share: number | null
  readonly groups: { group: HighEndGroup; monthlyCapacityT: number; share: number | null }[]
}

export function highEndShare(items: readonly CatalogueCapacity[]): HighEndShare {
  const byGroup = new Map<HighEndGroup, number>(HIGH_END_GROUPS.map((g) => [g, 0]))
  let total = 0
  for (const item of items) {
    total += item.monthlyCapacityT
    const group = highEndGroupOf(item)
    if (group) byGroup.set(group, byGroup.get(group)! + item.monthlyCapacityT)
  }
  const highEnd = [...byGroup.values()].reduce((a, b) => a + b, 0)
  const ofTotal = (t: number) => (total > 0 ? t / total : null)
  return {
    totalMonthlyCapacityT: total,
    highEndMonthlyCapacityT: highEnd,
    share: ofTotal(highEnd),
    groups: HIGH_END_GROUPS.map((group) => ({
      group,
      monthlyCapacityT: byGroup.get(group)!,
      share: ofTotal(byGroup.get(group)!),
    })),
  }
}
