import { formatBps, formatSigned, NONE } from '../format.ts'

/** A price change with its percentage, coloured up or down in the UI language's convention. */
export function Change({
  change,
  bps,
  pctOnly,
}: {
  change: number | null
  bps: number | null
  pctOnly?: boolean
}) {
  if (change === null) return <span class="muted">{NONE}</span>
  const cls = change > 0 ? 'up' : change < 0 ? 'down' : 'flat'
  return (
    <span class={cls}>
      {!pctOnly && formatSigned(change)}
      {bps !== null && <span class={pctOnly ? undefined : 'change-pct'}>{formatBps(bps)}</span>}
    </span>
  )
}
