export { clusterRoutes, outputTonnesPerYear } from './routes.ts'
