import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Browser suite: builds web/, starts the server in-process and drives Debian's Chromium.
// Run with `npm run test:browser` (needs `apt-get install -y chromium fonts-noto-cjk`).
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
})
