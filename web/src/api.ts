/**
 * The HTTP client for the Huiguo API (/api/v1). Every failure becomes a ProblemError carrying an
 * RFC 9457 problem, so the UI has one way to show errors.
 */

export interface Problem {
  status: number
  code: string
  title: string
  detail: string
  errors?: { field: string; message: string; reason?: string }[]
}

export class ProblemError extends Error {
  readonly problem: Problem
  constructor(problem: Problem) {
    super(`${problem.code}: ${problem.detail}`)
    this.name = 'ProblemError'
    this.problem = problem
  }
}

export interface TopEnterprise {
  id: string
  nameZh: string
  nameEn: string
  kind: string
  annualRevenueCny: string
  capacityTPerYear: number
  topTenSheetStrip: boolean
}

export interface ClusterSummary {
  processingEnterprises: number
  supportingEnterprises: number
  annualRevenueCny: string
  topTenSheetStrip: number
  outputTonnesPerYear: number
  chain: { stage: string; enterprises: number }[]
  synthetic: boolean
  enterprisesByKind: Record<string, number>
  capacityTPerYearByForm: Record<string, number>
  topEnterprises: TopEnterprise[]
}

export interface ChainStageInfo {
  stage: string
  enterprises: number
  processors: number
  supporting: number
  thin: boolean
}

export interface Chain {
  stages: ChainStageInfo[]
  links: { from: string; to: string }[]
}

export interface Vocabulary {
  kinds: string[]
  categories: string[]
  stages: string[]
  forms: string[]
  alloys: string[]
  tempers: string[]
  applications: string[]
}

export interface Enterprise {
  id: string
  nameZh: string
  nameEn: string
  kind: string
  category: string | null
  stages: string[]
  place: string
  province: string
  lat: number
  lon: number
  capacityTPerYear: Record<string, number>
  annualRevenueCny: string
  employees: number
  certifications: string[]
  inCluster: boolean
  topTenSheetStrip: boolean
  synthetic: boolean
}

export interface CatalogueItem {
  id: string
  enterpriseId: string
  form: string
  alloy: string
  temper: string
  thicknessMinUm: number
  thicknessMaxUm: number
  widthMinMm: number
  widthMaxMm: number
  application: string | null
  monthlyCapacityT: number
}

export interface EnterpriseDetail extends Enterprise {
  catalogue: CatalogueItem[]
}

export interface ProductItem extends CatalogueItem {
  enterpriseNameZh: string
  enterpriseNameEn: string
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export type SpecParse =
  | { ok: true; canonical: string; spec: Record<string, unknown> }
  | { ok: false; problem: Problem }

export type Query = Record<string, string | number | boolean | null | undefined>

const BASE = '/api/v1'

/** Builds a query string, leaving out empty values. */
export function queryString(query: Query): string {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false
  const b = body as Record<string, unknown>
  return typeof b.status === 'number' && typeof b.code === 'string'
}

/** What a call may add to a GET: another method, a JSON body, extra headers. */
export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  headers?: Record<string, string>
}

/** One call to the API; a network failure becomes a NETWORK problem, any answer is returned. */
export async function request(
  path: string,
  options: RequestOptions = {},
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers }
  const init: RequestInit = { method: options.method ?? 'GET', headers, credentials: 'same-origin' }
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    init.body = JSON.stringify(options.body)
  }
  let res: Response
  try {
    res = await fetch(`${BASE}${path}`, init)
  } catch (err) {
    throw new ProblemError({
      status: 0,
      code: 'NETWORK',
      title: 'No connection',
      detail: err instanceof Error ? err.message : String(err),
    })
  }
  const text = await res.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!res.ok && !isProblem(body)) {
    throw new ProblemError({
      status: res.status,
      code: `HTTP_${res.status}`,
      title: res.statusText || `HTTP ${res.status}`,
      detail: text.slice(0, 300) || `The server answered ${res.status}.`,
    })
  }
  return { status: res.status, body }
}

/** Calls the API and returns the body of a 2xx answer; any other answer is thrown as a ProblemError. */
export async function callJson<T>(path: string, options?: RequestOptions): Promise<T> {
  const { status, body } = await request(path, options)
  if (status >= 400) throw new ProblemError(body as Problem)
  return body as T
}

const getJson = <T>(path: string): Promise<T> => callJson<T>(path)

let vocabulary: Promise<Vocabulary> | null = null

export const api = {
  summary: () => getJson<ClusterSummary>('/cluster/summary'),
  chain: () => getJson<Chain>('/chain'),
  /** Fetched once per page load; a failure is not cached. */
  vocabulary: (): Promise<Vocabulary> => {
    if (!vocabulary) {
      vocabulary = getJson<Vocabulary>('/vocabulary')
      vocabulary.catch(() => {
        vocabulary = null
      })
    }
    return vocabulary
  },
  enterprises: (query: Query) => getJson<Page<Enterprise>>(`/enterprises${queryString(query)}`),
  enterprise: (id: string) => getJson<EnterpriseDetail>(`/enterprises/${encodeURIComponent(id)}`),
  products: (query: Query) => getJson<Page<ProductItem>>(`/products${queryString(query)}`),
  /** A 422 refusal is an answer, not an error: it comes back as { ok: false, problem }. */
  parseSpec: async (text: string): Promise<SpecParse> => {
    const { status, body } = await request(`/specs/parse${queryString({ text })}`)
    if (status === 422 && isProblem(body)) return { ok: false, problem: body }
    if (status >= 400) throw new ProblemError(body as Problem)
    const b = body as { canonical: string; spec: Record<string, unknown> }
    return { ok: true, canonical: b.canonical, spec: b.spec ?? {} }
  },
}

/** Turns anything thrown into a problem for display. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem
  return {
    status: 0,
    code: 'INTERNAL',
    title: 'Unexpected error',
    detail: err instanceof Error ? err.message : String(err),
  }
}
