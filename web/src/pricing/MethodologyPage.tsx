import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'
import { pricingApi } from './client.ts'
import { nameIn } from './labels.ts'
import { PlainText } from './PlainText.tsx'

/** #/methodology: the published method, section by section, in the UI language. */
export function MethodologyPage() {
  const { t, lang } = useI18n()
  const answer = useAsync(() => pricingApi.methodology(), [])
  const m = answer.data
  return (
    <div class="page methodology-page">
      <p class="crumbs">
        <a href={href('/prices')}>{t('pricing.backToBoard')}</a>
      </p>
      <header class="page-head">
        <h1>{t('pricing.methodology')}</h1>
        {m && (
          <p class="page-sub" data-testid="methodology-version">
            {t('pricing.methodologyVersion', { version: m.version, date: m.publishedOn })}
          </p>
        )}
      </header>
      {answer.error && <ProblemBox problem={answer.error} onRetry={answer.reload} />}
      {!m && !answer.error && <Loading />}
      {m && (
        <article class="card methodology" data-testid="methodology">
          <nav class="methodology-toc" aria-label={t('pricing.methodologyContents')}>
            <ol>
              {m.sections.map((s) => (
                <li key={s.id}>
                  <a
                    href={href('/methodology')}
                    onClick={(e) => {
                      // The address stays on the page: hash routing leaves no room for #fragment links.
                      e.preventDefault()
                      document.getElementById(`m-${s.id}`)?.scrollIntoView({ behavior: 'smooth' })
                    }}
                  >
                    {nameIn(s.title, lang)}
                  </a>
                </li>
              ))}
            </ol>
          </nav>
          {m.sections.map((s) => (
            <section
              key={s.id}
              id={`m-${s.id}`}
              class="methodology-section"
              data-testid="methodology-section"
            >
              <h2>{nameIn(s.title, lang)}</h2>
              <PlainText text={s.body[lang]} />
            </section>
          ))}
        </article>
      )}
    </div>
  )
}
