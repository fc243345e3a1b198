export * from './db/index.ts'
export { type EventLoopDelay, monitorEventLoopDelay } from './event-loop-delay.ts'
export { type FolderUse, lockFolder } from './folder-lock.ts'
export {
  GC_KINDS,
  type GcKind,
  type GcPause,
  type GcPauses,
  LONG_GC_PAUSE_MS,
  monitorGcPauses,
  RECENT_LONG_GC_PAUSES,
} from './gc-pauses.ts'
export { buildHttp, type HttpApp, type HttpOptions } from './http/build-http.ts'
export { decodeCursor, encodeCursor, pageOf } from './http/cursor.ts'
export * from './http/schemas.ts'
export {
  LATENCY_BOUNDS_MS,
  LatencyHistogram,
  type LatencySnapshot,
  quantileAtMost,
  since,
} from './latency-histogram.ts'
export { PACKAGE_ROOT, VERSION } from './package-root.ts'
