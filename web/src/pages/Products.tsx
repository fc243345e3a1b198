import { useEffect, useState } from 'preact/hooks'
import { api, type Enterprise, type Problem, type ProductItem, type SpecParse, toProblem } from '../api.ts'
import { ListStatus } from '../components/ListStatus.tsx'
import { EnterpriseName } from '../components/names.tsx'
import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger, formatMm, parseMmToUm, parseWholeMm } from '../format.ts'
import { useAsync, usePaged } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { CatalogueTable } from './EnterpriseDetail.tsx'
import { VocabSelect } from './Enterprises.tsx'

const PAGE_SIZE = 50
const FIELDS = ['form', 'alloy', 'temper', 'thickness', 'width', 'application', 'enterpriseId'] as const
type SpecForm = Record<(typeof FIELDS)[number], string>

function formOf(query: URLSearchParams): SpecForm {
  const f = {} as SpecForm
  for (const k of FIELDS) f[k] = query.get(k) ?? ''
  return f
}

/** Processors for the enterprise filter: every page of kind=processor, at most 1,000 firms. */
async function loadProcessors(): Promise<Enterprise[]> {
  const all: Enterprise[] = []
  let cursor: string | null = null
  for (let i = 0; i < 5; i++) {
    const page = await api.enterprises({ kind: 'processor', limit: 200, cursor })
    all.push(...page.items)
    cursor = page.nextCursor
    if (!cursor) break
  }
  return all
}

export function Products({ route }: { route: Route }) {
  const { t, lang } = useI18n()
  const applied = formOf(route.query)
  const key = FIELDS.map((k) => applied[k]).join('\u0000')
  const [form, setForm] = useState<SpecForm>(applied)
  const [invalid, setInvalid] = useState<Problem | null>(null)
  useEffect(() => {
    setForm(formOf(route.query))
    setInvalid(null)
  }, [key])

  const vocab = useAsync(() => api.vocabulary(), [])
  const processors = useAsync(loadProcessors, [])
  const list = usePaged<ProductItem>(
    (cursor) =>
      api.products({
        form: applied.form,
        alloy: applied.alloy,
        temper: applied.temper,
        thicknessUm: parseMmToUm(applied.thickness),
        widthMm: parseWholeMm(applied.width),
        application: applied.application,
        enterpriseId: applied.enterpriseId,
        limit: PAGE_SIZE,
        cursor,
      }),
    key,
  )

  const set = (k: keyof SpecForm) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value })

  const validate = (f: SpecForm): Problem | null => {
    const errors: { field: string; message: string }[] = []
    if (f.thickness.trim() && parseMmToUm(f.thickness) === null)
      errors.push({ field: t('spec.thickness'), message: t('error.thickness') })
    if (f.width.trim() && parseWholeMm(f.width) === null)
      errors.push({ field: t('spec.width'), message: t('error.width') })
    if (errors.length === 0) return null
    return {
      status: 0,
      code: 'VALIDATION_FAILED',
      title: t('error.code.VALIDATION_FAILED'),
      detail: '',
      errors,
    }
  }

  const search = (f: SpecForm) => {
    const problem = validate(f)
    setInvalid(problem)
    if (problem) return
    navigate('/products', { ...f, thickness: f.thickness.trim(), width: f.width.trim() })
  }

  const processorOptions = [...(processors.data ?? [])].sort((a, b) =>
    lang === 'zh' ? a.nameZh.localeCompare(b.nameZh, 'zh-CN') : a.nameEn.localeCompare(b.nameEn, 'en'),
  )

  return (
    <div class="page">
      <header class="page-head">
        <h1>{t('prod.title')}</h1>
        <p class="page-sub">{t('prod.subtitle')}</p>
      </header>

      <div class="grid-2 grid-2-narrow-right">
        <form
          class="card filters filters-grid"
          data-testid="prod-filters"
          onSubmit={(e) => {
            e.preventDefault()
            search(form)
          }}
        >
          <h2 class="filters-title">{t('prod.searchTitle')}</h2>
          <VocabSelect
            label={t('spec.form')}
            name="form"
            group="form"
            values={vocab.data?.forms}
            value={form.form}
            onChange={set('form')}
          />
          <VocabSelect
            label={t('spec.alloy')}
            name="alloy"
            group={null}
            values={vocab.data?.alloys}
            value={form.alloy}
            onChange={set('alloy')}
          />
          <VocabSelect
            label={t('spec.temper')}
            name="temper"
            group={null}
            values={vocab.data?.tempers}
            value={form.temper}
            onChange={set('temper')}
          />
          <label class="field">
            <span class="field-label">{t('spec.thickness')}</span>
            <input
              name="thickness"
              inputMode="decimal"
              value={form.thickness}
              onInput={set('thickness')}
              placeholder="0.2"
              title={t('prod.thicknessHint')}
              data-testid="prod-thickness"
            />
          </label>
          <label class="field">
            <span class="field-label">{t('spec.width')}</span>
            <input
              name="width"
              inputMode="numeric"
              value={form.width}
              onInput={set('width')}
              placeholder="1220"
              title={t('prod.widthHint')}
              data-testid="prod-width"
            />
          </label>
          <VocabSelect
            label={t('spec.application')}
            name="application"
            group="app"
            values={vocab.data?.applications}
            value={form.application}
            onChange={set('application')}
          />
          <label class="field field-span-2">
            <span class="field-label">{t('spec.enterprise')}</span>
            <select name="enterpriseId" value={form.enterpriseId} onChange={set('enterpriseId')}>
              <option value="">{t('prod.enterpriseAll')}</option>
              {form.enterpriseId && !processorOptions.some((p) => p.id === form.enterpriseId) && (
                <option value={form.enterpriseId}>{form.enterpriseId}</option>
              )}
              {processorOptions.map((p) => (
                <option key={p.id} value={p.id}>
                  {lang === 'zh' ? p.nameZh : p.nameEn}
                </option>
              ))}
            </select>
          </label>
          <div class="field-actions">
            <button type="submit" class="button button-primary" data-testid="prod-search">
              {t('action.search')}
            </button>
            <a class="button" href={href('/products')}>
              {t('action.reset')}
            </a>
          </div>
          <p class="hint">
            {t('spec.thickness')}: {t('prod.thicknessHint')}
          </p>
        </form>

        <SpecParser
          onUse={(f) => {
            const next = { ...form, ...f }
            setForm(next)
            search(next)
          }}
        />
      </div>
      {invalid && <ProblemBox problem={invalid} testId="prod-invalid" />}
      {vocab.error && <ProblemBox problem={vocab.error} onRetry={vocab.reload} />}

      <section class="card">
        <div class="table-toolbar">
          <span class="muted" data-testid="prod-count">
            {!list.loading || list.items.length > 0
              ? t(list.hasMore ? 'prod.countMore' : 'prod.count', { n: formatInteger(list.items.length) })
              : ''}
          </span>
        </div>
        {list.items.length > 0 && (
          <CatalogueTable
            items={list.items}
            testId="prod-table"
            enterprise={(c) => {
              const p = c as ProductItem
              return (
                <EnterpriseName
                  nameZh={p.enterpriseNameZh}
                  nameEn={p.enterpriseNameEn}
                  href={href(`/enterprises/${p.enterpriseId}`)}
                />
              )
            }}
          />
        )}
        <ListStatus list={list} emptyText={t('prod.empty')} testIdPrefix="prod" />
      </section>
    </div>
  )
}

