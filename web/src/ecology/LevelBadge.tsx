import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { LEVEL_CLASS } from './labels.ts'
import type { Level } from './types.ts'

/** A GB 21351-2023 level as a coloured badge: 1 advanced, 2 entry, 3 limit, 4 above the limit. */
export function LevelBadge({ level }: { level: Level | null }) {
  const { t } = useI18n()
  if (level === null) return <span class="badge badge-grey">{t('ecology.level.none')}</span>
  return (
    <span
      class={LEVEL_CLASS[level]}
      data-testid="level-badge"
      data-level={level}
      title={t(`ecology.level.${level}.title` as DictKey)}
    >
      {t(`ecology.level.${level}` as DictKey)}
    </span>
  )
}
