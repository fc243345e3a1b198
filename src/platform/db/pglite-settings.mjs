// The settings PGlite starts with, in its worker thread (pglite-worker.mjs) and in the calling
// thread (connect.ts) alike. PGlite runs with fsync off (its own -F): a crash of the process leaves
// its writes with the OS, which a power loss is the only way to lose, and the trading journal, not
// this database, is what recovery starts from. (The worker flushes each commit's files itself, to
// spread the writes out: see pglite-flush.mjs.) Against that, two of PostgreSQL's defaults only
// cost writes:
// - full_page_writes: the page images put in the WAL after each checkpoint guard against pages
//   torn by a crash, which a process crash cannot tear;
// - wal_init_zero: each new 16 MB WAL segment is filled with zeros first, so that an fsync later
//   needs no block allocation; without fsyncs that was 40 % of what the trading projection wrote
//   (10.3 against 6.1 kB per order of the API benchmark's mix).
// Plain JavaScript: the PGlite worker runs it without a TypeScript loader.
export const PGLITE_SETTINGS = ['-c', 'full_page_writes=off', '-c', 'wal_init_zero=off']
