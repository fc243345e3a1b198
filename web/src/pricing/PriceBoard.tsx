import { formatInteger } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { Change } from '../trading/Change.tsx'
import { formatCny, nameIn } from './labels.ts'
import { TierBadge, TierLegend } from './TierBadge.tsx'
import type { PriceRow, Track } from './types.ts'

const TRACKS: Track[] = ['spot', 'contract']

interface Props {
  rows: readonly PriceRow[]
  track: Track
  onTrack: (track: Track) => void
  selected: string | null
  /** The hash address that opens a series' chart. */
  linkTo: (id: string) => string
  checked: ReadonlySet<string>
  onCheck: (id: string, on: boolean) => void
}

/** Every series' latest value: the base row first, then the fees of the chosen track. */
export function PriceBoard({ rows, track, onTrack, selected, linkTo, checked, onCheck }: Props) {
  const { t } = useI18n()
  const base = rows.filter((r) => r.kind === 'base')
  const fees = rows.filter((r) => r.kind === 'fee' && r.track === track)
  return (
    <section class="card" aria-labelledby="board-title" data-testid="price-board">
      <div class="card-head card-head-row">
        <div>
          <h2 id="board-title">{t('pricing.board')}</h2>
          <p class="card-sub">{t('pricing.boardSub')}</p>
        </div>
        <fieldset class="segmented" aria-label={t('pricing.track')}>
          {TRACKS.map((tr) => (
            <button
              key={tr}
              type="button"
              class={tr === track ? 'seg active' : 'seg'}
              aria-pressed={tr === track}
              onClick={() => onTrack(tr)}
              data-testid={`track-${tr}`}
            >
              {t(`pricing.track.${tr}`)}
            </button>
          ))}
        </fieldset>
      </div>
      <div class="table-wrap">
        <table class="table price-table" data-testid="price-table">
          <thead>
            <tr>
              <th class="center">
                <span class="pricing-sr">{t('pricing.col.export')}</span>
              </th>
              <th>{t('pricing.col.series')}</th>
              <th class="num">{t('pricing.col.value')}</th>
              <th class="num">{t('pricing.col.change')}</th>
              <th class="num">{t('pricing.col.allIn')}</th>
              <th>{t('pricing.col.tier')}</th>
              <th class="num">{t('pricing.col.deals')}</th>
              <th>{t('pricing.col.date')}</th>
            </tr>
          </thead>
          <tbody>
            <GroupRow label={t('pricing.group.base')} />
            {base.map((r) => (
              <BoardRow key={r.id} row={r} {...{ selected, linkTo, checked, onCheck }} />
            ))}
            <GroupRow label={t(`pricing.group.${track}`)} />
            {fees.map((r) => (
              <BoardRow key={r.id} row={r} {...{ selected, linkTo, checked, onCheck }} />
            ))}
          </tbody>
        </table>
      </div>
      <TierLegend />
    </section>
  )
}

function GroupRow({ label }: { label: string }) {
  return (
    <tr class="price-group">
      <th class="price-group-head" colSpan={8} scope="rowgroup">
        {label}
      </th>
    </tr>
  )
}

function BoardRow({
  row,
  selected,
  linkTo,
  checked,
  onCheck,
}: { row: PriceRow } & Pick<Props, 'selected' | 'linkTo' | 'checked' | 'onCheck'>) {
  const { t, lang } = useI18n()
  const isSelected = row.id === selected
  const name = nameIn(row.name, lang)
  return (
    <tr
      class={isSelected ? 'row-selected' : undefined}
      aria-current={isSelected ? 'true' : undefined}
      data-series={row.id}
      data-testid="price-row"
    >
      <td class="center">
        <input
          type="checkbox"
          class="price-check"
          checked={checked.has(row.id)}
          onChange={(e) => onCheck(row.id, e.currentTarget.checked)}
          aria-label={t('pricing.exportThis', { name })}
        />
      </td>
      <td>
        <a class="price-name" href={linkTo(row.id)} data-testid="price-open">
          {name}
        </a>
        <span class="sub">
          <span class="code price-code">{row.id}</span>
          {row.revision > 1 && (
            <span class="price-rev" title={t('pricing.revisedHelp')}>
              {' '}
              · {t('pricing.revision', { n: row.revision })}
            </span>
          )}
        </span>
      </td>
      <td class="num price-value" data-testid="price-value">
        {formatCny(row.value)}
      </td>
      <td class="num">
        <Change change={row.change} bps={null} />
      </td>
      <td
        class="num"
        title={row.kind === 'fee' ? t('pricing.allInHelp', { base: formatCny(row.baseValue) }) : undefined}
      >
        {row.kind === 'fee' ? formatCny(row.allIn) : <span class="muted">{t('pricing.notApplicable')}</span>}
      </td>
      <td>
        <TierBadge tier={row.tier} suspended={row.suspended} />
        {row.rolled && !row.suspended && (
          <span class="price-rolled" title={t('pricing.rolledHelp')}>
            {' '}
            {t('pricing.rolled')}
          </span>
        )}
      </td>
      <td class="num">{formatInteger(row.nDeals)}</td>
      <td class="pricing-nowrap">{row.date ?? <span class="muted">—</span>}</td>
    </tr>
  )
}
