import type { ComponentChildren } from 'preact'
import { Loading, ProblemBox } from '../../components/ProblemBox.tsx'
import { useAsync } from '../../hooks.ts'
import { useI18n } from '../../i18n/context.tsx'
import { href } from '../../router.ts'
import { cbamApi, communicationFile } from './client.ts'
import { formatBeijingTime, formatEur, formatQty, formatSee, formatShare } from './labels.ts'
import type { Communication, CommunicationGood } from './types.ts'

/** One shipment's communication: what the importer receives, with the saving against defaults. */
export function CommunicationPage({ shipmentId }: { shipmentId: string }) {
  const { t } = useI18n()
  const answer = useAsync(() => cbamApi.communication(shipmentId), [shipmentId])
  return (
    <div data-testid="cbam-communication">
      <p>
        <a href={href('/ecology/cbam', { part: 'communications' })} data-testid="cbam-back">
          ← {t('cbam.comm.back')}
        </a>
      </p>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && <CommunicationBody c={answer.data} />}
    </div>
  )
}

function CommunicationBody({ c }: { c: Communication }) {
  const { t, lang } = useI18n()
  const item = (label: string, value: ComponentChildren, testId?: string) => (
    <div class="dl-item">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  )
  return (
    <>
      <section class="card" aria-labelledby="cbam-comm-page-title">
        <div class="card-head card-head-row">
          <div>
            <h2 id="cbam-comm-page-title">{t('cbam.page.title', { id: c.shipmentId })}</h2>
            <p class="card-sub">
              {c.shipment.goods} · {c.shipment.origin.city} → {c.shipment.destination.city}
              {c.synthetic && <span class="badge badge-amber cbam-badge">{t('cbam.synthetic')}</span>}
            </p>
          </div>
          <div class="cbam-downloads">
            <a
              class="button button-small"
              href={communicationFile(c.shipmentId, 'json')}
              download
              data-testid="cbam-download-json"
            >
              {t('cbam.page.downloadJson')}
            </a>
            <a
              class="button button-small button-primary"
              href={communicationFile(c.shipmentId, 'xlsx')}
              download
              data-testid="cbam-download-xlsx"
            >
              {t('cbam.page.downloadXlsx')}
            </a>
          </div>
        </div>
        <div class="cbam-totals" data-testid="cbam-totals">
          <div class="cbam-total">
            <span class="muted">{t('cbam.page.costActual')}</span>
            <strong data-testid="cbam-total-cost">{formatEur(c.totals.costEur, lang)}</strong>
          </div>
          <div class="cbam-total">
            <span class="muted">{t('cbam.page.costDefault')}</span>
            <strong data-testid="cbam-total-default">{formatEur(c.totals.defaultCostEur, lang)}</strong>
          </div>
          <div class="cbam-total cbam-total-saving">
            <span class="muted">{t('cbam.page.saving')}</span>
            <strong data-testid="cbam-total-saving">
              {formatEur(c.totals.savingEur, lang)} ({formatShare(c.totals.savingShare, lang)})
            </strong>
          </div>
        </div>
        <p class="muted cbam-hint">
          {t('cbam.page.savingNote', {
            tonnes: formatQty(c.totals.shippedT, lang),
            price: formatEur(c.eurPerTco2, lang),
            year: c.year,
          })}
        </p>
        <dl class="dl">
          {item(t('cbam.page.installation'), `${c.installation.name}`, 'cbam-installation')}
          {item(t('cbam.page.address'), `${c.installation.address} (${c.installation.country})`)}
          {item(
            t('cbam.page.operator'),
            (lang === 'zh' ? c.installation.enterpriseNameZh : c.installation.enterpriseNameEn) ??
              c.installation.enterpriseId,
          )}
          {item('UN/LOCODE', c.installation.unlocode ?? '—')}
          {item(t('cbam.page.importer'), `${c.importer.name} · ${c.importer.country}`, 'cbam-importer')}
          {item('EORI', <span class="mono">{c.importer.eori}</span>)}
          {item(t('cbam.page.period'), `${c.periodStart} – ${c.periodEnd}`)}
          {item(t('cbam.page.method'), t('cbam.page.methodText', { method: c.method }))}
          {item(t('cbam.page.tracking'), <span class="mono">{c.shipment.trackingCode}</span>)}
          {item(
            t('cbam.page.created'),
            `${formatBeijingTime(c.createdAt)}${c.createdBy?.username ? ` · ${c.createdBy.username}` : ''}`,
          )}
        </dl>
      </section>
      {c.goods.map((g, i) => (
        <GoodCard key={`${g.cnCode}-${i}`} good={g} />
      ))}
    </>
  )
}

