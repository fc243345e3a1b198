import { useState } from 'preact/hooks'
import { api, type Problem, toProblem } from '../../api.ts'
import { ListStatus } from '../../components/ListStatus.tsx'
import { ProblemBox } from '../../components/ProblemBox.tsx'
import { useAsync, usePaged } from '../../hooks.ts'
import { useI18n } from '../../i18n/context.tsx'
import type { SessionUser } from '../../trading/types.ts'
import { cbamApi } from './client.ts'
import { formatBeijingTime, formatSee, numberOf } from './labels.ts'
import type { Declaration } from './types.ts'

const enterpriseOf = (user: SessionUser) => user.enterprise?.id ?? user.enterpriseId ?? ''

/** The smelters' declared SEE values, superseded ones kept and marked; the form for a smelter's users. */
export function DeclarationsCard({ user }: { user: SessionUser }) {
  const { t } = useI18n()
  const list = usePaged((cursor) => cbamApi.declarations({ cursor }), 'all')
  const isAdmin = user.roles.includes('admin')
  const mine = useAsync(() => api.enterprise(enterpriseOf(user)), [user.id])
  const smelters = useAsync(
    () =>
      isAdmin ? api.enterprises({ kind: 'smelter', limit: 100 }).then((p) => p.items) : Promise.resolve([]),
    [isAdmin],
  )
  const canDeclare =
    (mine.data?.kind === 'smelter' && user.roles.includes('trader')) ||
    (isAdmin && (smelters.data?.length ?? 0) > 0)
  return (
    <div class="cbam-declarations">
      <section class="card" aria-labelledby="cbam-decl-title" data-testid="cbam-declarations">
        <div class="card-head">
          <h2 id="cbam-decl-title">{t('cbam.decl.title')}</h2>
          <p class="card-sub">{t('cbam.decl.sub')}</p>
        </div>
        <DeclarationTable items={list.items} />
        <ListStatus list={list} emptyText={t('cbam.decl.empty')} testIdPrefix="cbam-decl" />
      </section>
      <section class="card" aria-labelledby="cbam-declare-title">
        <div class="card-head">
          <h2 id="cbam-declare-title">{t('cbam.declare.title')}</h2>
          <p class="card-sub">{t('cbam.declare.sub')}</p>
        </div>
        {canDeclare ? (
          <DeclareForm
            smelters={isAdmin ? (smelters.data ?? []) : []}
            ownId={mine.data?.kind === 'smelter' ? enterpriseOf(user) : null}
            onSaved={list.reload}
          />
        ) : (
          <p class="note" data-testid="cbam-declare-closed">
            {t('cbam.declare.onlySmelters')}
          </p>
        )}
      </section>
    </div>
  )
}

