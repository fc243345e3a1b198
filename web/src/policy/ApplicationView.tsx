import type { ComponentChildren } from 'preact'
import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { formatBeijing } from '../shipments/labels.ts'
import type { SessionUser } from '../trading/types.ts'
import { policyApi } from './client.ts'
import { APP_BADGE, base64Of, fenMoney, yuanToFen } from './labels.ts'
import { ResultView } from './ResultView.tsx'
import { enterpriseIdOf, writesForEnterprise } from './roles.ts'
import type { ApplicationDetail } from './types.ts'

const MAX_BYTES = 5 * 1024 * 1024

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`

/** One application: status, the eligibility at submission in words, documents, actions, trail. */
export function ApplicationView({
  id,
  user,
  admin,
  onChanged,
}: {
  id: string
  user: SessionUser
  admin: boolean
  onChanged: () => void
}) {
  const { t, lang } = useI18n()
  const answer = useAsync(() => policyApi.application(id), [id])
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true)
    setProblem(null)
    try {
      await action()
      answer.reload()
      onChanged()
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }
  const d = answer.data
  const a = d?.application
  const mine = a !== undefined && a.enterpriseId === enterpriseIdOf(user) && writesForEnterprise(user)
  return (
    <section class="card" data-testid="application-detail" data-status={a?.status}>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!d && !answer.error && <Loading />}
      {d && a && (
        <>
          <div class="card-head">
            <h2>
              {t('policy.app.title', { id: a.id })}{' '}
              <span class={APP_BADGE[a.status]} data-testid="application-status" data-status={a.status}>
                {t(`policy.app.status.${a.status}`)}
              </span>
            </h2>
            <p class="card-sub">
              {lang === 'zh' ? a.programmeNameZh : a.programmeNameEn} ·{' '}
              {lang === 'zh' ? a.enterpriseNameZh : a.enterpriseNameEn}
            </p>
          </div>
          <dl class="dl">
            <Item label={t('policy.app.approvals')} testId="application-approvals" wide>
              {t('policy.app.approvalsOf', { n: a.approvals })}
              {d.approvals.length > 0 && ` · ${d.approvals.map((x) => x.adminName ?? x.adminId).join(', ')}`}
            </Item>
            {a.awardFen && <Item label={t('policy.app.award')}>{fenMoney(a.awardFen, lang)}</Item>}
            {a.disbursedFen && <Item label={t('policy.app.paid')}>{fenMoney(a.disbursedFen, lang)}</Item>}
            {a.rejectionReason && (
              <Item label={t('policy.app.reason')} wide>
                {a.rejectionReason}
              </Item>
            )}
            {a.note && (
              <Item label={t('policy.app.note')} wide>
                {a.note}
              </Item>
            )}
          </dl>
          <h3 class="policy-subtitle">{t('policy.app.eligibility')}</h3>
          {d.eligibility ? (
            <>
              <p class="sub">
                {t('policy.app.eligibilityBasis', {
                  year: d.eligibility.year,
                  months: d.eligibility.energyMonths,
                })}
              </p>
              <ResultView
                result={d.eligibility.result}
                name={lang === 'zh' ? a.programmeNameZh : a.programmeNameEn}
              />
            </>
          ) : (
            <p class="hint">{t('policy.app.eligibilityPending')}</p>
          )}
          <Documents
            detail={d}
            canUpload={mine && ['draft', 'submitted', 'under_review'].includes(a.status)}
            run={run}
            busy={busy}
          />
          {mine && a.status === 'draft' && (
            <div class="field-actions">
              <button
                type="button"
                class="button button-primary"
                disabled={busy}
                onClick={() => run(() => policyApi.step(id, 'submit'))}
                data-testid="application-submit"
              >
                {t('policy.app.submit')}
              </button>
            </div>
          )}
          {admin && <AdminActions detail={d} run={run} busy={busy} />}
          {problem && <ProblemBox problem={problem} testId="application-problem" />}
          <Trail detail={d} />
        </>
      )}
    </section>
  )
}

function Item({
  label,
  testId,
  wide = false,
  children,
}: {
  label: string
  testId?: string
  wide?: boolean
  children: ComponentChildren
}) {
  return (
    <div class={wide ? 'dl-item dl-wide' : 'dl-item'}>
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  )
}

type Run = (action: () => Promise<unknown>) => Promise<void>

function Documents({
  detail,
  canUpload,
  run,
  busy,
}: {
  detail: ApplicationDetail
  canUpload: boolean
  run: Run
  busy: boolean
}) {
  const { t } = useI18n()
  const [tooLarge, setTooLarge] = useState(false)
  const id = detail.application.id
  const upload = (input: HTMLInputElement) => {
    const file = input.files?.[0]
    if (!file) return
    setTooLarge(file.size > MAX_BYTES)
    if (file.size > MAX_BYTES) return
    void run(async () => {
      await policyApi.upload(id, {
        name: file.name,
        mediaType: /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(file.type) ? file.type : 'application/octet-stream',
        contentBase64: await base64Of(file),
      })
      input.value = ''
    })
  }
  return (
    <>
      <h3 class="policy-subtitle">{t('policy.app.documents')}</h3>
      {detail.documents.length === 0 ? (
        <p class="hint">{t('policy.app.noDocuments')}</p>
      ) : (
        <ul class="policy-documents" data-testid="documents">
          {detail.documents.map((doc) => (
            <li key={doc.id} data-testid="document">
              <a href={policyApi.documentHref(id, doc.id)} download={doc.name}>
                {doc.name}
              </a>{' '}
              <span class="sub">
                {doc.mediaType} · {sizeText(doc.sizeBytes)} · {formatBeijing(doc.uploadedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <label class="field">
          <span class="field-label">{t('policy.app.upload')}</span>
          <input
            type="file"
            disabled={busy}
            onChange={(e) => upload(e.currentTarget)}
            data-testid="document-input"
          />
        </label>
      )}
      {tooLarge && <p class="hint">{t('policy.app.tooLarge')}</p>}
    </>
  )
}

function AdminActions({ detail, run, busy }: { detail: ApplicationDetail; run: Run; busy: boolean }) {
  const { t } = useI18n()
  const [note, setNote] = useState('')
  const [reason, setReason] = useState('')
  const [amount, setAmount] = useState('')
  const { id, status } = detail.application
  if (status === 'submitted')
    return (
      <div class="field-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={busy}
          onClick={() => run(() => policyApi.step(id, 'review'))}
          data-testid="review-start"
        >
          {t('policy.review.startReview')}
        </button>
      </div>
    )
  if (status === 'under_review')
    return (
      <div class="filters policy-form" data-testid="review-actions">
        <label class="field field-grow">
          <span class="field-label">{t('policy.review.approveNote')}</span>
          <input
            value={note}
            maxLength={2000}
            onInput={(e) => setNote(e.currentTarget.value)}
            data-testid="approve-note"
          />
        </label>
        <div class="field-actions">
          <button
            type="button"
            class="button button-primary"
            disabled={busy}
            onClick={() => run(() => policyApi.step(id, 'approve', note.trim() ? { note: note.trim() } : {}))}
            data-testid="review-approve"
          >
            {t('policy.review.approve')}
          </button>
        </div>
        <label class="field field-grow">
          <span class="field-label">{t('policy.review.rejectReason')}</span>
          <input
            value={reason}
            maxLength={2000}
            onInput={(e) => setReason(e.currentTarget.value)}
            data-testid="reject-reason"
          />
        </label>
        <div class="field-actions">
          <button
            type="button"
            class="button"
            disabled={busy || reason.trim() === ''}
            onClick={() => run(() => policyApi.step(id, 'reject', { reason: reason.trim() }))}
            data-testid="review-reject"
          >
            {t('policy.review.reject')}
          </button>
        </div>
      </div>
    )
  if (status === 'approved') {
    const fen = amount.trim() === '' ? null : yuanToFen(amount)
    return (
      <div class="filters policy-form" data-testid="disburse-form">
        <label class="field">
          <span class="field-label">{t('policy.review.disburseAmount')}</span>
          <input
            value={amount}
            inputMode="decimal"
            onInput={(e) => setAmount(e.currentTarget.value)}
            data-testid="disburse-amount"
          />
        </label>
        <div class="field-actions">
          <button
            type="button"
            class="button button-primary"
            disabled={busy || (amount.trim() !== '' && fen === null)}
            onClick={() => run(() => policyApi.step(id, 'disburse', fen ? { amountFen: fen } : {}))}
            data-testid="review-disburse"
          >
            {t('policy.review.disburse')}
          </button>
        </div>
      </div>
    )
  }
  return null
}

function Trail({ detail }: { detail: ApplicationDetail }) {
  const { t } = useI18n()
  return (
    <>
      <h3 class="policy-subtitle">{t('policy.app.trail')}</h3>
      <div class="table-wrap">
        <table class="table" data-testid="trail">
          <thead>
            <tr>
              <th>{t('policy.app.col.when')}</th>
              <th>{t('policy.app.col.who')}</th>
              <th>{t('policy.app.col.what')}</th>
              <th>{t('policy.app.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.trail.map((e, i) => (
              <tr key={i} data-testid="trail-row" data-action={e.action}>
                <td class="sub">{formatBeijing(e.at)}</td>
                <td>{e.actorName ?? e.actorId}</td>
                <td>
                  {t(`policy.action.${e.action}`)}
                  <span class="sub">
                    {e.from ? `${t(`policy.app.status.${e.from}`)} → ` : ''}
                    {t(`policy.app.status.${e.to}`)}
                  </span>
                </td>
                <td class="wrap">{e.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}