/** Maps a parsed spec onto the search form, reading only the fields it recognises. */
export function specToForm(spec: Record<string, unknown>): Partial<SpecForm> {
  const out: Partial<SpecForm> = {}
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null)
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)
  const form = str(spec.form)
  if (form) out.form = form.toLowerCase()
  const alloy = str(spec.alloy)
  if (alloy) out.alloy = alloy
  const temper = str(spec.temper)
  if (temper) out.temper = temper
  const um = num(spec.thicknessUm)
  if (um !== null) out.thickness = formatMm(um)
  else if (num(spec.thicknessMm) !== null) out.thickness = String(spec.thicknessMm)
  const width = num(spec.widthMm)
  if (width !== null) out.width = String(width)
  const app = str(spec.application)
  if (app) out.application = app
  return out
}

function SpecParser({ onUse }: { onUse: (f: Partial<SpecForm>) => void }) {
  const { t } = useI18n()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<SpecParse | null>(null)
  const [error, setError] = useState<Problem | null>(null)

  const parse = async (e: Event) => {
    e.preventDefault()
    if (!text.trim()) return
    setBusy(true)
    setError(null)
    setResult(null)
    try {
      setResult(await api.parseSpec(text.trim()))
    } catch (err) {
      setError(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form class="card spec-parser" onSubmit={parse} data-testid="spec-form">
      <h2 class="filters-title">{t('prod.parseTitle')}</h2>
      <p class="hint">{t('prod.parseHint')}</p>
      <div class="spec-row">
        <input
          class="mono"
          aria-label={t('prod.parseLabel')}
          value={text}
          onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
          placeholder="SHEET 1060-H24 1.0x1220"
          spellcheck={false}
          autocomplete="off"
          data-testid="spec-input"
        />
        <button type="submit" class="button button-primary" disabled={busy} data-testid="spec-parse">
          {t('prod.parseButton')}
        </button>
      </div>
      {busy && <Loading />}
      {result?.ok === true && (
        <div class="spec-ok" data-testid="spec-result">
          <span class="field-label">{t('prod.canonical')}</span>
          <code class="spec-canonical" data-testid="spec-canonical">
            {result.canonical}
          </code>
          <button type="button" class="button button-small" onClick={() => onUse(specToForm(result.spec))}>
            {t('prod.useSpec')}
          </button>
        </div>
      )}
      {result?.ok === false && (
        <ProblemBox problem={result.problem} title={t('prod.refused')} testId="spec-refusal" />
      )}
      {error && <ProblemBox problem={error} />}
    </form>
  )
}
