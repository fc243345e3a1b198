import { useI18n } from '../i18n/context.tsx'
import { STATUS_BADGE } from './labels.ts'
import type { ShipmentStatus } from './types.ts'

/** A shipment's status as a coloured badge in the UI language. */
export function StatusBadge({ status }: { status: ShipmentStatus }) {
  const { t } = useI18n()
  return (
    <span class={STATUS_BADGE[status]} data-testid="shipment-status" data-status={status}>
      {t(`shipments.status.${status}`)}
    </span>
  )
}
