import type { Problem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatKg } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { PlacedOrder } from './types.ts'

/** The center's answer to a sent order: what became of it, or the refusal in words. */
export function TicketResult({ placed, problem }: { placed: PlacedOrder | null; problem: Problem | null }) {
  const { t, lang } = useI18n()
  if (problem) return <ProblemBox problem={problem} testId="ticket-problem" />
  if (!placed) return null
  const o = placed.order
  const status =
    o.status === 'cancelled' && o.cancelReason
      ? `${t('orderStatus.cancelled')} (${reason(o.cancelReason, t)})`
      : t(`orderStatus.${o.status}`)
  const lastTrade = placed.trades[placed.trades.length - 1]
  return (
    <div class="ticket-result" role="status" data-testid="ticket-result" data-status={o.status}>
      <p class="ticket-result-title">{t('ticket.accepted', { id: o.id, status })}</p>
      <p>{t('ticket.filledOf', { filled: formatKg(o.filledQty, lang), qty: formatKg(o.qty, lang) })}</p>
      {lastTrade && (
        <p>{t('ticket.tradesDone', { n: placed.trades.length, price: formatInteger(lastTrade.price) })}</p>
      )}
    </div>
  )
}

type T = ReturnType<typeof useI18n>['t']

/** The words for a cancel reason; an unknown reason is shown as it is. */
export function reason(code: string, t: T): string {
  switch (code) {
    case 'user':
    case 'unfilled':
    case 'fok':
    case 'stp':
      return t(`cancelReason.${code}`)
    default:
      return code
  }
}
