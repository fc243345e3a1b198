import { useI18n } from '../i18n/context.tsx'
import type { ProgrammeResult } from './types.ts'

/** One programme's result: the verdict and every rule in words, failed rules first in weight. */
export function ResultView({ result, name }: { result: ProgrammeResult; name: string }) {
  const { t, lang } = useI18n()
  return (
    <article
      class={result.eligible ? 'policy-result policy-result-ok' : 'policy-result policy-result-no'}
      data-testid="elig-programme"
      data-id={result.id}
      data-eligible={String(result.eligible)}
    >
      <h3>
        {name}{' '}
        <span class={result.eligible ? 'badge badge-green' : 'badge badge-amber'}>
          {t(result.eligible ? 'policy.elig.eligible' : 'policy.elig.notEligible')}
        </span>
      </h3>
      <p class="policy-summary" data-testid="elig-summary">
        {result.summary[lang]}
      </p>
      <ul class="policy-checks">
        {result.checks.map((c) => (
          <li
            key={c.rule}
            class={c.passed ? 'policy-check policy-check-ok' : 'policy-check policy-check-no'}
            data-testid="elig-rule"
            data-rule={c.rule}
            data-passed={String(c.passed)}
          >
            <span class="policy-check-mark" aria-hidden="true">
              {c.passed ? '✓' : '✗'}
            </span>
            <span class="visually-hidden">{t(c.passed ? 'policy.elig.passed' : 'policy.elig.failed')}: </span>
            <span data-testid="elig-words">{c.words[lang]}</span>
          </li>
        ))}
      </ul>
    </article>
  )
}
