import { Badge } from '../components/names.tsx'
import { formatInteger, formatKgAsTonnes, NONE } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { Change } from './Change.tsx'
import { StatusBadge } from './StatusBadge.tsx'
import type { InstrumentView } from './types.ts'

/**
 * The listed instruments with last, change, volume and phase. `selected` marks the open one;
 * `compact` is the narrow list beside the trading panels.
 */
export function InstrumentList({
  items,
  selected,
  compact,
}: {
  items: InstrumentView[]
  selected?: string
  compact?: boolean
}) {
  const { t, lang } = useI18n()
  return (
    <div class="table-wrap">
      <table class={compact ? 'table table-compact inst-table' : 'table inst-table'} data-testid="inst-table">
        <thead>
          <tr>
            <th>{t('col.instrument')}</th>
            <th class="num">{t('col.last')}</th>
            <th class="num">{compact ? t('col.changePct') : t('col.change')}</th>
            {!compact && <th class="num">{t('col.volume')}</th>}
            {!compact && <th>{t('col.phase')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr
              key={i.code}
              class={i.code === selected ? 'row-selected' : undefined}
              aria-current={i.code === selected ? 'true' : undefined}
              data-code={i.code}
            >
              <td>
                <a class="inst-code" href={href(`/trade/${encodeURIComponent(i.code)}`)}>
                  {i.code}
                </a>
                <span class="sub">{lang === 'zh' ? i.nameZh : i.nameEn}</span>
                {!compact && i.priceBasis === 'fee' && <Badge tone="blue">{t('inst.feeTag')}</Badge>}
              </td>
              <td class="num">
                {i.last === null ? <span class="muted">{NONE}</span> : formatInteger(i.last)}
              </td>
              <td class="num">
                <Change change={i.change} bps={i.changeBps} pctOnly={compact} />
              </td>
              {!compact && (
                <td class="num" title={formatInteger(i.volumeKg)}>
                  {formatKgAsTonnes(i.volumeKg, lang)}
                </td>
              )}
              {!compact && (
                <td>
                  <StatusBadge instrument={i} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
