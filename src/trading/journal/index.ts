/**
 * The trading module's command journal: a durable, sequenced log that every command goes through
 * before the engine applies it (DESIGN.md §5–6). Two adapters behind one interface: `FileJournal`
 * (append-only segment files with group-commit fdatasync, the embedded default) and `NatsJournal`
 * (a JetStream stream per instrument group). `openJournal` picks one from a path or a URL.
 * @module
 */
export { FileJournal, type FileJournalOptions, segmentHandleOf } from './file-journal.ts'
export {
  type Journal,
  JournalCorruptionError,
  type JournalEntry,
  JournalFailedError,
  JournalReleasedError,
  LONG_WRITE_MS,
  MAX_PAYLOAD_BYTES,
  RECENT_SLOW_WRITES,
  type SlowWrite,
} from './journal.ts'
export { NatsJournal, type NatsJournalOptions } from './nats-journal.ts'
export { type OpenJournalOptions, openJournal } from './open-journal.ts'
