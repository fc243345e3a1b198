import { useI18n } from '../i18n/context.tsx'
import { formatBeijing } from './labels.ts'
import type { EventType } from './types.ts'

interface TimelineEvent {
  type: EventType
  at: string
  place: string | null
  note?: string | null
  lat?: number | null
  lon?: number | null
}

/** A shipment's events, newest first; notes and coordinates only where the viewer may see them. */
export function EventTimeline({ events }: { events: readonly TimelineEvent[] }) {
  const { t } = useI18n()
  if (events.length === 0)
    return (
      <p class="empty" data-testid="events-empty">
        {t('shipments.events.none')}
      </p>
    )
  return (
    <ol class="ship-timeline" data-testid="events">
      {[...events].reverse().map((e) => (
        <li key={`${e.type}:${e.at}`} class={`ship-step ship-step-${e.type}`} data-event-type={e.type}>
          <span class="ship-step-time">{formatBeijing(e.at)}</span>
          <span class="ship-step-what">
            <strong>{t(`shipments.event.${e.type}`)}</strong>
            {e.place && <span class="ship-step-place"> · {e.place}</span>}
            {e.lat !== null && e.lat !== undefined && e.lon !== null && e.lon !== undefined && (
              <span class="sub mono">
                {e.lat.toFixed(4)}, {e.lon.toFixed(4)}
              </span>
            )}
            {e.note && <span class="sub">{e.note}</span>}
          </span>
        </li>
      ))}
    </ol>
  )
}
