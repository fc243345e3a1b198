#!/usr/bin/env node
// Runs the bundle built by `npm install` (dist/huiguo.mjs) when it is newer than every source file,
// else the TypeScript sources through tsx, so `npx huiguo` works right after `npm install` and
// never runs stale code while src/ is being edited.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bundle = join(root, 'dist', 'huiguo.mjs')

function newestMtimeMs(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs)
  }
  return newest
}

let main
if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtimeMs(join(root, 'src'))) {
  ;({ main } = await import(bundle))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ main } = await import('../src/cli/main.ts'))
}
process.exitCode = await main(process.argv.slice(2))
