import { useI18n } from '../i18n/context.tsx'

/** The label every answer with `synthetic: true` brings with it: these prices are demo data. */
export function SyntheticNote({ synthetic }: { synthetic: boolean | undefined }) {
  const { t } = useI18n()
  if (!synthetic) return null
  return (
    <p class="trade-synthetic" role="note" data-testid="pricing-synthetic">
      <span class="banner-tag">DEMO</span>
      {t('pricing.synthetic')}
    </p>
  )
}
