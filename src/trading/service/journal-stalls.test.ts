import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { JournalStalls, LONG_COMMIT_MS } from './journal-stalls.ts'

interface Commit {
  readonly appendedAtMs: number
  readonly durableAtMs: number
}

/** Commits in journal order: appended in order, durable in order, each no earlier than its append. */
const commits = fc
  .array(fc.record({ gapMs: fc.integer({ min: 0, max: 12 }), waitMs: fc.integer({ min: 0, max: 40 }) }), {
    maxLength: 300,
  })
  .map((steps) => {
    let appendedAtMs = 1_800_000_000_000
    let durableAtMs = 0
    return steps.map(({ gapMs, waitMs }): Commit => {
      appendedAtMs += gapMs
      durableAtMs = Math.max(durableAtMs, appendedAtMs + waitMs)
      return { appendedAtMs, durableAtMs }
    })
  })

const waitOf = (c: Commit) => c.durableAtMs - c.appendedAtMs

function recordAll(list: readonly Commit[], keep?: number) {
  const stalls = new JournalStalls(keep === undefined ? {} : { keep })
  for (const c of list) stalls.record(c.appendedAtMs, c.durableAtMs)
  return stalls.recent()
}

describe('JournalStalls', () => {
  it('folds the slow commits into stalls: each a run whose waits overlap, split where they do not', () => {
    fc.assert(
      fc.property(commits, (list) => {
        const slow = list.filter((c) => waitOf(c) >= LONG_COMMIT_MS)
        const stalls = recordAll(list, Number.MAX_SAFE_INTEGER)
        expect(stalls.reduce((n, s) => n + s.commands, 0)).toBe(slow.length)
        let next = 0
        let previousEnd = Number.NEGATIVE_INFINITY
        for (const stall of stalls) {
          const members = slow.slice(next, next + stall.commands)
          next += stall.commands
          expect(stall.commands).toBeGreaterThan(0)
          expect(stall.atMs).toBe(members[0]!.appendedAtMs)
          expect(stall.ms).toBe(Math.max(...members.map(waitOf)))
          // a new stall starts only after the previous one's commands were all durable...
          expect(members[0]!.appendedAtMs).toBeGreaterThan(previousEnd)
          // ...and within a stall each command was appended before the earlier ones were all durable
          let end = members[0]!.durableAtMs
          for (const member of members.slice(1)) {
            expect(member.appendedAtMs).toBeLessThanOrEqual(end)
            end = Math.max(end, member.durableAtMs)
          }
          previousEnd = end
        }
      }),
    )
  })

  it('keeps only the last stalls', () => {
    fc.assert(
      fc.property(commits, fc.integer({ min: 1, max: 8 }), (list, keep) => {
        expect(recordAll(list, keep)).toEqual(recordAll(list, Number.MAX_SAFE_INTEGER).slice(-keep))
      }),
    )
  })

  it('passes over commits that were durable in time', () => {
    const stalls = new JournalStalls()
    stalls.record(1000, 1000 + LONG_COMMIT_MS - 0.01)
    expect(stalls.recent()).toEqual([])
    stalls.record(1001, 1001 + LONG_COMMIT_MS)
    expect(stalls.recent()).toEqual([{ atMs: 1001, ms: LONG_COMMIT_MS, commands: 1 }])
  })
})
