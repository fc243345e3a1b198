import { useI18n } from '../i18n/context.tsx'
import type { Tier } from './types.ts'

const TONES: Readonly<Record<Tier, string>> = { 1: 'green', 2: 'blue', 3: 'amber', 4: 'grey' }

/** The tier of an assessment as a badge; its tooltip says what the tier means. */
export function TierBadge({ tier, suspended }: { tier: Tier | null; suspended?: boolean }) {
  const { t } = useI18n()
  if (suspended) {
    return (
      <span
        class="badge badge-amber tier-badge"
        title={t('pricing.tierHelp.suspended')}
        data-testid="tier-badge"
      >
        {t('pricing.suspended')}
      </span>
    )
  }
  if (tier === null) return <span class="muted">—</span>
  return (
    <span
      class={`badge badge-${TONES[tier]} tier-badge`}
      title={t(`pricing.tierHelp.${tier}`)}
      data-testid="tier-badge"
      data-tier={tier}
    >
      {t(`pricing.tier.${tier}`)}
    </span>
  )
}

/** What each tier means, in a line each, under the board. */
export function TierLegend() {
  const { t } = useI18n()
  const tiers: Tier[] = [1, 2, 3, 4]
  return (
    <details class="pricing-legend" data-testid="tier-legend">
      <summary>{t('pricing.tierLegend')}</summary>
      <ul>
        {tiers.map((tier) => (
          <li key={tier}>
            <TierBadge tier={tier} /> {t(`pricing.tierHelp.${tier}`)}
          </li>
        ))}
        <li>
          <TierBadge tier={null} suspended /> {t('pricing.tierHelp.suspended')}
        </li>
      </ul>
    </details>
  )
}
