import { Loading, ProblemBox } from '../../components/ProblemBox.tsx'
import { useAsync } from '../../hooks.ts'
import { useI18n } from '../../i18n/context.tsx'
import type { DictKey } from '../../i18n/index.ts'
import { decodePart, href, type Route } from '../../router.ts'
import { useSession } from '../../session.tsx'
import { CalculatorCard } from './CalculatorCard.tsx'
import { CommunicationPage } from './CommunicationPage.tsx'
import { CommunicationsCard } from './CommunicationsCard.tsx'
import { cbamApi } from './client.ts'
import { DeclarationsCard } from './DeclarationsCard.tsx'

type Part = 'calculator' | 'declarations' | 'communications'

const PARTS: readonly { id: Part; label: DictKey }[] = [
  { id: 'calculator', label: 'cbam.part.calculator' },
  { id: 'declarations', label: 'cbam.part.declarations' },
  { id: 'communications', label: 'cbam.part.communications' },
]

/**
 * #/ecology/cbam: the method v1 calculator (public), ?part=declarations (the smelters' declared SEE
 * values, for members), ?part=communications (the shipments' CBAM communications, for members) and
 * ?shipment=ID (one communication, with its downloads).
 */
export function CbamView({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  const shipment = route.query.get('shipment')
  const part: Part = shipment
    ? 'communications'
    : (PARTS.find((p) => p.id === route.query.get('part'))?.id ?? 'calculator')
  return (
    <div class="cbam-view" data-testid="cbam-view">
      <header class="cbam-head">
        <p class="page-sub">{t('cbam.subtitle')}</p>
        <p class="note cbam-synthetic" data-testid="cbam-synthetic-note">
          {t('cbam.syntheticNote')}
        </p>
      </header>
      <nav class="dist-tabs cbam-parts" aria-label={t('cbam.parts')}>
        {PARTS.map((p) => (
          <a
            key={p.id}
            href={href('/ecology/cbam', { part: p.id === 'calculator' ? null : p.id })}
            class={p.id === part ? 'dist-tab active' : 'dist-tab'}
            aria-current={p.id === part ? 'page' : undefined}
            data-testid={`cbam-part-${p.id}`}
          >
            {t(p.label)}
          </a>
        ))}
      </nav>
      {part === 'calculator' && <Calculator />}
      {part !== 'calculator' && user === undefined && <Loading />}
      {part !== 'calculator' && user === null && (
        <p class="note" data-testid="cbam-login">
          {t('cbam.login')}{' '}
          <a href={href('/login', { next: `/ecology/cbam?part=${part}` })}>{t('auth.login')}</a>
        </p>
      )}
      {part === 'declarations' && user && <DeclarationsCard key={user.id} user={user} />}
      {part === 'communications' && user && !shipment && <CommunicationsCard key={user.id} />}
      {user && shipment && <CommunicationPage key={shipment} shipmentId={decodePart(shipment)} />}
    </div>
  )
}

function Calculator() {
  const schedule = useAsync(() => cbamApi.schedule(), [])
  if (schedule.error) return <ProblemBox problem={schedule.error} onRetry={schedule.reload} />
  if (!schedule.data) return <Loading />
  return <CalculatorCard schedule={schedule.data} />
}
