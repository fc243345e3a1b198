import { cbamApi } from '../ecology/cbam/client.ts'
import { formatEur } from '../ecology/cbam/labels.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'

/** A shipment to an EU importer links to its CBAM emissions communication (nothing when it has none). */
export function CbamLink({ shipmentId }: { shipmentId: string }) {
  const { t, lang } = useI18n()
  // A shipment without a communication answers 404: that only means there is no link to show.
  const answer = useAsync(() => cbamApi.communication(shipmentId).catch(() => null), [shipmentId])
  const c = answer.data
  if (!c) return null
  return (
    <p class="note" data-testid="shipment-cbam">
      <a href={href('/ecology/cbam', { shipment: shipmentId })}>{t('shipments.cbamLink')}</a>
      {' · '}
      {t('shipments.cbamSaving', { importer: c.importer.name, saving: formatEur(c.totals.savingEur, lang) })}
    </p>
  )
}
