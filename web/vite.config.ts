import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const api = 'http://localhost:8080'

// Preact JSX through Vite 8's built-in Oxc transform (no @preact/preset-vite).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    proxy: {
      // ws: the market stream (/api/v1/stream) is a WebSocket.
      '/api': { target: api, ws: true },
      '/healthz': api,
      '/docs': api,
    },
  },
})
