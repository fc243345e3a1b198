import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate } from '../router.ts'
import { policyApi } from './client.ts'
import { fenToInput, isFraction, yuanToFen } from './labels.ts'
import {
  PROGRAMME_STATUSES,
  type Programme,
  type ProgrammeStatus,
  RULE_IDS,
  type Rule,
  type RuleId,
} from './types.ts'

/** A rule as the form holds it: numbers as typed (shares in percent), tiers as rows. */
interface RuleRow {
  rule: RuleId
  comparison: '>=' | '<='
  tiered: boolean
  threshold: string
  tiers: { upTo: string; threshold: string }[]
}

const shown = (rule: RuleId, value: number) =>
  String(Number((isFraction(rule) ? value * 100 : value).toFixed(6)))
const read = (rule: RuleId, text: string) => {
  const v = Number(text.trim())
  return text.trim() === '' || !Number.isFinite(v)
    ? Number.NaN
    : isFraction(rule)
      ? Math.round(v * 1e6) / 1e8
      : v
}

const rowOf = (r: Rule): RuleRow => ({
  rule: r.rule,
  comparison: r.comparison,
  tiered: r.tiers !== undefined,
  threshold: r.threshold === undefined ? '' : shown(r.rule, r.threshold),
  tiers: (r.tiers ?? []).map((t) => ({
    upTo: t.revenueUpToCny === null ? '' : String(t.revenueUpToCny),
    threshold: shown(r.rule, t.threshold),
  })),
})

const ruleOf = (row: RuleRow): Rule =>
  row.tiered
    ? {
        rule: row.rule,
        comparison: row.comparison,
        tiers: row.tiers.map((t) => ({
          revenueUpToCny: t.upTo.trim() === '' ? null : Number(t.upTo.replaceAll(',', '')),
          threshold: read(row.rule, t.threshold),
        })),
      }
    : { rule: row.rule, comparison: row.comparison, threshold: read(row.rule, row.threshold) }

const EMPTY: Programme = {
  id: '',
  nameZh: '',
  nameEn: '',
  descriptionZh: '',
  descriptionEn: '',
  rules: [{ rule: 'revenue', comparison: '>=', threshold: 0 }],
  amountFen: '0',
  budgetFen: '0',
  committedFen: '0',
  disbursedFen: '0',
  remainingFen: '0',
  opensOn: new Date().toISOString().slice(0, 10),
  closesOn: `${new Date().getFullYear()}-12-31`,
  status: 'draft',
  noteZh: null,
  noteEn: null,
  applications: { submitted: 0, underReview: 0, approved: 0, rejected: 0, disbursed: 0 },
  synthetic: false,
  updatedAt: '',
}

/** The administrators' programme editor (#/policy/programmes/:id/edit and …/new). */
export function ProgrammeEditor({ id }: { id: string | null }) {
  const answer = useAsync(() => (id ? policyApi.programme(id) : Promise.resolve(EMPTY)), [id])
  if (answer.error) return <ProblemBox problem={answer.error} onRetry={answer.reload} />
  if (!answer.data) return <Loading />
  return <Editor programme={answer.data} isNew={id === null} />
}

