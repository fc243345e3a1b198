import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { formatBeijing } from '../shipments/labels.ts'
import type { SessionUser } from '../trading/types.ts'
import { ApplicationView } from './ApplicationView.tsx'
import { policyApi } from './client.ts'
import { APP_BADGE } from './labels.ts'
import { isAdmin, writesForEnterprise } from './roles.ts'
import { APPLICATION_STATUSES, type ApplicationStatus } from './types.ts'

/**
 * #/policy/applications?id=&new=: the enterprise's applications with one opened beside the list;
 * #/policy/review?status=&id=: the administrators' queue over every enterprise.
 */
export function ApplicationsPage({
  user,
  route,
  review,
}: {
  user: SessionUser
  route: Route
  review: boolean
}) {
  const { t, lang } = useI18n()
  const base = review ? '/policy/review' : '/policy/applications'
  const q = route.query
  const statusParam = q.get('status') ?? (review ? 'under_review' : '')
  const status = (APPLICATION_STATUSES as readonly string[]).includes(statusParam)
    ? (statusParam as ApplicationStatus)
    : null
  const selected = q.get('id')
  const list = useAsync(() => policyApi.applications({ status }), [status, review])
  const admin = review && isAdmin(user)
  return (
    <div class="grid-2 policy-layout">
      <section class="card" data-testid={review ? 'review-queue' : 'my-applications'}>
        <div class="card-head">
          <h2>{t(review ? 'policy.tab.review' : 'policy.tab.applications')}</h2>
          {review && <p class="card-sub">{t('policy.review.twoPeople')}</p>}
        </div>
        {!review && writesForEnterprise(user) && (
          <NewApplication
            preset={q.get('new')}
            onCreated={(id) => {
              list.reload()
              navigate(base, { id })
            }}
          />
        )}
        <div class="filters">
          <label class="field">
            <span class="field-label">{t('policy.review.filter')}</span>
            <select
              value={status ?? ''}
              onChange={(e) =>
                navigate(base, { status: e.currentTarget.value || (review ? 'all' : ''), id: selected })
              }
              data-testid="applications-status"
            >
              <option value="">{t('shipments.status.all')}</option>
              {APPLICATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`policy.app.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {list.error && <ProblemBox problem={list.error} onRetry={list.reload} />}
        {list.loading && !list.data && <Loading />}
        {list.data && list.data.items.length === 0 && (
          <p class="empty" data-testid="applications-empty">
            {t('policy.app.none')}
          </p>
        )}
        {list.data && list.data.items.length > 0 && (
          <div class="table-wrap">
            <table class="table" data-testid="applications">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('policy.col.programme')}</th>
                  {review && <th>{t('policy.col.enterprise')}</th>}
                  <th>{t('policy.col.status')}</th>
                  <th>{t('policy.col.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((a) => (
                  <tr
                    key={a.id}
                    class={a.id === selected ? 'selected' : ''}
                    data-testid="application-row"
                    data-id={a.id}
                    data-programme={a.programmeId}
                    data-status={a.status}
                  >
                    <td>
                      <a href={href(base, { id: a.id, status: q.get('status') })}>{a.id}</a>
                    </td>
                    <td>{lang === 'zh' ? a.programmeNameZh : a.programmeNameEn}</td>
                    {review && <td>{lang === 'zh' ? a.enterpriseNameZh : a.enterpriseNameEn}</td>}
                    <td>
                      <span class={APP_BADGE[a.status]}>{t(`policy.app.status.${a.status}`)}</span>
                    </td>
                    <td class="sub">{formatBeijing(a.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {selected ? (
        <ApplicationView key={selected} id={selected} user={user} admin={admin} onChanged={list.reload} />
      ) : (
        <section class="card">
          <p class="empty">{t('policy.app.pick')}</p>
        </section>
      )}
    </div>
  )
}

function NewApplication({ preset, onCreated }: { preset: string | null; onCreated: (id: string) => void }) {
  const { t, lang } = useI18n()
  const programmes = useAsync(() => policyApi.programmes(), [])
  const open = (programmes.data?.items ?? []).filter((p) => p.status === 'open')
  const [choice, setChoice] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const chosen = choice ?? (open.some((p) => p.id === preset) ? preset! : (open[0]?.id ?? ''))
  const create = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setProblem(null)
    try {
      const created = await policyApi.create(chosen, note.trim() || null)
      setNote('')
      onCreated(created.application.id)
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form class="filters policy-form" onSubmit={create} data-testid="new-application">
      <label class="field field-grow">
        <span class="field-label">{t('policy.app.programme')}</span>
        <select value={chosen} onChange={(e) => setChoice(e.currentTarget.value)} data-testid="new-programme">
          {open.map((p) => (
            <option key={p.id} value={p.id}>
              {lang === 'zh' ? p.nameZh : p.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label class="field field-grow">
        <span class="field-label">{t('policy.app.note')}</span>
        <input
          value={note}
          maxLength={2000}
          onInput={(e) => setNote(e.currentTarget.value)}
          data-testid="new-note"
        />
      </label>
      <div class="field-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={busy || !chosen}
          data-testid="new-create"
        >
          {t('policy.app.create')}
        </button>
      </div>
      {problem && <ProblemBox problem={problem} testId="new-problem" />}
    </form>
  )
}
