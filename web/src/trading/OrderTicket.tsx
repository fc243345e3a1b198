import { useEffect, useRef, useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { formatInteger, formatKg, formatKgAsTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { canTrade, useSession } from '../session.tsx'
import { newIdempotencyKey, tradingApi } from './client.ts'
import { TicketPreview } from './TicketPreview.tsx'
import { TicketResult } from './TicketResult.tsx'
import type { InstrumentView, OrderRequest, OrderType, PlacedOrder, Side, Tif } from './types.ts'
import { usePreview } from './use-preview.ts'

/** A price handed over from the book: `n` changes on every click, even on the same price. */
export interface PickedPrice {
  price: number
  side: Side
  n: number
}

interface Props {
  instrument: InstrumentView
  bestBid: number | null
  bestAsk: number | null
  picked: PickedPrice | null
  /** Changes whenever balances may have changed, so the preview is asked again. */
  refresh: number
  onPlaced: () => void
}

const TIFS: Tif[] = ['GTC', 'IOC', 'FOK']
const WHOLE = /^\s*\d{1,9}\s*$/

/** The default price for a side: buy at the best ask, sell at the best bid, else the reference. */
function defaultPrice(i: InstrumentView, side: Side, bestBid: number | null, bestAsk: number | null): number {
  const near = side === 'buy' ? (bestAsk ?? bestBid) : (bestBid ?? bestAsk)
  return near ?? i.last ?? i.referencePriceCnyPerT
}

/**
 * The order ticket: side, type, price on the tick grid within the band, lots, time in force and
 * post-only. The center's preview shows what the order would reserve as the user types; sending
 * uses a fresh Idempotency-Key, kept for a retry only when the answer was lost.
 */
export function OrderTicket({ instrument: i, bestBid, bestAsk, picked, refresh, onPlaced }: Props) {
  const { t, lang } = useI18n()
  const { user } = useSession()
  const [side, setSide] = useState<Side>('buy')
  const [type, setType] = useState<OrderType>('limit')
  const [priceText, setPriceText] = useState('')
  const [priceTouched, setPriceTouched] = useState(false)
  const [lotsText, setLotsText] = useState('1')
  const [tif, setTif] = useState<Tif>('GTC')
  const [postOnly, setPostOnly] = useState(false)
  const [sending, setSending] = useState(false)
  const [result, setResult] = useState<{ placed: PlacedOrder | null; problem: Problem | null } | null>(null)
  const pending = useRef<{ body: string; key: string } | null>(null)

  // A new instrument starts a new ticket.
  useEffect(() => {
    setPriceTouched(false)
    setLotsText('1')
    setResult(null)
  }, [i.code])
  // Until the user sets a price, follow the best price of the other side.
  useEffect(() => {
    if (!priceTouched) setPriceText(String(defaultPrice(i, side, bestBid, bestAsk)))
  }, [i.code, side, bestBid, bestAsk, priceTouched])
  useEffect(() => {
    if (!picked) return
    setSide(picked.side === 'sell' ? 'buy' : 'sell')
    setType('limit')
    setPriceText(String(picked.price))
    setPriceTouched(true)
  }, [picked])

  const tick = Math.max(1, i.tickCnyPerT)
  const price = WHOLE.test(priceText) ? Number(priceText) : null
  const lots = WHOLE.test(lotsText) ? Number(lotsText) : null
  const priceOk = type === 'market' || (price !== null && price > 0)
  const lotsOk = lots !== null && lots >= 1
  const qtyKg = lotsOk ? lots * i.lotKg : null
  const effectiveTif: Tif = type === 'market' && tif === 'GTC' ? 'IOC' : tif
  // Only a GTC limit order can wait in the book, so only it can be post-only.
  const postOnlyAllowed = type === 'limit' && effectiveTif === 'GTC'
  const order: OrderRequest | null =
    user && priceOk && qtyKg !== null
      ? {
          instrument: i.code,
          side,
          type,
          ...(type === 'limit' ? { price: price! } : {}),
          qty: qtyKg,
          tif: effectiveTif,
          ...(postOnlyAllowed && postOnly ? { postOnly: true } : {}),
        }
      : null
  const body = order ? JSON.stringify(order) : null
  const preview = usePreview(order, refresh)
  const allowed = user ? canTrade(user) : false

  const step = (dir: 1 | -1) => {
    const base = price ?? defaultPrice(i, side, bestBid, bestAsk)
    const onGrid = Math.round(base / tick) * tick
    const next = onGrid === base ? base + dir * tick : onGrid
    setPriceText(String(Math.min(i.band.highCnyPerT, Math.max(i.band.lowCnyPerT, next))))
    setPriceTouched(true)
  }

  const pickBest = (p: number) => {
    setType('limit')
    setPriceText(String(p))
    setPriceTouched(true)
  }

  const send = async (e: Event) => {
    e.preventDefault()
    if (!order || !body || sending) return
    // Same body after a lost answer: same key, so the center cannot take the order twice.
    const key = pending.current?.body === body ? pending.current.key : newIdempotencyKey()
    pending.current = { body, key }
    setSending(true)
    setResult(null)
    try {
      const placed = await tradingApi.place(order, key)
      pending.current = null
      setResult({ placed, problem: null })
      onPlaced()
    } catch (err) {
      const problem = toProblem(err)
      if (problem.code !== 'NETWORK') pending.current = null
      setResult({ placed: null, problem })
    } finally {
      setSending(false)
    }
  }

  if (!user) {
    return (
      <section class="card ticket" aria-labelledby="ticket-title" data-testid="ticket">
        <div class="card-head">
          <h2 id="ticket-title">{t('ticket.title')}</h2>
        </div>
        <p class="ticket-login">
          {t('auth.loginToTrade')}{' '}
          <a class="button button-primary button-small" href={href('/login', { next: `/trade/${i.code}` })}>
            {t('auth.login')}
          </a>
        </p>
      </section>
    )
  }

  const qtyText = lotsOk ? `${formatInteger(lots)} ${t(lots === 1 ? 'unit.lot' : 'unit.lots')}` : ''
  return (
    <section class={`card ticket ticket-${side}`} aria-labelledby="ticket-title" data-testid="ticket">
      <div class="card-head">
        <h2 id="ticket-title">{t('ticket.title')}</h2>
      </div>
      <form class="ticket-form" onSubmit={send}>
        <fieldset class="segmented segmented-wide" aria-label={t('ticket.side')}>
          {(['buy', 'sell'] as const).map((s) => (
            <button
              key={s}
              type="button"
              class={side === s ? `seg active seg-${s}` : 'seg'}
              aria-pressed={side === s}
              onClick={() => setSide(s)}
              data-testid={`ticket-${s}`}
            >
              {t(`side.${s}`)}
            </button>
          ))}
        </fieldset>
        <fieldset class="segmented segmented-wide" aria-label={t('ticket.type')}>
          {(['limit', 'market'] as const).map((k) => (
            <button
              key={k}
              type="button"
              class={type === k ? 'seg active' : 'seg'}
              aria-pressed={type === k}
              onClick={() => setType(k)}
              data-testid={`ticket-${k}`}
            >
              {t(`ticket.${k}`)}
            </button>
          ))}
        </fieldset>

        {type === 'limit' && (
          <label class="field">
            <span class="field-label">
              {t(i.priceBasis === 'fee' ? 'ticket.priceFee' : 'ticket.price')}
              <span class="ticket-best">
                {bestBid !== null && (
                  <button type="button" class="link-button" onClick={() => pickBest(bestBid)}>
                    {t('ticket.bestBid')} {formatInteger(bestBid)}
                  </button>
                )}
                {bestAsk !== null && (
                  <button type="button" class="link-button" onClick={() => pickBest(bestAsk)}>
                    {t('ticket.bestAsk')} {formatInteger(bestAsk)}
                  </button>
                )}
              </span>
            </span>
            <span class="stepper">
              <button type="button" class="button stepper-btn" onClick={() => step(-1)} aria-label="−">
                −
              </button>
              <input
                type="number"
                inputMode="numeric"
                name="price"
                min={i.band.lowCnyPerT}
                max={i.band.highCnyPerT}
                step={tick}
                value={priceText}
                onInput={(e) => {
                  setPriceText(e.currentTarget.value)
                  setPriceTouched(true)
                }}
                data-testid="ticket-price"
              />
              <button type="button" class="button stepper-btn" onClick={() => step(1)} aria-label="+">
                +
              </button>
            </span>
            <span class="hint" data-testid="ticket-band">
              {t('ticket.band', {
                low: formatInteger(i.band.lowCnyPerT),
                high: formatInteger(i.band.highCnyPerT),
                tick: formatInteger(tick),
              })}
            </span>
            {!priceOk && (
              <span class="field-error">{t('ticket.badPrice', { tick: formatInteger(tick) })}</span>
            )}
          </label>
        )}

        <label class="field">
          <span class="field-label">{t('ticket.lots', { lot: formatKg(i.lotKg, lang) })}</span>
          <input
            type="number"
            inputMode="numeric"
            name="lots"
            min={1}
            step={1}
            value={lotsText}
            onInput={(e) => setLotsText(e.currentTarget.value)}
            data-testid="ticket-lots"
          />
          {qtyKg !== null ? (
            <span class="hint" data-testid="ticket-kg">
              {t('ticket.qtyIs', { kg: formatKg(qtyKg, lang), t: formatKgAsTonnes(qtyKg, lang) })}
            </span>
          ) : (
            <span class="field-error">{t('ticket.badQty')}</span>
          )}
        </label>

        <div class="ticket-row">
          <label class="field field-grow">
            <span class="field-label">{t('ticket.tif')}</span>
            <select
              name="tif"
              value={effectiveTif}
              onChange={(e) => setTif(e.currentTarget.value as Tif)}
              data-testid="ticket-tif"
            >
              {TIFS.filter((x) => type === 'limit' || x !== 'GTC').map((x) => (
                <option key={x} value={x}>
                  {t(`tif.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={postOnly && postOnlyAllowed}
              disabled={!postOnlyAllowed}
              onChange={(e) => setPostOnly(e.currentTarget.checked)}
              data-testid="ticket-post-only"
            />
            {t('ticket.postOnly')}
          </label>
        </div>

        <TicketPreview state={preview} current={body} />

        {!allowed && <p class="note">{t('auth.viewOnly')}</p>}
        <button
          type="submit"
          class={`button button-primary button-${side}`}
          disabled={!order || sending || !allowed}
          data-testid="ticket-send"
        >
          {sending
            ? t('ticket.sending')
            : t(side === 'buy' ? 'ticket.sendBuy' : 'ticket.sendSell', { qty: qtyText })}
        </button>
      </form>
      {result && <TicketResult placed={result.placed} problem={result.problem} />}
    </section>
  )
}
