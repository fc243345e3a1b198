import { formatTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href } from '../router.ts'
import { formatShare, productsQueryOf } from './share.ts'
import type { Dashboard } from './types.ts'

export function HighEndCard({ highEnd }: { highEnd: Dashboard['highEnd'] }) {
  const { t, lang } = useI18n()
  return (
    <section class="card" aria-labelledby="highend-title" data-testid="dash-highend">
      <div class="card-head">
        <h2 id="highend-title">{t('dash.highEnd.title')}</h2>
        <p class="card-sub">{t('dash.highEnd.caption')}</p>
      </div>
      <p class="dash-headline">
        <span class="figure-value" data-testid="dash-highend-share">
          {formatShare(highEnd.share)}
        </span>
        <span class="muted">
          {t('dash.highEnd.ofCapacity', {
            high: formatTonnes(highEnd.highEndMonthlyCapacityT, lang),
            total: formatTonnes(highEnd.totalMonthlyCapacityT, lang),
          })}
        </span>
      </p>
      <table class="table table-compact">
        <tbody>
          {highEnd.groups.map((g) => (
            <tr key={g.group}>
              <td>
                <a href={href('/products', productsQueryOf(g.group))}>
                  {t(`dash.highEnd.group.${g.group}` as DictKey)}
                </a>
              </td>
              <td class="num">{formatTonnes(g.monthlyCapacityT, lang)}</td>
              <td class="num">
                <span class="share">
                  <span class="share-bar" style={{ width: `${(g.share ?? 0) * 100}%` }} />
                  <span class="share-text">{formatShare(g.share)}</span>
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
