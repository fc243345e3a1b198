import { join } from 'node:path'
import { FileJournal } from './file-journal.ts'
import { type Journal, STREAM_NAME } from './journal.ts'
import { NatsJournal } from './nats-journal.ts'

export interface OpenJournalOptions {
  /**
   * The journal's name, one per instrument group: the JetStream stream (default `huiguo`), or for a
   * file journal the subdirectory of `target` that holds it (default: `target` itself).
   */
  readonly stream?: string
  /** Where notices go, such as a torn record dropped at open (default `console.warn`). */
  readonly log?: (msg: string) => void
}

/**
 * Opens the journal that `target` names: a `nats://host:port` URL (JetStream, as `HUIGUO_JOURNAL`
 * in production) or a directory path (the embedded file journal).
 *
 * @example
 * const journal = await openJournal(process.env.HUIGUO_JOURNAL ?? 'data/journal', { stream: 'AL' })
 */
export async function openJournal(target: string, options: OpenJournalOptions = {}): Promise<Journal> {
  const { stream, log } = options
  if (stream !== undefined && !STREAM_NAME.test(stream)) {
    throw new RangeError(`journal stream name ${JSON.stringify(stream)} is not valid`)
  }
  const logOption = log ? { log } : {}
  if (/^(nats|tls):\/\//i.test(target)) {
    return NatsJournal.open(target, { stream: stream ?? 'huiguo', ...logOption })
  }
  // Streams of one target get their own directories: two journals must never share segment files.
  return FileJournal.open(stream === undefined ? target : join(target, stream), logOption)
}
