import { demoInstruments } from './demo.ts'
import type { Instrument } from './model.ts'

/** The demo instrument of `code` with its handle (its position), for pure tests. */
export function demo(code: string, changes: Partial<Instrument> = {}): Instrument {
  const all = demoInstruments('w-001')
  const handle = all.findIndex((i) => i.code === code)
  const found = all[handle]
  if (!found) throw new Error(`no demo instrument ${code}`)
  return { ...found, handle, ...changes }
}

/** An instant given as Shanghai wall time: at('2025-03-03 09:00') */
export const at = (shanghai: string): number => Date.parse(`${shanghai.replace(' ', 'T')}+08:00`)
