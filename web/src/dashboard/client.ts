import { callJson } from '../api.ts'
import type { Dashboard } from './types.ts'

export const dashboardApi = {
  get: () => callJson<Dashboard>('/cluster/dashboard'),
}
