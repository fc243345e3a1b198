import type { Problem } from '../api.ts'
import { useI18n } from '../i18n/context.tsx'
import { DICTIONARIES, type DictKey } from '../i18n/index.ts'

interface Props {
  problem: Problem
  /** A heading to use instead of the one derived from the error code. */
  title?: string
  onRetry?: () => void
  testId?: string
}

/** A friendly box for an API problem: translated title, the server's explanation and field errors. */
export function ProblemBox({ problem, title, onRetry, testId }: Props) {
  const { t, lang } = useI18n()
  const codeKey = `error.code.${problem.code}`
  const known = codeKey in DICTIONARIES[lang]
  const heading = title ?? (known ? t(codeKey as DictKey) : lang === 'en' ? problem.title : t('error.title'))
  const detail = problem.code === 'NETWORK' ? t('error.network') : problem.detail
  // The server explains in English; a stable reason code lets the box say what went wrong in Chinese.
  const reasonText = (reason: string | undefined) => {
    const key = `error.reason.${reason}`
    return reason && key in DICTIONARIES[lang] ? t(key as DictKey) : null
  }
  // Field errors that only repeat the detail add nothing, unless they carry a translatable reason.
  const errors = (problem.errors ?? []).filter(
    (e) => reasonText(e.reason) || e.message.trim() !== detail.trim(),
  )
  return (
    <div class="problem" role="alert" data-testid={testId ?? 'problem'}>
      <div class="problem-icon" aria-hidden="true">
        !
      </div>
      <div class="problem-body">
        <p class="problem-title">{heading}</p>
        {detail && <p class="problem-detail">{detail}</p>}
        {errors.length > 0 && (
          <ul class="problem-errors" aria-label={t('error.fields')}>
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                {reasonText(e.reason) && <strong class="problem-reason">{reasonText(e.reason)}: </strong>}
                {e.field && <code>{e.field}</code>} {e.message}
              </li>
            ))}
          </ul>
        )}
        <p class="problem-meta">
          {t('error.code')}: <code>{problem.code}</code>
          {problem.status > 0 && <span> · HTTP {problem.status}</span>}
          {onRetry && (
            <button type="button" class="link-button" onClick={onRetry}>
              {t('state.retry')}
            </button>
          )}
        </p>
      </div>
    </div>
  )
}

export function Loading() {
  const { t } = useI18n()
  return (
    <p class="loading" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      {t('state.loading')}
    </p>
  )
}
