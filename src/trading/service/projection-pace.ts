/**
 * When the projector thread writes its waiting commands to SQL. Pure: the thread gives it the
 * time and what waits, and acts on the answer.
 *
 * While orders stream in (a burst: PROJECTION_BURST_PER_SEC or more in the last second, or that rate
 * over the last PROJECTION_BURST_ONSET_MS) and nobody reads, the projection holds its work, within
 * bounds, and writes it when the burst ends. Its thread runs at background priority, but on a small
 * virtual machine that does not keep its CPU from the order thread: a background CPU burner took
 * the bare endpoint's p99 at a paced 5,400 req/s from 2.1 ms to 5.1–6.6 ms, and the projection
 * (about 400 µs of CPU per order on PGlite, against the order thread's 70–110) took 1 s of the
 * order thread's 10 in each full-rate pass of `bench:api`. The work is the same; held, it runs
 * when orders stop, not while they are answered. A reader that needs the projection still hurries
 * it (the service's `projected()`), and then waits for what was held: up to PROJECTION_HOLD_MAX_MS
 * of the burst's commands.
 * @module
 */

/** Commands in the last second from which the projection holds its work (see the module's note). */
export const PROJECTION_BURST_PER_SEC = 500
/**
 * A burst is also seen from the same rate over this much of the last second, so that its first
 * commands are held too. Measured over the whole second only, a stream of 1,900 orders a second
 * was seen after 260 ms, by when the projection had begun a batch of its first 190 commands: that
 * batch took the second core for 100–300 ms, and every stream of `bench:api`'s half-rate passes
 * began with a pile-up of 20–100 ms latencies.
 */
export const PROJECTION_BURST_ONSET_MS = 100
/** How long the oldest waiting command may be held during a burst. */
export const PROJECTION_HOLD_MAX_MS = 10_000
/**
 * How many commands a burst may hold: half the backlog at which new orders are refused
 * (MAX_PROJECTION_BACKLOG), so that the other half is left for catching up while orders go on.
 */
export const PROJECTION_HOLD_MAX_COMMANDS = 100_000
/** How often a held projection looks again whether the burst is over. */
export const PROJECTION_BURST_RECHECK_MS = 250

export interface ProjectionPaceInput {
  readonly nowMs: number
  /** Commands waiting to be written (at least one). */
  readonly queued: number
  /** When the oldest of them reached the projector. */
  readonly oldestArrivedAtMs: number
  /** Commands that reached the projector in the last second... */
  readonly arrivedLastSecondCount: number
  /** ...and in the last PROJECTION_BURST_ONSET_MS of it. */
  readonly arrivedOnsetCount: number
  /** A reader waits, the projector is closing, or a hold ended and its backlog is being written. */
  readonly urgent: boolean
  /** Outside a burst: a transaction gathers up to this many commands... */
  readonly batchCommands: number
  /** ...or waits at most this long for them. */
  readonly delayMs: number
}

export type ProjectionPace =
  /** `endsHold`: a burst's hold reached its bound; write everything waiting, batch after batch. */
  | { readonly write: true; readonly endsHold: boolean }
  | { readonly write: false; readonly recheckInMs: number }

/**
 * Whether orders are streaming in: PROJECTION_BURST_PER_SEC commands or more in the last second, or
 * that rate over the last PROJECTION_BURST_ONSET_MS. The one rule for background work on the database
 * that gives way to a burst: the projection here, the pricing schedule through `OrderFlow`.
 */
export const isBurst = (arrivedLastSecondCount: number, arrivedOnsetCount: number): boolean =>
  arrivedLastSecondCount >= PROJECTION_BURST_PER_SEC ||
  arrivedOnsetCount * 1000 >= PROJECTION_BURST_PER_SEC * PROJECTION_BURST_ONSET_MS

export function projectionPace(input: ProjectionPaceInput): ProjectionPace {
  if (input.urgent) return { write: true, endsHold: false }
  const waitedMs = Math.max(0, input.nowMs - input.oldestArrivedAtMs)
  if (isBurst(input.arrivedLastSecondCount, input.arrivedOnsetCount)) {
    if (input.queued >= PROJECTION_HOLD_MAX_COMMANDS || waitedMs >= PROJECTION_HOLD_MAX_MS)
      return { write: true, endsHold: true }
    return {
      write: false,
      recheckInMs: Math.min(PROJECTION_BURST_RECHECK_MS, PROJECTION_HOLD_MAX_MS - waitedMs),
    }
  }
  if (input.queued >= input.batchCommands || waitedMs >= input.delayMs)
    return { write: true, endsHold: false }
  return { write: false, recheckInMs: input.delayMs - waitedMs }
}
