import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import type { SessionUser } from '../trading/types.ts'
import { policyApi } from './client.ts'
import { fenMoney, ruleBound } from './labels.ts'
import { isAdmin, writesForEnterprise } from './roles.ts'
import type { Programme } from './types.ts'

/** Every programme: award, budget, committed and remaining, dates, status, rules. */
export function ProgrammeList({ user }: { user: SessionUser | null }) {
  const { t } = useI18n()
  const answer = useAsync(() => policyApi.programmes(), [user?.id])
  const admin = user !== null && isAdmin(user)
  return (
    <section class="card" data-testid="programme-list">
      <div class="card-head card-head-row">
        <h2>{t('policy.tab.programmes')}</h2>
        {admin && (
          <a class="button button-small" href={href('/policy/programmes/new')} data-testid="programme-new">
            {t('policy.newProgramme')}
          </a>
        )}
      </div>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!answer.data && !answer.error && <Loading />}
      {answer.data && (
        <div class="policy-programmes">
          {answer.data.items.map((p) => (
            <ProgrammeCard
              key={p.id}
              p={p}
              admin={admin}
              applies={user !== null && writesForEnterprise(user)}
            />
          ))}
        </div>
      )}
    </section>
  )
}

function ProgrammeCard({ p, admin, applies }: { p: Programme; admin: boolean; applies: boolean }) {
  const { t, lang } = useI18n()
  const budget = BigInt(p.budgetFen)
  const usedPct = budget > 0n ? Number((BigInt(p.committedFen) * 1000n) / budget) / 10 : 0
  const figure = (label: string, value: string, testId: string, wide = false) => (
    <div class={wide ? 'dl-item dl-wide' : 'dl-item'}>
      <dt>{label}</dt>
      <dd class="num" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
  return (
    <article class="policy-programme" data-testid="policy-programme" data-id={p.id}>
      <header class="policy-programme-head">
        <h3>
          {lang === 'zh' ? p.nameZh : p.nameEn}{' '}
          <span
            class={p.status === 'open' ? 'badge badge-green' : 'badge badge-grey'}
            data-testid="programme-status"
          >
            {t(`policy.programme.status.${p.status}`)}
          </span>
          {p.synthetic && <span class="badge badge-amber">{t('policy.illustrative')}</span>}
        </h3>
        <span class="policy-actions">
          {applies && p.status === 'open' && (
            <a
              class="button button-small button-primary"
              href={href('/policy/applications', { new: p.id })}
              data-testid="programme-apply"
            >
              {t('policy.apply')}
            </a>
          )}
          {admin && (
            <a
              class="button button-small"
              href={href(`/policy/programmes/${p.id}/edit`)}
              data-testid="programme-edit"
            >
              {t('policy.edit')}
            </a>
          )}
        </span>
      </header>
      <p class="policy-description">{lang === 'zh' ? p.descriptionZh : p.descriptionEn}</p>
      <dl class="dl">
        {figure(t('policy.col.amount'), fenMoney(p.amountFen, lang), 'programme-amount')}
        {figure(t('policy.col.budget'), fenMoney(p.budgetFen, lang), 'programme-budget')}
        {figure(t('policy.col.committed'), fenMoney(p.committedFen, lang), 'programme-committed')}
        {figure(t('policy.col.remaining'), fenMoney(p.remainingFen, lang), 'programme-remaining')}
        {figure(t('policy.col.disbursed'), fenMoney(p.disbursedFen, lang), 'programme-disbursed')}
        {figure(
          t('policy.col.dates'),
          t('policy.dates', { from: p.opensOn, to: p.closesOn }),
          'programme-dates',
          true,
        )}
      </dl>
      <div class="policy-bar" title={`${usedPct}%`} data-testid="programme-bar">
        <span class="policy-bar-fill" style={{ width: `${Math.min(100, usedPct)}%` }} />
      </div>
      <p class="sub" data-testid="programme-counts">
        {t('policy.counts', {
          submitted: p.applications.submitted,
          review: p.applications.underReview,
          approved: p.applications.approved,
          disbursed: p.applications.disbursed,
        })}
      </p>
      <h4 class="policy-rules-title">{t('policy.rules')}</h4>
      <ul class="policy-rules">
        {p.rules.map((r) => (
          <li key={r.rule} data-rule={r.rule}>
            <span>{t(`policy.rule.${r.rule}`)}</span> <span class="mono">{ruleBound(r, lang)}</span>
          </li>
        ))}
      </ul>
      {(p.noteZh || p.noteEn) && (
        <p class="hint" data-testid="programme-note">
          {(lang === 'zh' ? p.noteZh : p.noteEn) ?? p.noteEn ?? p.noteZh}
        </p>
      )}
    </article>
  )
}
