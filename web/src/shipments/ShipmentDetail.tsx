import type { ComponentChildren } from 'preact'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatKgAsTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { CbamLink } from './CbamLink.tsx'
import { shipmentsApi } from './client.ts'
import { EventForm } from './EventForm.tsx'
import { EventTimeline } from './EventTimeline.tsx'
import { formatBeijing, formatKm } from './labels.ts'
import { StatusBadge } from './StatusBadge.tsx'
import type { Shipment } from './types.ts'

/** One shipment: what, where, when, its events, and the form for the next one. */
export function ShipmentDetail({
  id,
  canWrite,
  onChanged,
}: {
  id: string
  canWrite: boolean
  onChanged: () => void
}) {
  const { t } = useI18n()
  const answer = useAsync(() => shipmentsApi.get(id), [id])
  const saved = () => {
    answer.reload()
    onChanged()
  }
  return (
    <section class="card" aria-labelledby="shipment-title" data-testid="shipment-detail">
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && (
        <>
          <div class="card-head card-head-row">
            <div>
              <h2 id="shipment-title">
                {t('shipments.detail.title', { id: answer.data.shipment.id })}{' '}
                <StatusBadge status={answer.data.shipment.status} />
              </h2>
              <p class="card-sub">{answer.data.shipment.goods}</p>
            </div>
          </div>
          <Facts shipment={answer.data.shipment} />
          <CbamLink shipmentId={answer.data.shipment.id} />
          <h3 class="ship-subtitle">{t('shipments.events.title')}</h3>
          <EventTimeline events={answer.data.events} />
          {canWrite && answer.data.shipment.status !== 'delivered' && (
            <EventForm shipment={answer.data.shipment} onSaved={saved} />
          )}
        </>
      )}
    </section>
  )
}

function Facts({ shipment: s }: { shipment: Shipment }) {
  const { t, lang } = useI18n()
  const item = (label: string, value: ComponentChildren, testId?: string) => (
    <div class="dl-item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
  return (
    <dl class="dl ship-facts">
      {item(
        t('shipments.col.code'),
        <a class="mono" href={href('/track', { code: s.trackingCode })} data-testid="shipment-code">
          {s.trackingCode}
        </a>,
      )}
      {item(t('shipments.col.qty'), formatKgAsTonnes(s.qtyKg, lang))}
      {item(t('shipments.col.origin'), `${s.origin.name} · ${s.origin.city}`)}
      {item(t('shipments.col.destination'), `${s.destination.name} · ${s.destination.city}`)}
      {item(t('shipments.col.distance'), formatKm(s.distanceM))}
      {item(t('shipments.col.contract'), s.contractId ?? t('shipments.byHand'))}
      {item(t('shipments.col.truck'), [s.truckPlate, s.driverName].filter(Boolean).join(' · ') || '—')}
      {item(t('shipments.col.planned'), formatBeijing(s.plannedDepartureAt))}
      {item(
        s.deliveredAt ? t('shipments.col.delivered') : t('shipments.col.eta'),
        s.deliveredAt
          ? formatBeijing(s.deliveredAt)
          : s.eta
            ? formatBeijing(s.eta)
            : t('shipments.etaUnknown'),
        'shipment-eta',
      )}
      {s.proof &&
        item(
          t('shipments.col.proof'),
          t('shipments.proofText', { name: s.proof.receiverName, at: formatBeijing(s.proof.signedAt) }) +
            (s.proof.note ? ` · ${s.proof.note}` : ''),
          'shipment-proof',
        )}
    </dl>
  )
}