function DeclarationTable({ items }: { items: Declaration[] }) {
  const { t, lang } = useI18n()
  if (items.length === 0) return null
  return (
    <div class="table-wrap">
      <table class="table table-compact" data-testid="cbam-decl-table">
        <thead>
          <tr>
            <th>{t('cbam.decl.smelter')}</th>
            <th>{t('cbam.field.cnCode')}</th>
            <th>{t('cbam.decl.period')}</th>
            <th>{t('cbam.decl.route')}</th>
            <th class="num">{t('cbam.decl.see')}</th>
            <th>{t('cbam.decl.declared')}</th>
            <th>{t('cbam.decl.state')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr
              key={d.id}
              class={d.current ? '' : 'cbam-superseded'}
              data-testid="cbam-decl-row"
              data-id={d.id}
            >
              <td>
                {lang === 'zh' ? d.enterpriseNameZh : d.enterpriseNameEn}
                {d.synthetic && <span class="muted"> · {t('cbam.synthetic')}</span>}
              </td>
              <td class="mono">{d.cnCode}</td>
              <td>{d.quarter ? `${d.year} Q${d.quarter}` : d.year}</td>
              <td>{t(`cbam.route.${d.route}`)}</td>
              <td class="num">{formatSee(d.seeTco2ePerT, lang)}</td>
              <td>
                {d.declaredBy?.username ?? '—'}
                <div class="muted">{formatBeijingTime(d.declaredAt)}</div>
              </td>
              <td>
                {d.current ? (
                  <span class="badge badge-green">{t('cbam.decl.current')}</span>
                ) : (
                  <span class="badge badge-grey">
                    {t('cbam.decl.supersededBy', { id: d.supersededBy ?? '' })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function DeclareForm({
  smelters,
  ownId,
  onSaved,
}: {
  smelters: { id: string; nameZh: string; nameEn: string }[]
  ownId: string | null
  onSaved: () => void
}) {
  const { t, lang } = useI18n()
  const [enterpriseId, setEnterpriseId] = useState(ownId ?? smelters[0]?.id ?? '')
  const [form, setForm] = useState({
    cnCode: '7601',
    year: '2026',
    quarter: '',
    see: '',
    route: 'primary',
    verifier: '',
    evidence: '',
  })
  const [problem, setProblem] = useState<Problem | null>(null)
  const [saved, setSaved] = useState<Declaration | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [field]: (e.currentTarget as HTMLInputElement).value })

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setProblem(null)
    setSaved(null)
    try {
      const quarter = numberOf(form.quarter)
      const { declaration } = await cbamApi.declare({
        ...(enterpriseId && enterpriseId !== ownId ? { enterpriseId } : {}),
        cnCode: form.cnCode.trim(),
        year: numberOf(form.year) ?? Number.NaN,
        ...(quarter !== null ? { quarter } : {}),
        seeTco2ePerT: numberOf(form.see) ?? Number.NaN,
        route: form.route as 'primary' | 'secondary',
        ...(form.verifier.trim() ? { verifier: form.verifier.trim() } : {}),
        ...(form.evidence.trim() ? { evidence: form.evidence.trim() } : {}),
      })
      setSaved(declaration)
      onSaved()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="dist-form" onSubmit={submit} data-testid="cbam-declare-form">
      {smelters.length > 0 && (
        <label class="field field-span-2">
          <span class="field-label">{t('cbam.decl.smelter')}</span>
          <select
            value={enterpriseId}
            onChange={(e) => setEnterpriseId(e.currentTarget.value)}
            data-testid="declare-smelter"
          >
            {ownId && <option value={ownId}>{t('cbam.declare.own')}</option>}
            {smelters.map((s) => (
              <option key={s.id} value={s.id}>
                {lang === 'zh' ? s.nameZh : s.nameEn}
              </option>
            ))}
          </select>
        </label>
      )}
      <label class="field">
        <span class="field-label">{t('cbam.field.cnCode')}</span>
        <input value={form.cnCode} onInput={set('cnCode')} data-testid="declare-cnCode" />
      </label>
      <label class="field">
        <span class="field-label">{t('cbam.decl.route')}</span>
        <select value={form.route} onChange={set('route')} data-testid="declare-route">
          <option value="primary">{t('cbam.route.primary')}</option>
          <option value="secondary">{t('cbam.route.secondary')}</option>
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('cbam.field.year')}</span>
        <input value={form.year} onInput={set('year')} inputMode="numeric" data-testid="declare-year" />
      </label>
      <label class="field">
        <span class="field-label">{t('cbam.declare.quarter')}</span>
        <select value={form.quarter} onChange={set('quarter')} data-testid="declare-quarter">
          <option value="">{t('cbam.declare.wholeYear')}</option>
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={String(q)}>
              Q{q}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">
          {t('cbam.decl.see')} <span class="muted">(tCO2e/t)</span>
        </span>
        <input value={form.see} onInput={set('see')} inputMode="decimal" data-testid="declare-see" />
      </label>
      <label class="field">
        <span class="field-label">{t('cbam.declare.verifier')}</span>
        <input value={form.verifier} onInput={set('verifier')} data-testid="declare-verifier" />
      </label>
      <label class="field field-span-2">
        <span class="field-label">{t('cbam.declare.evidence')}</span>
        <input value={form.evidence} onInput={set('evidence')} data-testid="declare-evidence" />
      </label>
      <div class="field-actions">
        <button type="submit" class="button button-primary" disabled={busy} data-testid="declare-submit">
          {t('cbam.declare.go')}
        </button>
      </div>
      {problem && (
        <div class="field-span-2">
          <ProblemBox problem={problem} testId="declare-problem" />
        </div>
      )}
      {saved && (
        <p class="note field-span-2" data-testid="declare-saved">
          {t('cbam.declare.saved', { id: saved.id })}
        </p>
      )}
    </form>
  )
}
