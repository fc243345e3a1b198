/**
 * The journal's stalls, as the order thread sees them: stretches in which commands waited
 * LONG_COMMIT_MS or more from their append to their being durable (a slow durable write to the disk,
 * or a late JetStream acknowledgement). Every order in such a stretch is answered late, so a run of
 * late answers can be lined up with the stall behind it, as with the collector's pauses. One stall
 * holds many commands: consecutive slow commits whose waits overlap are folded into one entry.
 * A wait ends when the order thread takes in that the write is durable, so a long collector pause
 * of that thread shows as a stall too: one that starts with a pause is the pause's, not the disk's.
 * Pure: the caller passes the times.
 * @module
 */

/** A wait this long from append to durable is a stall of the journal. */
export const LONG_COMMIT_MS = 5
/** How many stalls are kept (a minute or more of them under load). */
export const RECENT_JOURNAL_STALLS = 64

/** One stall. */
export interface JournalStall {
  /** When its first slow command was appended, Unix ms (fractional). */
  readonly atMs: number
  /** The longest wait of its commands, ms. */
  readonly ms: number
  /** How many commands waited LONG_COMMIT_MS or more in it. */
  readonly commands: number
}

interface OpenStall {
  atMs: number
  ms: number
  commands: number
  /** When its last slow command became durable. */
  endMs: number
}

export class JournalStalls {
  readonly #longMs: number
  readonly #keep: number
  readonly #stalls: OpenStall[] = []

  constructor(options: { readonly longMs?: number; readonly keep?: number } = {}) {
    this.#longMs = options.longMs ?? LONG_COMMIT_MS
    this.#keep = options.keep ?? RECENT_JOURNAL_STALLS
  }

  /**
   * Records one command's commit: appended at `appendedAtMs`, durable at `durableAtMs` (Unix ms).
   * Commands become durable in the order they were appended, so a slow one that was appended before
   * the last stall ended belongs to that stall.
   */
  record(appendedAtMs: number, durableAtMs: number): void {
    const ms = durableAtMs - appendedAtMs
    if (ms < this.#longMs) return
    const last = this.#stalls.at(-1)
    if (last !== undefined && appendedAtMs <= last.endMs) {
      last.atMs = Math.min(last.atMs, appendedAtMs)
      last.ms = Math.max(last.ms, ms)
      last.commands++
      last.endMs = Math.max(last.endMs, durableAtMs)
      return
    }
    this.#stalls.push({ atMs: appendedAtMs, ms, commands: 1, endMs: durableAtMs })
    if (this.#stalls.length > this.#keep) this.#stalls.shift()
  }

  /** The last stalls, oldest first. */
  recent(): JournalStall[] {
    return this.#stalls.map(({ atMs, ms, commands }) => ({ atMs, ms, commands }))
  }
}
