/**
 * Where a process spent its CPU: the self time of a V8 `.cpuprofile` (written by `node --cpu-prof`)
 * by function and by module (an npm package, a folder of src/, a node: builtin, PGlite's WebAssembly),
 * idle time left out, optionally only within given windows of time (the load passes, not the start).
 * Used by `npm run bench:api -- --cpu-prof` on the Huiguo server.
 * @module
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  readonly id: number
  readonly callFrame: { functionName: string; url: string; lineNumber: number }
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly startTime: number
  readonly endTime: number
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

/** A span of time in microseconds of the monotonic clock (`process.hrtime`), as V8 stamps samples. */
export interface Window {
  readonly fromUs: number
  readonly toUs: number
}

export interface SelfTime {
  readonly name: string
  readonly selfMs: number
  /** Share of the busy (non-idle) time. */
  readonly share: number
}

export interface ProfileSummary {
  readonly busyMs: number
  readonly functions: readonly SelfTime[]
  readonly modules: readonly SelfTime[]
}

/** The module a frame belongs to, from its script URL. */
function moduleOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)'
  if (url.startsWith('wasm://')) return 'wasm (PGlite)'
  if (url.startsWith('node:')) return url.split('/')[0]!
  const packaged = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (packaged) return packaged[1]!
  const source = /\/(src|bench|dist|bin)\/(.*)$/.exec(url)
  if (source) {
    const parts = source[2]!.split('/')
    return `${source[1]}/${parts.slice(0, Math.min(2, parts.length - 1)).join('/') || parts[0]}`
  }
  return url
}

function top(totals: Map<string, number>, msPerHit: number, busyHits: number, n: number): SelfTime[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, hits]) => ({ name, selfMs: Math.round(hits * msPerHit), share: hits / busyHits }))
}

/** The top `n` functions and modules by self time in the profile at `path`, within `windows` if given. */
export function summarizeProfile(path: string, windows: readonly Window[] = [], n = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const msPerHit = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length)
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const inWindow = (us: number) => windows.length === 0 || windows.some((w) => us >= w.fromUs && us < w.toUs)
  const functions = new Map<string, number>()
  const modules = new Map<string, number>()
  let busyHits = 0
  let at = profile.startTime
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0
    const node = nodes.get(profile.samples[i]!)
    if (!node || !inWindow(at)) continue
    const { functionName, url, lineNumber } = node.callFrame
    if (functionName === '(idle)') continue
    busyHits++
    const file = url.replace(/^file:\/\/.*?\/(node_modules|src|bench|dist|bin)\//, '$1/')
    const name = `${functionName || '(anonymous)'}${url ? ` ${file}:${lineNumber + 1}` : ''}`
    functions.set(name, (functions.get(name) ?? 0) + 1)
    const module = moduleOf(url, functionName)
    modules.set(module, (modules.get(module) ?? 0) + 1)
  }
  return {
    busyMs: Math.round(busyHits * msPerHit),
    functions: top(functions, msPerHit, busyHits, n),
    modules: top(modules, msPerHit, busyHits, n),
  }
}
