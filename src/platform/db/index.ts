export { openDatabase, type DatabaseTarget, type OpenDatabase } from './connect.ts'
export { migrateToLatest } from './migrations.ts'
export type { Database, EnterpriseTable } from './schema.ts'
