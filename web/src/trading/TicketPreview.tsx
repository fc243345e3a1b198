import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatFen, formatInteger, formatKg, formatKgAsTonnes, type Lang } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { Preview } from './types.ts'
import type { PreviewState } from './use-preview.ts'

/** An amount of the reservation's unit: fen as money, kg of receipts with tonnes. */
export function formatAsset(amount: string, unit: 'fen' | 'kg', lang: Lang): string {
  return unit === 'fen'
    ? formatFen(amount, lang)
    : `${formatKg(amount, lang)} (${formatKgAsTonnes(amount, lang)})`
}

/** What the order would reserve against what is available, or why the center would refuse it. */
export function TicketPreview({ state, current }: { state: PreviewState; current: string | null }) {
  const { t, lang } = useI18n()
  const fresh = state.forBody !== null && state.forBody === current
  const p: Preview | null = fresh ? state.preview : null
  return (
    <div class="ticket-preview" aria-live="polite" data-testid="ticket-preview">
      {state.checking && <p class="muted ticket-checking">{t('ticket.checking')}</p>}
      {fresh && state.error && <ProblemBox problem={state.error} testId="ticket-preview-problem" />}
      {p && (
        <dl class="ticket-figures">
          <div>
            <dt>{t('ticket.reservation')}</dt>
            <dd data-testid="ticket-reservation">
              {formatAsset(p.reservation.amount, p.reservation.unit, lang)}
            </dd>
          </div>
          <div>
            <dt>{t('ticket.available')}</dt>
            <dd data-testid="ticket-available">{formatAsset(p.available, p.reservation.unit, lang)}</dd>
          </div>
          {p.notionalFen !== null && (
            <div>
              <dt>{t('ticket.notional')}</dt>
              <dd>{formatFen(p.notionalFen, lang)}</dd>
            </div>
          )}
          {p.feeFen !== null && (
            <div>
              <dt>{t('ticket.fee')}</dt>
              <dd>{formatFen(p.feeFen, lang)}</dd>
            </div>
          )}
          {p.allInPrice !== null && (
            <div>
              <dt>{t('ticket.allIn')}</dt>
              <dd>
                {formatInteger(p.allInPrice)} {t('unit.cnyPerT')}
              </dd>
            </div>
          )}
        </dl>
      )}
      {p?.refusal && (
        <div class="ticket-refusal" data-testid="ticket-would-refuse">
          <p class="ticket-refusal-label">{t('ticket.wouldRefuse')}</p>
          <ProblemBox problem={p.refusal} testId="ticket-refusal" />
        </div>
      )}
    </div>
  )
}
