import { useI18n } from '../i18n/context.tsx'
import { formatCny, formatWhen, nameIn } from './labels.ts'
import type { Alert, AlertEvent, PriceRow } from './types.ts'

/** The user's alerts with a delete button each, then the publications that crossed them. */
export function AlertList({
  rows,
  alerts,
  events,
  onDelete,
}: {
  rows: readonly PriceRow[]
  alerts: readonly Alert[]
  events: readonly AlertEvent[]
  onDelete: (id: string) => void
}) {
  const { t, lang } = useI18n()
  const byId = new Map(rows.map((r) => [r.id, r]))
  const name = (id: string | undefined) => {
    const row = id ? byId.get(id) : undefined
    return row ? nameIn(row.name, lang) : (id ?? '—')
  }
  const rule = (direction: string, threshold: number) =>
    t(direction === 'below' ? 'pricing.alerts.ruleBelow' : 'pricing.alerts.ruleAbove', {
      threshold: formatCny(threshold),
    })
  return (
    <div class="pricing-alerts">
      <h3 class="pricing-h3">{t('pricing.alerts.mine')}</h3>
      {alerts.length === 0 ? (
        <p class="empty" data-testid="alerts-empty">
          {t('pricing.alerts.none')}
        </p>
      ) : (
        <ul class="pricing-alert-list" data-testid="alert-list">
          {alerts.map((a) => (
            <li key={a.id} data-alert-id={a.id}>
              <span>
                <strong>{name(a.seriesId ?? a.series)}</strong> {rule(a.direction, a.threshold)}
                {a.webhookUrl && (
                  <span class="sub">{t('pricing.alerts.webhookTo', { url: a.webhookUrl })}</span>
                )}
              </span>
              <button
                type="button"
                class="button button-small"
                onClick={() => onDelete(a.id)}
                data-testid={`alert-delete-${a.id}`}
              >
                {t('pricing.alerts.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 class="pricing-h3">{t('pricing.alerts.events')}</h3>
      {events.length === 0 ? (
        <p class="empty">{t('pricing.alerts.noEvents')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table table-compact" data-testid="alert-events">
            <thead>
              <tr>
                <th>{t('pricing.col.series')}</th>
                <th>{t('pricing.col.date')}</th>
                <th class="num">{t('pricing.col.value')}</th>
                <th>{t('pricing.alerts.rule')}</th>
                <th>{t('pricing.alerts.at')}</th>
                <th>{t('pricing.alerts.webhookStatus')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{name(e.seriesId)}</td>
                  <td class="pricing-nowrap">{e.date}</td>
                  <td class="num">{formatCny(e.value)}</td>
                  <td>{rule(e.direction, e.threshold)}</td>
                  <td class="pricing-nowrap">{formatWhen(e.at)}</td>
                  <td>
                    {e.webhookStatus === null ? t('pricing.alerts.noWebhook') : String(e.webhookStatus)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
