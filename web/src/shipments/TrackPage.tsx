import { useEffect, useState } from 'preact/hooks'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { navigate, type Route } from '../router.ts'
import { shipmentsApi } from './client.ts'
import { EventTimeline } from './EventTimeline.tsx'
import { cleanCode, formatBeijing } from './labels.ts'
import { StatusBadge } from './StatusBadge.tsx'
import type { Tracking } from './types.ts'

/** #/track?code=…: where a shipment is, for anyone holding its code; no account needed. */
export function TrackPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const code = cleanCode(route.query.get('code') ?? '')
  const [typed, setTyped] = useState(code)
  useEffect(() => setTyped(code), [code])
  const submit = (e: Event) => {
    e.preventDefault()
    navigate('/track', { code: cleanCode(typed) })
  }
  return (
    <div class="page" data-testid="track-page">
      <header class="page-head">
        <h1>{t('shipments.track.title')}</h1>
        <p class="page-sub">{t('shipments.track.subtitle')}</p>
      </header>
      <form class="filters" onSubmit={submit} data-testid="track-form">
        <label class="field">
          <span class="field-label">{t('shipments.track.code')}</span>
          <input
            class="mono"
            value={typed}
            maxLength={20}
            autoComplete="off"
            spellcheck={false}
            placeholder="K7QD2XWMNB"
            onInput={(e) => setTyped(e.currentTarget.value)}
            data-testid="track-code"
          />
        </label>
        <div class="field-actions">
          <button type="submit" class="button button-primary" data-testid="track-submit">
            {t('shipments.track.go')}
          </button>
        </div>
      </form>
      {code && <TrackResult key={code} code={code} />}
    </div>
  )
}

function TrackResult({ code }: { code: string }) {
  const answer = useAsync(() => shipmentsApi.track(code), [code])
  if (answer.error) return <ProblemBox problem={answer.error} testId="track-problem" />
  if (!answer.data) return <Loading />
  return <TrackingCard tracking={answer.data} />
}

function TrackingCard({ tracking: s }: { tracking: Tracking }) {
  const { t } = useI18n()
  return (
    <section class="card" aria-labelledby="track-result-title" data-testid="track-result">
      <div class="card-head">
        <h2 id="track-result-title">
          {s.origin.city} → {s.destination.city} <StatusBadge status={s.status} />
        </h2>
        <p class="card-sub">
          {t('shipments.track.codeIs')} <span class="mono">{s.trackingCode}</span>
          {s.synthetic && <> · {t('shipments.synthetic')}</>}
        </p>
      </div>
      <dl class="dl ship-facts">
        <div class="dl-item">
          <dt>{s.deliveredAt ? t('shipments.col.delivered') : t('shipments.col.eta')}</dt>
          <dd data-testid="track-eta">
            {s.deliveredAt
              ? formatBeijing(s.deliveredAt)
              : s.eta
                ? formatBeijing(s.eta)
                : t('shipments.etaUnknown')}
          </dd>
        </div>
        <div class="dl-item">
          <dt>{t('shipments.col.status')}</dt>
          <dd>{t(`shipments.statusText.${s.status}`)}</dd>
        </div>
      </dl>
      <h3 class="ship-subtitle">{t('shipments.events.title')}</h3>
      <EventTimeline events={s.events} />
      <p class="hint">{t('shipments.track.note')}</p>
    </section>
  )
}
