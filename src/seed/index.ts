export { STAGE_FOR_FORM } from './catalogue.ts'
export { CERTIFICATIONS, type Certification } from './certifications.ts'
export { type DemoCluster, generateCluster } from './generate.ts'
export { DEFAULT_SEED, demoSeedOf, type ProgressListener, type SeedReport, seedDemoCluster } from './load.ts'
