/**
 * The policy calls of the HTTP API: programmes (public), facts and eligibility of the user's
 * enterprise, applications and their steps (session cookie).
 * @module
 */
import { callJson, queryString } from '../api.ts'
import type {
  Application,
  ApplicationDetail,
  ApplicationStatus,
  EligibilityAnswer,
  FactsBody,
  Programme,
  ProgrammeBody,
  YearFacts,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)

export const policyApi = {
  programmes: () => callJson<{ items: Programme[] }>('/policy/programmes'),
  programme: (id: string) => callJson<Programme>(`/policy/programmes/${part(id)}`),
  saveProgramme: (id: string, body: ProgrammeBody) =>
    callJson<Programme>(`/policy/programmes/${part(id)}`, { method: 'PUT', body }),
  createProgramme: (body: ProgrammeBody & { id: string }) =>
    callJson<Programme>('/policy/programmes', { method: 'POST', body }),
  facts: (enterpriseId: string) =>
    callJson<{ items: YearFacts[] }>(`/policy/enterprises/${part(enterpriseId)}/facts`),
  putFacts: (enterpriseId: string, year: number, body: FactsBody) =>
    callJson<YearFacts>(`/policy/enterprises/${part(enterpriseId)}/facts/${year}`, { method: 'PUT', body }),
  eligibility: (enterpriseId: string) =>
    callJson<EligibilityAnswer>(`/policy/enterprises/${part(enterpriseId)}/eligibility`),
  applications: (query: { status?: ApplicationStatus | null }) =>
    callJson<{ items: Application[] }>(`/policy/applications${queryString(query)}`),
  application: (id: string) => callJson<ApplicationDetail>(`/policy/applications/${part(id)}`),
  create: (programmeId: string, note: string | null) =>
    callJson<ApplicationDetail>('/policy/applications', {
      method: 'POST',
      body: note ? { programmeId, note } : { programmeId },
    }),
  upload: (id: string, body: { name: string; mediaType: string; contentBase64: string }) =>
    callJson<unknown>(`/policy/applications/${part(id)}/documents`, { method: 'POST', body }),
  documentHref: (id: string, documentId: string) =>
    `/api/v1/policy/applications/${part(id)}/documents/${part(documentId)}`,
  step: (id: string, step: 'submit' | 'review' | 'approve' | 'reject' | 'disburse', body: object = {}) =>
    callJson<ApplicationDetail>(`/policy/applications/${part(id)}/${step}`, { method: 'POST', body }),
}
