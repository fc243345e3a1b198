import { fenToYuan, formatMoney, formatYuanExact } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import type { ProgrammesSummary } from './types.ts'

/** Each programme's budget, what approvals committed of it, and the applications in flight. */
export function ProgrammesCard({ programmes }: { programmes: ProgrammesSummary | null }) {
  const { t, lang } = useI18n()
  const money = (fen: string) => formatMoney(fenToYuan(fen) ?? '0', lang)
  const exact = (fen: string) => formatYuanExact(fenToYuan(fen) ?? '0')
  return (
    <section class="card" aria-labelledby="dash-programmes-title" data-testid="dash-programmes">
      <div class="card-head">
        <h2 id="dash-programmes-title">
          <a href={href('/policy')}>{t('dash.programmes.title')}</a>
        </h2>
      </div>
      {!programmes && <p class="muted">{t('dash.programmes.none')}</p>}
      {programmes && (
        <div class="table-wrap">
          <table class="table table-compact">
            <thead>
              <tr>
                <th>{t('dash.programmes.programme')}</th>
                <th class="num">{t('dash.programmes.budget')}</th>
                <th class="num">{t('dash.programmes.committed')}</th>
                <th class="num">{t('dash.programmes.inFlight')}</th>
                <th class="num">{t('dash.programmes.eligible')}</th>
              </tr>
            </thead>
            <tbody>
              {programmes.programmes.map((p) => {
                const share = Number(p.budgetFen) > 0 ? Number(p.committedFen) / Number(p.budgetFen) : 0
                const a = p.applications
                return (
                  <tr key={p.id} data-testid={`dash-programme-${p.id}`}>
                    <td>
                      <a href={href('/policy', { programme: p.id })}>{lang === 'zh' ? p.nameZh : p.nameEn}</a>
                    </td>
                    <td class="num" title={exact(p.budgetFen)}>
                      {money(p.budgetFen)}
                    </td>
                    <td class="num">
                      <span class="share">
                        <span class="share-bar" style={{ width: `${Math.min(1, share) * 100}%` }} />
                        <span class="share-text">{money(p.committedFen)}</span>
                      </span>
                    </td>
                    <td class="num">{a.submitted + a.underReview}</td>
                    <td class="num">{p.eligibleEnterprises}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
