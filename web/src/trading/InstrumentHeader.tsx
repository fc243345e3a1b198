import { Badge } from '../components/names.tsx'
import { formatBps, formatInteger, formatKg, formatKgAsTonnes, NONE } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { Change } from './Change.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import type { InstrumentView } from './types.ts'

const price = (n: number | null) => (n === null ? NONE : formatInteger(n))

/** The selected instrument: its last price and change, its state, and the terms it trades on. */
export function InstrumentHeader({ i }: { i: InstrumentView }) {
  const { t, tv, lang } = useI18n()
  const [primary, secondary] = lang === 'zh' ? [i.nameZh, i.nameEn] : [i.nameEn, i.nameZh]
  const sessions = i.sessions.map((s) => `${s.start}–${s.end}`).join(lang === 'zh' ? '、' : ', ')
  const opening = i.openingCall
    ? t('inst.openingCall', { start: i.openingCall.start, end: i.openingCall.end })
    : null
  return (
    <section class="card inst-head" aria-labelledby="inst-title" data-testid="inst-head">
      <div class="inst-head-top">
        <div>
          <h2 id="inst-title" class="inst-title">
            <span class="inst-code">{i.code}</span> {primary}
          </h2>
          <p class="card-sub">
            {secondary} · <span class="mono">{i.spec}</span> · {tv('form', i.form)}
          </p>
        </div>
        <div class="inst-last" data-testid="inst-last">
          <span class="inst-last-price">{price(i.last)}</span>
          <span class="inst-last-unit">{t('unit.cnyPerT')}</span>
          <Change change={i.change} bps={i.changeBps} />
        </div>
        <div class="badges">
          <StatusBadge instrument={i} />
          {i.model !== 'continuous' && <Badge tone="grey">{t(`model.${i.model}`)}</Badge>}
          {i.priceBasis === 'fee' && <Badge tone="blue">{t('inst.feeTag')}</Badge>}
          {i.synthetic && <Badge tone="amber">{t('flag.synthetic')}</Badge>}
        </div>
      </div>
      {i.priceBasis === 'fee' && (
        <p class="inst-fee-note" data-testid="inst-fee-note">
          {t('inst.feeBasis')}{' '}
          <strong>
            {t('inst.base')} {price(i.baseCnyPerT)} {t('unit.cnyPerT')}
          </strong>
        </p>
      )}
      <dl class="inst-terms">
        <Term label={t('inst.high')} value={price(i.high)} />
        <Term label={t('inst.low')} value={price(i.low)} />
        <Term label={t('col.volume')} value={formatKgAsTonnes(i.volumeKg, lang)} />
        <Term label={t('inst.reference')} value={price(i.referencePriceCnyPerT)} />
        <Term
          label={t('inst.band')}
          value={`${formatInteger(i.band.lowCnyPerT)}–${formatInteger(i.band.highCnyPerT)}`}
        />
        <Term label={t('inst.tick')} value={`${formatInteger(i.tickCnyPerT)} ${t('unit.cnyPerT')}`} />
        <Term
          label={t('inst.lot')}
          value={`${formatKg(i.lotKg, lang)} (${formatKgAsTonnes(i.lotKg, lang)})`}
        />
        <Term
          label={t('inst.fees')}
          value={t('inst.feesValue', {
            buyer: formatBps(i.buyerFeeBps, false),
            seller: formatBps(i.sellerFeeBps, false),
          })}
        />
        <Term label={t('inst.sessions')} value={[opening, sessions].filter(Boolean).join(' · ')} wide />
      </dl>
    </section>
  )
}

function Term({ label, value, wide }: { label: string; value: string; wide?: boolean }) {
  return (
    <div class={wide ? 'inst-term inst-term-wide' : 'inst-term'}>
      <dt>{label}</dt>
      <dd>{value || NONE}</dd>
    </div>
  )
}
