export { generateCluster } from './generate.ts'
export { DEFAULT_SEED, demoSeedOf, type ProgressListener, type SeedReport, seedDemoCluster } from './load.ts'
