import { ListStatus } from '../../components/ListStatus.tsx'
import { usePaged } from '../../hooks.ts'
import { useI18n } from '../../i18n/context.tsx'
import { href } from '../../router.ts'
import { cbamApi } from './client.ts'
import { formatEur, formatQty, formatSee, formatShare } from './labels.ts'

/** The communications of the enterprise's shipments to EU buyers, each opening its page. */
export function CommunicationsCard() {
  const { t, lang } = useI18n()
  const list = usePaged((cursor) => cbamApi.communications(cursor), 'all')
  return (
    <section class="card" aria-labelledby="cbam-comm-title" data-testid="cbam-communications">
      <div class="card-head">
        <h2 id="cbam-comm-title">{t('cbam.comm.title')}</h2>
        <p class="card-sub">{t('cbam.comm.sub')}</p>
      </div>
      {list.items.length > 0 && (
        <div class="table-wrap">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>{t('cbam.comm.shipment')}</th>
                <th>{t('cbam.comm.importer')}</th>
                <th>{t('cbam.comm.goods')}</th>
                <th class="num">{t('cbam.comm.shippedT')}</th>
                <th class="num">{t('cbam.comm.seeVs')}</th>
                <th class="num">{t('cbam.comm.saving')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((c) => (
                <tr key={c.id} data-testid="cbam-comm-row" data-shipment={c.shipmentId}>
                  <td>
                    <a href={href('/ecology/cbam', { shipment: c.shipmentId })} data-testid="cbam-comm-link">
                      {t('cbam.comm.shipmentNo', { id: c.shipmentId })}
                    </a>
                    <div class="muted">
                      {c.shipment.origin.city} → {c.shipment.destination.city}
                      {c.synthetic && ` · ${t('cbam.synthetic')}`}
                    </div>
                  </td>
                  <td>
                    {c.importer.name}
                    <div class="muted">{c.importer.country}</div>
                  </td>
                  <td class="mono">{c.goods.map((g) => g.cnCode).join(', ')}</td>
                  <td class="num">{formatQty(c.totals.shippedT, lang)}</td>
                  <td class="num">
                    {c.goods
                      .map(
                        (g) =>
                          `${formatSee(g.record.seeTco2ePerT, lang)} / ${formatSee(g.record.defaultSeeTco2ePerT, lang)}`,
                      )
                      .join('; ')}
                  </td>
                  <td class="num">
                    {formatEur(c.totals.savingEur, lang)}
                    <div class="muted">{formatShare(c.totals.savingShare, lang)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ListStatus list={list} emptyText={t('cbam.comm.empty')} testIdPrefix="cbam-comm" />
    </section>
  )
}
