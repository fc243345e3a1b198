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
      '/api': api,
      '/healthz': api,
      '/docs': api,
    },
  },
})
