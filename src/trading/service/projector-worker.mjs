// The projector's thread (projector.ts starts it): from the TypeScript sources, tsx compiles
// projector-thread.ts first; in dist/ the bundle holds it. Plain JavaScript, so that this file runs
// in a fresh worker without a loader.
import { workerData } from 'node:worker_threads'

if (workerData.fromSources) {
  const { register } = await import('tsx/esm/api')
  register()
}
await import('./projector-thread.ts')
