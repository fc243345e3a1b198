import { randomUUID } from 'node:crypto'
import { connect } from 'nats'
import { describe, expect, it } from 'vitest'
import { JournalFailedError, NatsJournal, openJournal } from './index.ts'
import { bytes, type JournalFixture, journalContract, readAll } from './journal-contract.test-util.ts'

const url = process.env.TEST_NATS_URL
const quiet = { log: () => {} }
const uniqueStream = (): string => `test-journal-${randomUUID().slice(0, 8)}`

async function deleteStream(stream: string): Promise<void> {
  const nc = await connect({ servers: url })
  try {
    const jsm = await nc.jetstreamManager()
    await jsm.streams.delete(stream).catch(() => false)
  } finally {
    await nc.close()
  }
}

async function natsFixture(): Promise<JournalFixture> {
  const stream = uniqueStream()
  return {
    open: () => NatsJournal.open(url!, { stream, ...quiet }),
    dispose: () => deleteStream(stream),
  }
}

describe.runIf(url)('NatsJournal (TEST_NATS_URL)', () => {
  journalContract('NatsJournal', natsFixture)

  it('fails when another writer appended to the stream', async () => {
    const stream = uniqueStream()
    const first = await NatsJournal.open(url!, { stream, ...quiet })
    const second = await NatsJournal.open(url!, { stream, ...quiet })
    try {
      await first.whenDurable(first.append(bytes('mine')))
      const seq = second.append(bytes('theirs'))
      expect(seq).toBe(1)
      await expect(second.whenDurable(seq)).rejects.toThrow(JournalFailedError)
      expect(() => second.append(bytes('more'))).toThrow(JournalFailedError)
      expect((await readAll(first)).map((e) => new TextDecoder().decode(e.payload))).toEqual(['mine'])
    } finally {
      await first.close()
      await second.close().catch(() => {})
      await deleteStream(stream)
    }
  })

  it('fails when the stream disappears under it', async () => {
    const stream = uniqueStream()
    const journal = await NatsJournal.open(url!, { stream, ...quiet })
    await journal.whenDurable(journal.append(bytes('kept')))
    await deleteStream(stream)
    await expect(journal.whenDurable(journal.append(bytes('lost')))).rejects.toThrow(JournalFailedError)
    await expect(journal.close()).rejects.toThrow(JournalFailedError)
  })

  it('purges exactly the released records', async () => {
    const stream = uniqueStream()
    const journal = await NatsJournal.open(url!, { stream, ...quiet })
    try {
      for (let i = 1; i <= 5; i++) journal.append(bytes(String(i)))
      await journal.whenDurable(5)
      await journal.releaseUpTo(2)
      expect((await readAll(journal, 2)).map((e) => e.seq)).toEqual([3, 4, 5])
      await expect(readAll(journal, 1)).rejects.toThrow(/released/)
    } finally {
      await journal.close()
      await deleteStream(stream)
    }
  })

  it('is what openJournal opens for a nats:// URL', async () => {
    const stream = uniqueStream()
    const journal = await openJournal(url!, { stream, ...quiet })
    expect(journal).toBeInstanceOf(NatsJournal)
    await journal.close()
    await deleteStream(stream)
  })
})
