export { clusterDashboard, type DashboardSources, HEADLINE_PRODUCT } from './dashboard.ts'
export { HIGH_END_GROUPS, type HighEndGroup, highEndShare } from './high-end.ts'
export { outputTonnesPerYear } from './output.ts'
export { type ClusterRoutesOptions, clusterRoutes } from './routes.ts'
