import { useEffect, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { useI18n } from '../i18n/context.tsx'
import { shipmentsApi } from './client.ts'
import { beijingInputValue, instantOfBeijingInput, nextEvents } from './labels.ts'
import { EVENT_TYPES, type EventRequest, type EventType, type Shipment } from './types.ts'

/** Records what happened to a shipment; the types the state machine allows next come first. */
export function EventForm({ shipment, onSaved }: { shipment: Shipment; onSaved: () => void }) {
  const { t } = useI18n()
  const allowed = nextEvents(shipment.status, shipment.heldStatus)
  const [type, setType] = useState<EventType>(allowed[0] ?? 'position')
  const [at, setAt] = useState(() => beijingInputValue(Date.now()))
  const [place, setPlace] = useState('')
  const [lat, setLat] = useState('')
  const [lon, setLon] = useState('')
  const [note, setNote] = useState('')
  const [receiver, setReceiver] = useState('')
  const [invalid, setInvalid] = useState<string | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    setType(allowed[0] ?? 'position')
    setAt(beijingInputValue(Date.now()))
  }, [shipment.id, shipment.status])

  const submit = async (e: Event) => {
    e.preventDefault()
    const when = instantOfBeijingInput(at)
    if (!when) return setInvalid(t('shipments.form.badTime'))
    const point = lat.trim() || lon.trim() ? [Number(lat), Number(lon)] : null
    if (point && !point.every((n) => Number.isFinite(n))) return setInvalid(t('shipments.form.badPoint'))
    if (type === 'delivered' && !receiver.trim()) return setInvalid(t('shipments.form.needReceiver'))
    setInvalid(null)
    setProblem(null)
    const body: EventRequest = {
      type,
      at: when,
      ...(place.trim() ? { place: place.trim() } : {}),
      ...(point ? { lat: point[0]!, lon: point[1]! } : {}),
      ...(note.trim() && type !== 'delivered' ? { note: note.trim() } : {}),
      ...(type === 'delivered'
        ? {
            proof: {
              receiverName: receiver.trim(),
              signedAt: when,
              ...(note.trim() ? { note: note.trim() } : {}),
            },
          }
        : {}),
    }
    setBusy(true)
    try {
      await shipmentsApi.addEvent(shipment.id, body)
      setPlace('')
      setLat('')
      setLon('')
      setNote('')
      setReceiver('')
      onSaved()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  const others = EVENT_TYPES.filter((x) => !allowed.includes(x))
  return (
    <form class="filters filters-grid ship-form" onSubmit={submit} data-testid="event-form">
      <p class="filters-title">{t('shipments.form.title')}</p>
      <label class="field">
        <span class="field-label">{t('shipments.form.type')}</span>
        <select
          value={type}
          onChange={(e) => setType(e.currentTarget.value as EventType)}
          data-testid="event-type"
        >
          {allowed.map((x) => (
            <option key={x} value={x}>
              {t(`shipments.event.${x}`)}
            </option>
          ))}
          {others.length > 0 && (
            <optgroup label={t('shipments.form.otherTypes')}>
              {others.map((x) => (
                <option key={x} value={x}>
                  {t(`shipments.event.${x}`)}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('shipments.form.at')}</span>
        <input
          type="datetime-local"
          value={at}
          onInput={(e) => setAt(e.currentTarget.value)}
          data-testid="event-at"
        />
      </label>
      <label class="field field-span-2">
        <span class="field-label">{t('shipments.form.place')}</span>
        <input
          value={place}
          maxLength={200}
          placeholder={t('shipments.form.placeHint')}
          onInput={(e) => setPlace(e.currentTarget.value)}
          data-testid="event-place"
        />
      </label>
      <label class="field">
        <span class="field-label">{t('shipments.form.lat')}</span>
        <input
          inputMode="decimal"
          value={lat}
          onInput={(e) => setLat(e.currentTarget.value)}
          data-testid="event-lat"
        />
      </label>
      <label class="field">
        <span class="field-label">{t('shipments.form.lon')}</span>
        <input
          inputMode="decimal"
          value={lon}
          onInput={(e) => setLon(e.currentTarget.value)}
          data-testid="event-lon"
        />
      </label>
      {type === 'delivered' && (
        <label class="field field-span-2">
          <span class="field-label">{t('shipments.form.receiver')}</span>
          <input
            value={receiver}
            maxLength={100}
            onInput={(e) => setReceiver(e.currentTarget.value)}
            data-testid="event-receiver"
          />
        </label>
      )}
      <label class="field field-span-2">
        <span class="field-label">
          {t(type === 'delivered' ? 'shipments.form.proofNote' : 'shipments.form.note')}
        </span>
        <input
          value={note}
          maxLength={1000}
          onInput={(e) => setNote(e.currentTarget.value)}
          data-testid="event-note"
        />
      </label>
      <div class="field-actions">
        <button type="submit" class="button button-primary" disabled={busy} data-testid="event-save">
          {t('shipments.form.save')}
        </button>
      </div>
      {invalid && (
        <p class="field-error" role="alert">
          {invalid}
        </p>
      )}
      {problem && <ProblemBox problem={problem} testId="event-problem" />}
    </form>
  )
}
