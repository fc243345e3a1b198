import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { useSession } from '../session.tsx'
import { tradingApi } from './client.ts'
import { useStreamStatus } from './feeds.ts'
import { InstrumentList } from './InstrumentList.tsx'
import { TradingDesk } from './TradingDesk.tsx'
import { useInstruments } from './use-instruments.ts'

/** #/trade: the instrument list. #/trade/<code>: the list beside the desk of that instrument. */
export function TradePage({ code }: { code: string | null }) {
  const { t } = useI18n()
  const { user } = useSession()
  const instruments = useInstruments()
  const items = instruments.items
  const selected = code && items ? (items.find((i) => i.code === code) ?? null) : null
  const synthetic = instruments.synthetic || (items ?? []).some((i) => i.synthetic)
  const side = items && code && (
    <aside class="card trade-side" aria-label={t('trade.instruments')}>
      <p class="crumbs">
        <a href={href('/trade')}>{t('trade.allInstruments')}</a>
      </p>
      <InstrumentList items={items} selected={code} compact />
    </aside>
  )

  return (
    <div class="page trade-page">
      <header class="page-head trade-head">
        <div>
          <h1>{t('trade.title')}</h1>
          <p class="page-sub">{t('trade.subtitle')}</p>
        </div>
        {code && <StreamBadge />}
      </header>
      {synthetic && (
        <p class="trade-synthetic" role="note" data-testid="trade-synthetic">
          <span class="banner-tag">DEMO</span>
          {t('trade.synthetic')}
        </p>
      )}
      {!user && user !== undefined && (
        <p class="note" data-testid="trade-login-note">
          {t('auth.loginToTrade')}{' '}
          <a href={href('/login', { next: code ? `/trade/${code}` : '/trade' })}>{t('auth.login')}</a>
        </p>
      )}
      {instruments.error && <ProblemBox problem={instruments.error} onRetry={instruments.reload} />}
      {!items && !instruments.error && <Loading />}
      {items && !code && (
        <section class="card" aria-labelledby="inst-list-title">
          <div class="card-head">
            <h2 id="inst-list-title">{t('trade.instruments')}</h2>
          </div>
          {items.length === 0 ? (
            <p class="empty">{t('trade.noInstruments')}</p>
          ) : (
            <InstrumentList items={items} />
          )}
        </section>
      )}
      {items && code && selected && <TradingDesk key={code} instrument={selected} side={side} />}
      {items && code && !selected && (
        <div class="trade-layout">
          <div class="trade-side-col">{side}</div>
          <MissingInstrument code={code} />
        </div>
      )}
    </div>
  )
}

/** A code that is not in the list: ask the server, which explains (404 INSTRUMENT_NOT_FOUND). */
function MissingInstrument({ code }: { code: string }) {
  const answer = useAsync(() => tradingApi.instrument(code), [code])
  if (answer.error) return <ProblemBox problem={answer.error} testId="instrument-problem" />
  return <Loading />
}

function StreamBadge() {
  const { t } = useI18n()
  const status = useStreamStatus()
  return (
    <span class={`stream stream-${status}`} data-testid="stream-status" data-status={status}>
      <span class="stream-dot" aria-hidden="true" />
      {t(`stream.${status}`)}
    </span>
  )
}
