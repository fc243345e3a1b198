/** A share 0..1 as a percentage with one decimal ("23.4%"); "–" when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1)}%`
}

/** Which products page lists a high-end group's items. */
export function productsQueryOf(group: string): Record<string, string> {
  switch (group) {
    case 'battery_foil':
      return { application: 'battery_foil' }
    case 'can_stock':
      return { application: 'can_body_stock' }
    case 'ps_plate_base':
      return { application: 'ps_plate_base' }
    case 'auto_sheet':
      return { application: 'auto_body_sheet' }
    default:
      return { form: 'plate' }
  }
}
