import { Badge } from '../components/names.tsx'
import { useI18n } from '../i18n/context.tsx'
import type { InstrumentView } from './types.ts'

/** The instrument's state in one badge: halted or closed first, otherwise the phase of its day. */
export function StatusBadge({ instrument }: { instrument: Pick<InstrumentView, 'status' | 'phase'> }) {
  const { t } = useI18n()
  if (instrument.status === 'halted') return <Badge tone="amber">{t('status.halted')}</Badge>
  if (instrument.status === 'closed') return <Badge tone="grey">{t('status.closed')}</Badge>
  const p = instrument.phase
  const tone = p === 'continuous' ? 'green' : p === 'opening_call' || p === 'call' ? 'blue' : 'grey'
  return <Badge tone={tone}>{t(`phase.${p}`)}</Badge>
}
