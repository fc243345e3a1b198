export {
  type DatabaseTarget,
  type OpenDatabase,
  type OpenOptions,
  openDatabase,
  openSharedDatabase,
  type SharedDatabase,
} from './connect.ts'
export { migrateToLatest } from './migrations/index.ts'
export type { Database, EnterpriseTable } from './schema.ts'