function Editor({ programme: p, isNew }: { programme: Programme; isNew: boolean }) {
  const { t } = useI18n()
  const [form, setForm] = useState({
    id: p.id,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    amount: fenToInput(p.amountFen),
    budget: fenToInput(p.budgetFen),
    opensOn: p.opensOn,
    closesOn: p.closesOn,
    status: p.status as ProgrammeStatus,
    noteZh: p.noteZh ?? '',
    noteEn: p.noteEn ?? '',
  })
  const [rules, setRules] = useState<RuleRow[]>(p.rules.map(rowOf))
  const [problem, setProblem] = useState<Problem | null>(null)
  const [saved, setSaved] = useState(false)
  const [busy, setBusy] = useState(false)
  const set = (key: keyof typeof form, value: string) => setForm({ ...form, [key]: value })
  const setRule = (i: number, change: Partial<RuleRow>) =>
    setRules(rules.map((r, j) => (j === i ? { ...r, ...change } : r)))
  const text = (key: keyof typeof form, label: string, long = false) =>
    long ? (
      <label class="field field-grow policy-wide">
        <span class="field-label">{label}</span>
        <textarea
          rows={3}
          value={form[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          data-testid={`editor-${key}`}
        />
      </label>
    ) : (
      <label class="field">
        <span class="field-label">{label}</span>
        <input
          value={form[key]}
          onInput={(e) => set(key, e.currentTarget.value)}
          data-testid={`editor-${key}`}
        />
      </label>
    )
  const save = async (e: Event) => {
    e.preventDefault()
    const amountFen = yuanToFen(form.amount)
    const budgetFen = yuanToFen(form.budget)
    if (amountFen === null || budgetFen === null) {
      setProblem({
        status: 0,
        code: 'VALIDATION_FAILED',
        title: t('policy.editor.badMoney'),
        detail: t('policy.editor.badMoney'),
      })
      return
    }
    const body = {
      nameZh: form.nameZh,
      nameEn: form.nameEn,
      descriptionZh: form.descriptionZh,
      descriptionEn: form.descriptionEn,
      rules: rules.map(ruleOf),
      amountFen,
      budgetFen,
      opensOn: form.opensOn,
      closesOn: form.closesOn,
      status: form.status,
      noteZh: form.noteZh.trim() || null,
      noteEn: form.noteEn.trim() || null,
    }
    setBusy(true)
    setProblem(null)
    setSaved(false)
    try {
      if (isNew) {
        await policyApi.createProgramme({ id: form.id.trim(), ...body })
        navigate('/policy')
      } else {
        await policyApi.saveProgramme(p.id, body)
        setSaved(true)
      }
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="card" data-testid="programme-editor">
      <div class="card-head card-head-row">
        <h2>{isNew ? t('policy.editor.newTitle') : t('policy.editor.title', { id: p.id })}</h2>
        <a href={href('/policy')}>{t('policy.editor.cancel')}</a>
      </div>
      <form class="filters policy-form" onSubmit={save}>
        {isNew && text('id', t('policy.editor.id'))}
        {text('nameZh', t('policy.editor.nameZh'))}
        {text('nameEn', t('policy.editor.nameEn'))}
        {text('descriptionZh', t('policy.editor.descriptionZh'), true)}
        {text('descriptionEn', t('policy.editor.descriptionEn'), true)}
        {text('amount', t('policy.editor.amount'))}
        {text('budget', t('policy.editor.budget'))}
        <label class="field">
          <span class="field-label">{t('policy.editor.opens')}</span>
          <input
            type="date"
            value={form.opensOn}
            onInput={(e) => set('opensOn', e.currentTarget.value)}
            data-testid="editor-opensOn"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('policy.editor.closes')}</span>
          <input
            type="date"
            value={form.closesOn}
            onInput={(e) => set('closesOn', e.currentTarget.value)}
            data-testid="editor-closesOn"
          />
        </label>
        <label class="field">
          <span class="field-label">{t('policy.editor.status')}</span>
          <select
            value={form.status}
            onChange={(e) => set('status', e.currentTarget.value)}
            data-testid="editor-status"
          >
            {PROGRAMME_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`policy.programme.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {text('noteZh', t('policy.editor.noteZh'), true)}
        {text('noteEn', t('policy.editor.noteEn'), true)}
        <fieldset class="policy-wide policy-rule-editor" data-testid="editor-rules">
          <legend>{t('policy.editor.rules')}</legend>
          {rules.map((r, i) => (
            <div class="policy-rule-row" key={i} data-testid="editor-rule">
              <select
                value={r.rule}
                onChange={(e) => setRule(i, { rule: e.currentTarget.value as RuleId })}
                aria-label={t('policy.editor.rule')}
              >
                {RULE_IDS.map((id) => (
                  <option key={id} value={id}>
                    {t(`policy.rule.${id}`)}
                  </option>
                ))}
              </select>
              <select
                value={r.comparison}
                onChange={(e) => setRule(i, { comparison: e.currentTarget.value as '>=' | '<=' })}
                aria-label={t('policy.editor.comparison')}
              >
                <option value=">=">≥</option>
                <option value="<=">≤</option>
              </select>
              <label class="policy-inline">
                <input
                  type="checkbox"
                  checked={r.tiered}
                  onChange={(e) =>
                    setRule(i, {
                      tiered: e.currentTarget.checked,
                      tiers: r.tiers.length > 0 ? r.tiers : [{ upTo: '', threshold: r.threshold }],
                    })
                  }
                />
                {t('policy.editor.tiered')}
              </label>
              {!r.tiered && (
                <input
                  class="policy-num"
                  value={r.threshold}
                  aria-label={t('policy.editor.threshold')}
                  onInput={(e) => setRule(i, { threshold: e.currentTarget.value })}
                  data-testid="editor-threshold"
                />
              )}
              {isFraction(r.rule) && <span class="sub">%</span>}
              <button
                type="button"
                class="link-button"
                onClick={() => setRules(rules.filter((_, j) => j !== i))}
              >
                {t('policy.editor.remove')}
              </button>
              {r.tiered && (
                <div class="policy-tiers">
                  {r.tiers.map((tier, k) => (
                    <div class="policy-tier" key={k}>
                      <input
                        class="policy-num"
                        value={tier.upTo}
                        placeholder={t('policy.editor.tierUpTo')}
                        aria-label={t('policy.editor.tierUpTo')}
                        onInput={(e) =>
                          setRule(i, {
                            tiers: r.tiers.map((x, m) =>
                              m === k ? { ...x, upTo: e.currentTarget.value } : x,
                            ),
                          })
                        }
                      />
                      <input
                        class="policy-num"
                        value={tier.threshold}
                        aria-label={t('policy.editor.threshold')}
                        onInput={(e) =>
                          setRule(i, {
                            tiers: r.tiers.map((x, m) =>
                              m === k ? { ...x, threshold: e.currentTarget.value } : x,
                            ),
                          })
                        }
                      />
                      <button
                        type="button"
                        class="link-button"
                        onClick={() => setRule(i, { tiers: r.tiers.filter((_, m) => m !== k) })}
                      >
                        {t('policy.editor.remove')}
                      </button>
                    </div>
                  ))}
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setRule(i, { tiers: [...r.tiers, { upTo: '', threshold: '' }] })}
                  >
                    {t('policy.editor.addTier')}
                  </button>
                </div>
              )}
            </div>
          ))}
          <button
            type="button"
            class="button button-small"
            onClick={() =>
              setRules([
                ...rules,
                { rule: 'revenue', comparison: '>=', tiered: false, threshold: '0', tiers: [] },
              ])
            }
          >
            {t('policy.editor.addRule')}
          </button>
        </fieldset>
        <div class="field-actions">
          <button type="submit" class="button button-primary" disabled={busy} data-testid="editor-save">
            {t('policy.editor.save')}
          </button>
          {saved && (
            <span class="sub" data-testid="editor-saved">
              {t('policy.editor.saved')}
            </span>
          )}
        </div>
        {problem && <ProblemBox problem={problem} testId="editor-problem" />}
      </form>
    </section>
  )
}
