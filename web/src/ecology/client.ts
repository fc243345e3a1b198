/**
 * The ecology calls of the HTTP API: lines and limits, the energy ledger (session cookie), the
 * carbon inventory and grid factors, the park and the enterprises' table.
 * @module
 */
import { callJson, queryString } from '../api.ts'
import type {
  EnergyRecord,
  EnterprisesAnswer,
  Figures,
  GridFactor,
  InventoryAnswer,
  LineInfo,
  ParkAnswer,
  RecordsAnswer,
} from './types.ts'

const part = (s: string) => encodeURIComponent(s)
const recordPath = (enterpriseId: string, month: string, line: string) =>
  `/ecology/energy/records/${part(enterpriseId)}/${part(month)}/${part(line)}`

export const ecologyApi = {
  lines: () => callJson<{ items: LineInfo[] }>('/ecology/lines'),
  records: (query: { enterpriseId?: string | null; from?: string; to?: string }) =>
    callJson<RecordsAnswer>(`/ecology/energy/records${queryString(query)}`),
  submit: (body: Figures & { month: string; line: string; enterpriseId?: string }) =>
    callJson<{ record: EnergyRecord }>('/ecology/energy/records', { method: 'POST', body }),
  correct: (
    enterpriseId: string,
    month: string,
    line: string,
    body: Figures & { reason: string; baseRevision: number },
  ) =>
    callJson<{ record: EnergyRecord }>(`${recordPath(enterpriseId, month, line)}/corrections`, {
      method: 'POST',
      body,
    }),
  history: (enterpriseId: string, month: string, line: string) =>
    callJson<{ synthetic: boolean; items: EnergyRecord[] }>(
      `${recordPath(enterpriseId, month, line)}/history`,
    ),
  inventory: (query: { enterpriseId?: string | null; from?: string; to?: string }) =>
    callJson<InventoryAnswer>(`/ecology/inventory${queryString(query)}`),
  gridFactors: () => callJson<{ currentKgco2PerKwh: number; items: GridFactor[] }>('/ecology/grid-factors'),
  setGridFactor: (body: { effectiveFrom: string; kgco2PerKwh: number; note?: string }) =>
    callJson<{ gridFactor: GridFactor }>('/ecology/grid-factors', { method: 'POST', body }),
  park: (to?: string) => callJson<ParkAnswer>(`/ecology/park${queryString({ to })}`),
  enterprises: (to?: string) => callJson<EnterprisesAnswer>(`/ecology/enterprises${queryString({ to })}`),
}
