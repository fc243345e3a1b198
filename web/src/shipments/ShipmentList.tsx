import { ListStatus } from '../components/ListStatus.tsx'
import { formatKgAsTonnes } from '../format.ts'
import type { Paged } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { formatBeijing } from './labels.ts'
import { StatusBadge } from './StatusBadge.tsx'
import type { Shipment, ShipmentStatus } from './types.ts'

/** The shipments of the logged-in enterprise, newest first; a row opens its detail. */
export function ShipmentList({
  list,
  status,
  selected,
}: {
  list: Paged<Shipment>
  status: ShipmentStatus | null
  selected: string | null
}) {
  const { t, lang } = useI18n()
  return (
    <>
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="shipments-table">
            <thead>
              <tr>
                <th>{t('shipments.col.id')}</th>
                <th>{t('shipments.col.route')}</th>
                <th class="num">{t('shipments.col.qty')}</th>
                <th>{t('shipments.col.status')}</th>
                <th>{t('shipments.col.etaOrDelivered')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr
                  key={s.id}
                  class={s.id === selected ? 'row-selected' : undefined}
                  data-testid="shipment-row"
                >
                  <td>
                    <a href={href('/shipments', { id: s.id, status })}>{s.id}</a>
                    {s.synthetic && <span class="sub">{t('shipments.synthetic')}</span>}
                  </td>
                  <td>
                    {s.origin.city} → {s.destination.city}
                    <span class="sub">{s.goods}</span>
                  </td>
                  <td class="num">{formatKgAsTonnes(s.qtyKg, lang)}</td>
                  <td>
                    <StatusBadge status={s.status} />
                  </td>
                  <td class="pricing-nowrap">{formatBeijing(s.deliveredAt ?? s.eta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListStatus list={list} emptyText={t('shipments.none')} testIdPrefix="shipments" />
    </>
  )
}
