import { useI18n } from '../i18n/context.tsx'

/** An enterprise name in the UI language, with the other language underneath. */
export function EnterpriseName({ nameZh, nameEn, href }: { nameZh: string; nameEn: string; href?: string }) {
  const { lang } = useI18n()
  const [primary, secondary] = lang === 'zh' ? [nameZh, nameEn] : [nameEn, nameZh]
  return (
    <span class="ent-name">
      {href ? (
        <a href={href} class="ent-name-primary">
          {primary}
        </a>
      ) : (
        <span class="ent-name-primary">{primary}</span>
      )}
      <span class="ent-name-secondary">{secondary}</span>
    </span>
  )
}

export function Badge({ tone, children }: { tone: 'blue' | 'green' | 'amber' | 'grey'; children: string }) {
  return <span class={`badge badge-${tone}`}>{children}</span>
}
