/**
 * The pricing calls of the HTTP API. Public prices need no login; the console and alerts use the
 * session cookie like every other call.
 * @module
 */
import { callJson, queryString } from '../api.ts'
import type {
  Alert,
  AlertEvent,
  AlertRequest,
  Assessment,
  AssessmentStatus,
  Correction,
  CorrectionRequest,
  Deal,
  HistoryAnswer,
  IndexHistoryAnswer,
  IndexRow,
  Methodology,
  PricesAnswer,
  ProposeRequest,
  Quote,
  Reference,
  ReferenceRequest,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)

/** Deals and quotes come newest first, at most this many (the API's largest page). */
export const PAGE = 200

/** A date range of a history call; an empty end is left out. */
export interface Range {
  from?: string | null
  to?: string | null
}

/** The export address of a format for the chosen series and range (a plain link: the browser downloads it). */
export function exportHref(format: 'csv' | 'xlsx', series: readonly string[], range: Range): string {
  return `/api/v1/prices/export.${format}${queryString({ series: series.join(','), from: range.from, to: range.to })}`
}

export const pricingApi = {
  prices: () => callJson<PricesAnswer>('/prices'),
  history: (id: string, range: Range) =>
    callJson<HistoryAnswer>(`/prices/${part(id)}/history${queryString({ ...range })}`),
  corrections: () => callJson<{ synthetic: boolean; corrections: Correction[] }>('/prices/corrections'),
  references: (query: { name?: string; from?: string; to?: string } = {}) =>
    callJson<{ references: Reference[] }>(`/prices/references${queryString(query)}`),
  indices: () => callJson<{ synthetic: boolean; indices: IndexRow[] }>('/indices'),
  indexHistory: (id: string, range: Range) =>
    callJson<IndexHistoryAnswer>(`/indices/${part(id)}/history${queryString({ ...range })}`),
  methodology: () => callJson<Methodology>('/methodology'),

  /** Analysts see every enterprise's deals, members their own. */
  deals: async (query: { series: string; from?: string; to?: string }): Promise<Deal[]> => {
    const q = queryString({ ...query, limit: PAGE })
    const body = await callJson<{ deals?: Deal[]; items?: Deal[] }>(`/pricing/deals${q}`)
    return body.deals ?? body.items ?? []
  },
  quotes: async (query: { series: string; from?: string; to?: string }): Promise<Quote[]> => {
    const q = queryString({ ...query, limit: PAGE })
    const body = await callJson<{ quotes?: Quote[]; items?: Quote[] }>(`/pricing/quotes${q}`)
    return body.quotes ?? body.items ?? []
  },
  assessments: (query: { status?: AssessmentStatus; series?: string; limit?: number }) =>
    callJson<{ assessments: Assessment[] }>(`/pricing/assessments${queryString(query)}`),
  propose: (body: ProposeRequest) =>
    callJson<{ assessment: Assessment }>('/pricing/assessments', { method: 'POST', body }),
  approve: (id: string) =>
    callJson<{ assessment?: Assessment }>(`/pricing/assessments/${part(id)}/approve`, { method: 'POST' }),
  reject: (id: string, reason: string) =>
    callJson<{ assessment?: Assessment }>(`/pricing/assessments/${part(id)}/reject`, {
      method: 'POST',
      body: { reason },
    }),
  correct: (body: CorrectionRequest) =>
    callJson<{ assessment: Assessment }>('/pricing/corrections', { method: 'POST', body }),
  addReference: (body: ReferenceRequest) =>
    callJson<{ reference?: Reference }>('/pricing/references', { method: 'POST', body }),

  alerts: () => callJson<{ alerts: Alert[]; events: AlertEvent[] }>('/pricing/alerts'),
  addAlert: (body: AlertRequest) => callJson<{ alert: Alert }>('/pricing/alerts', { method: 'POST', body }),
  deleteAlert: (id: string) => callJson<unknown>(`/pricing/alerts/${part(id)}`, { method: 'DELETE' }),
}
