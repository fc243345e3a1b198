/**
 * The CBAM calls of the HTTP API: the public calculator and schedule, the smelters' declarations
 * and the shipments' communications (session cookie).
 * @module
 */
import { callJson, isProblem, type Problem, ProblemError, queryString, request } from '../../api.ts'
import type {
  Communication,
  Declaration,
  DeclarationRequest,
  FootprintInput,
  FootprintRecord,
  Schedule,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)

export type FootprintAnswer = { ok: true; record: FootprintRecord } | { ok: false; problem: Problem }

/** Where a communication's downloads are, for links. */
export const communicationFile = (shipmentId: string, ext: 'json' | 'xlsx') =>
  `/api/v1/shipments/${part(shipmentId)}/communication.${ext}`

export const cbamApi = {
  schedule: () => callJson<Schedule>('/cbam/schedule'),
  /** A 4xx refusal is an answer, not an error: it comes back as { ok: false, problem }. */
  footprint: async (input: FootprintInput): Promise<FootprintAnswer> => {
    const { status, body } = await request('/cbam/footprint', { method: 'POST', body: input })
    if (status >= 400 && status < 500 && isProblem(body)) return { ok: false, problem: body }
    if (status >= 400) throw new ProblemError(body as Problem)
    return { ok: true, record: body as FootprintRecord }
  },
  declarations: (query: { enterpriseId?: string | null; cursor?: string | null }) =>
    callJson<{ items: Declaration[]; nextCursor: string | null }>(
      `/cbam/declarations${queryString({ ...query, limit: 50 })}`,
    ),
  declare: (body: DeclarationRequest) =>
    callJson<{ declaration: Declaration }>('/cbam/declarations', { method: 'POST', body }),
  communications: (cursor: string | null) =>
    callJson<{ items: Communication[]; nextCursor: string | null }>(
      `/cbam/communications${queryString({ cursor, limit: 50 })}`,
    ),
  communication: (shipmentId: string) =>
    callJson<Communication>(`/shipments/${part(shipmentId)}/communication`),
}
