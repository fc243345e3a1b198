import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHAIN_LINKS, chainView } from './chain.ts'
import { CHAIN_STAGES } from './model.ts'

describe('industrial chain', () => {
  it('links only known stages and reaches every stage from casting', () => {
    const seen = new Set<string>(['casting'])
    let grew = true
    while (grew) {
      grew = false
      for (const l of CHAIN_LINKS) {
        expect(CHAIN_STAGES).toContain(l.from)
        expect(CHAIN_STAGES).toContain(l.to)
        if (seen.has(l.from) && !seen.has(l.to)) {
          seen.add(l.to)
          grew = true
        }
      }
    }
    expect([...seen].sort()).toEqual([...CHAIN_STAGES].sort())
  })

  it('lists every stage in chain order and flags the thin ones', () => {
    const view = chainView([
      { stage: 'cold_rolling', enterprises: 120, processors: 100, supporting: 20 },
      { stage: 'foil_rolling', enterprises: 60, processors: 55, supporting: 5 },
      { stage: 'hot_rolling', enterprises: 12, processors: 12, supporting: 0 },
      { stage: 'casting', enterprises: 80, processors: 70, supporting: 10 },
      { stage: 'components', enterprises: 8, processors: 3, supporting: 5 },
    ])
    expect(view.map((s) => s.stage)).toEqual([...CHAIN_STAGES])
    const thin = Object.fromEntries(view.map((s) => [s.stage, s.thin]))
    expect(thin.cold_rolling).toBe(false)
    expect(thin.components).toBe(true) // fewer than 10
    expect(thin.recycling).toBe(true) // nobody
    expect(view.find((s) => s.stage === 'recycling')?.enterprises).toBe(0)
  })

  it('a stage with more enterprises is never thinner than one with fewer', () => {
    const counts = fc.array(fc.nat(500), { minLength: CHAIN_STAGES.length, maxLength: CHAIN_STAGES.length })
    fc.assert(
      fc.property(counts, (ns) => {
        const view = chainView(
          ns.map((n, i) => ({ stage: CHAIN_STAGES[i]!, enterprises: n, processors: n, supporting: 0 })),
        )
        for (const a of view)
          for (const b of view) if (a.enterprises >= b.enterprises && a.thin) expect(b.thin).toBe(true)
      }),
    )
  })
})