function GoodCard({ good: g }: { good: CommunicationGood }) {
  const { t, lang } = useI18n()
  const r = g.record
  return (
    <section class="card" data-testid="cbam-good" data-cn={g.cnCode}>
      <div class="card-head">
        <h2>
          <span class="mono">{g.cnCode}</span> {g.description && <span class="muted">· {g.description}</span>}
        </h2>
        <p class="card-sub">
          {t('cbam.page.goodSub', {
            output: formatQty(g.outputT, lang),
            shipped: formatQty(g.shippedT, lang),
            scrap: formatQty(g.scrapT, lang),
          })}
        </p>
      </div>
      <div class="table-wrap">
        <table class="table table-compact cbam-compare">
          <thead>
            <tr>
              <th />
              <th class="num">{t('cbam.result.actual')}</th>
              <th class="num">{t('cbam.result.default')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('cbam.result.see')}</th>
              <td class="num" data-testid="good-see">
                {formatSee(r.seeTco2ePerT, lang)}
              </td>
              <td class="num" data-testid="good-default-see">
                {formatSee(r.defaultSeeTco2ePerT, lang)}
              </td>
            </tr>
            <tr>
              <th scope="row">{t('cbam.result.payable')}</th>
              <td class="num">{formatSee(r.payableTco2ePerT, lang)}</td>
              <td class="num">{formatSee(r.defaultPayableTco2ePerT, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('cbam.result.cost')}</th>
              <td class="num">{formatEur(r.costEurPerT, lang)}</td>
              <td class="num">{formatEur(r.defaultCostEurPerT, lang)}</td>
            </tr>
            <tr>
              <th scope="row">{t('cbam.page.onShipment')}</th>
              <td class="num">{formatEur(g.shipment.costEur, lang)}</td>
              <td class="num">{formatEur(g.shipment.defaultCostEur, lang)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p class="muted cbam-hint">
        {t('cbam.page.emissions', {
          direct: formatQty(r.directTco2e, lang),
          precursors: formatQty(r.precursorTco2e, lang),
          indirect: formatSee(r.indirectTco2ePerT, lang),
        })}
      </p>
      <h3 class="cbam-subtitle">{t('cbam.page.precursors')}</h3>
      <div class="table-wrap">
        <table class="table table-compact" data-testid="cbam-precursors">
          <thead>
            <tr>
              <th>{t('cbam.field.cnCode')}</th>
              <th class="num">{t('cbam.field.tonnes')}</th>
              <th class="num">SEE</th>
              <th class="num">{t('cbam.page.embedded')}</th>
              <th>{t('cbam.page.source')}</th>
            </tr>
          </thead>
          <tbody>
            {g.precursors.map((p, i) => (
              <tr key={`${p.cnCode}-${i}`} data-testid="cbam-precursor" data-source={p.source}>
                <td class="mono">{p.cnCode}</td>
                <td class="num">{formatQty(p.tonnes, lang)}</td>
                <td class="num">{formatSee(p.seeTco2ePerT, lang)}</td>
                <td class="num">{formatQty(p.embeddedTco2e, lang)}</td>
                <td>
                  {p.declaration ? (
                    <>
                      <span class="badge badge-green">{t('cbam.source.declared')}</span>{' '}
                      {lang === 'zh' ? p.declaration.enterpriseNameZh : p.declaration.enterpriseNameEn} ·{' '}
                      {t(`cbam.route.${p.declaration.route}`)}
                      <div class="muted">
                        {t('cbam.page.declaredBy', {
                          id: p.declaration.id,
                          who: p.declaration.declaredBy?.username ?? '—',
                          at: formatBeijingTime(p.declaration.declaredAt),
                        })}
                        {p.declaration.supersededBy &&
                          ` · ${t('cbam.decl.supersededBy', { id: p.declaration.supersededBy })}`}
                      </div>
                    </>
                  ) : (
                    <>
                      <span class="badge badge-grey">{t('cbam.source.default')}</span>{' '}
                      <span class="muted">
                        {t('cbam.page.origin', { origin: p.origin ?? t('cbam.page.sameOrigin') })}
                      </span>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
