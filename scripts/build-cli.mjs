// Bundles the CLI and server into dist/huiguo.mjs (packages stay external), so `npx huiguo` and
// `npm start` skip compiling TypeScript at every start. bin/huiguo.js falls back to the sources
// whenever dist/ is missing or older than src/.
import { build } from 'esbuild'

await build({
  entryPoints: {
    huiguo: 'src/cli/main.ts',
    'pglite-worker': 'src/platform/db/pglite-worker.mjs',
    'projector-worker': 'src/trading/service/projector-worker.mjs',
  },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  // Splitting keeps what commands import lazily (the server, the database) in chunks of their own,
  // so `huiguo --help` loads only the CLI.
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
