import fc from 'fast-check'
import { describe, it } from 'vitest'
import { createRandom } from '../../kernel/index.ts'
import { type CommandDraw, checkStream, DRAW_FIELDS, toLines } from './stream-check.test-util.ts'

const drawArb: fc.Arbitrary<CommandDraw> = fc.record(
  Object.fromEntries(DRAW_FIELDS.map((field) => [field, fc.nat()])) as Record<
    keyof CommandDraw,
    fc.Arbitrary<number>
  >,
)

/** The same kind of draws from the project's seeded generator, for streams longer than fast-check's. */
function seededDraws(seed: number, n: number): CommandDraw[] {
  const r = createRandom(seed)
  const draw = (): CommandDraw =>
    Object.fromEntries(DRAW_FIELDS.map((field) => [field, r.int(0, 2 ** 30)])) as unknown as CommandDraw
  return Array.from({ length: n }, draw)
}

describe('engine against the reference model', () => {
  it('gives the same events and keeps every invariant on random streams', () => {
    fc.assert(
      fc.property(fc.array(drawArb, { minLength: 1, maxLength: 400, size: 'max' }), (draws) => {
        checkStream(toLines(draws))
      }),
      { numRuns: 300 },
    )
  })

  it('agrees on long seeded streams (2 × 20,000 commands)', { timeout: 180_000 }, () => {
    for (const seed of [1, 2]) checkStream(toLines(seededDraws(seed, 20_000)), 97)
  })
})
