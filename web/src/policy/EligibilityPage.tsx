import { useState } from 'preact/hooks'
import { type Problem, ProblemError, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { enterpriseName } from '../components/UserMenu.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import type { SessionUser } from '../trading/types.ts'
import { policyApi } from './client.ts'
import { fenToInput, percent, shareOfPercent, yuanToFen } from './labels.ts'
import { ResultView } from './ResultView.tsx'
import { enterpriseIdOf, writesForEnterprise } from './roles.ts'
import type { EligibilityAnswer, YearFacts } from './types.ts'

/** "My eligibility": every programme judged on the enterprise's facts, every rule in words. */
export function EligibilityPage({ user }: { user: SessionUser }) {
  const { t, lang } = useI18n()
  const enterpriseId = enterpriseIdOf(user)
  const answer = useAsync(async (): Promise<EligibilityAnswer | null> => {
    try {
      return await policyApi.eligibility(enterpriseId)
    } catch (err) {
      if (err instanceof ProblemError && err.problem.code === 'POLICY_FACTS_MISSING') return null
      throw err
    }
  }, [enterpriseId])
  const facts = useAsync(() => policyApi.facts(enterpriseId), [enterpriseId])
  const reload = () => {
    answer.reload()
    facts.reload()
  }
  const e = answer.data
  return (
    <div class="grid-2 policy-layout">
      <section class="card" data-testid="eligibility">
        <div class="card-head">
          <h2>{t('policy.elig.title', { name: enterpriseName(user, lang) })}</h2>
          {e && (
            <p class="card-sub" data-testid="eligibility-basis">
              {t('policy.elig.basis', { year: e.year, months: e.energy.months })}
            </p>
          )}
        </div>
        {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
        {answer.loading && !e && <Loading />}
        {!answer.loading && !answer.error && e === null && (
          <p class="note" data-testid="eligibility-no-facts">
            {t('policy.elig.noFacts')}
          </p>
        )}
        {e?.programmes.map((p) => (
          <ResultView key={p.id} result={p} name={lang === 'zh' ? p.nameZh : p.nameEn} />
        ))}
      </section>
      <section class="card" data-testid="facts">
        <div class="card-head">
          <h2>{t('policy.facts.title')}</h2>
          <p class="card-sub">{t('policy.facts.sub')}</p>
        </div>
        {e && (
          <dl class="dl">
            <div class="dl-item">
              <dt>{t('policy.facts.energyLevel')}</dt>
              <dd data-testid="facts-energy-level">
                {e.energy.worstEnergyLevel === null ? t('policy.facts.noEnergy') : e.energy.worstEnergyLevel}
              </dd>
            </div>
            <div class="dl-item">
              <dt>{t('policy.facts.cleanShare')}</dt>
              <dd>
                {e.energy.cleanEnergyShare === null
                  ? t('policy.facts.noEnergy')
                  : percent(e.energy.cleanEnergyShare, lang)}
              </dd>
            </div>
          </dl>
        )}
        {facts.data && (
          <FactsForm
            key={facts.data.items[0]?.enteredAt ?? 'none'}
            enterpriseId={enterpriseId}
            latest={facts.data.items[0] ?? null}
            canWrite={writesForEnterprise(user)}
            onSaved={reload}
          />
        )}
        {facts.error && <ProblemBox problem={facts.error} onRetry={facts.reload} />}
      </section>
    </div>
  )
}

const pct = (share: number) => String(Number((share * 100).toFixed(4)))

function FactsForm({
  enterpriseId,
  latest,
  canWrite,
  onSaved,
}: {
  enterpriseId: string
  latest: YearFacts | null
  canWrite: boolean
  onSaved: () => void
}) {
  const { t } = useI18n()
  const [form, setForm] = useState({
    year: String(latest?.year ?? new Date().getFullYear() - 1),
    revenue: latest ? fenToInput(latest.revenueFen) : '',
    rdExpense: latest ? fenToInput(latest.rdExpenseFen) : '',
    highTech: latest ? pct(latest.highTechRevenueShare) : '',
    techStaff: latest ? pct(latest.techStaffShare) : '',
    years: latest ? String(latest.yearsInNiche) : '',
    mainBusiness: latest ? pct(latest.mainBusinessShare) : '',
  })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const field = (key: keyof typeof form, label: string, testId: string) => (
    <label class="field">
      <span class="field-label">{label}</span>
      <input
        value={form[key]}
        disabled={!canWrite}
        inputMode="decimal"
        onInput={(ev) => setForm({ ...form, [key]: ev.currentTarget.value })}
        data-testid={testId}
      />
    </label>
  )
  const save = async (ev: Event) => {
    ev.preventDefault()
    const revenueFen = yuanToFen(form.revenue)
    const rdExpenseFen = yuanToFen(form.rdExpense)
    const shares = [form.highTech, form.techStaff, form.mainBusiness].map(shareOfPercent)
    const years = Number(form.years)
    const year = Number(form.year)
    if (
      revenueFen === null ||
      rdExpenseFen === null ||
      shares.some((s) => s === null) ||
      !/^\d+(\.\d+)?$/.test(form.years.trim()) ||
      !Number.isInteger(year) ||
      year < 2000 ||
      year > 2100
    ) {
      setProblem({
        status: 0,
        code: 'VALIDATION_FAILED',
        title: t('policy.facts.bad'),
        detail: t('policy.facts.bad'),
      })
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      await policyApi.putFacts(enterpriseId, year, {
        revenueFen,
        rdExpenseFen,
        highTechRevenueShare: shares[0]!,
        techStaffShare: shares[1]!,
        yearsInNiche: years,
        mainBusinessShare: shares[2]!,
      })
      onSaved()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="filters policy-form" onSubmit={save} data-testid="facts-form">
      {field('year', t('policy.facts.year'), 'facts-year')}
      {field('revenue', t('policy.facts.revenue'), 'facts-revenue')}
      {field('rdExpense', t('policy.facts.rdExpense'), 'facts-rd')}
      {field('highTech', t('policy.facts.highTechShare'), 'facts-high-tech')}
      {field('techStaff', t('policy.facts.techStaffShare'), 'facts-tech-staff')}
      {field('years', t('policy.facts.yearsInNiche'), 'facts-years')}
      {field('mainBusiness', t('policy.facts.mainBusinessShare'), 'facts-main-business')}
      {canWrite && (
        <div class="field-actions">
          <button type="submit" class="button button-primary" disabled={busy} data-testid="facts-save">
            {t('policy.facts.save')}
          </button>
        </div>
      )}
      {problem && <ProblemBox problem={problem} testId="facts-problem" />}
    </form>
  )
}
