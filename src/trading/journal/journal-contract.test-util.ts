import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Journal, JournalEntry } from './journal.ts'

/** One journal under test: `open` can be called again after `close` to reopen the same journal. */
export interface JournalFixture {
  open(): Promise<Journal>
  /** Removes whatever the journal left behind (directory, stream). */
  dispose(): Promise<void>
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)
export const text = (payload: Uint8Array): string => new TextDecoder().decode(payload)

export async function readAll(journal: Journal, afterSeq = 0): Promise<JournalEntry[]> {
  const entries: JournalEntry[] = []
  for await (const entry of journal.read(afterSeq)) entries.push(entry)
  return entries
}

const appendAll = (journal: Journal, texts: readonly string[]): number[] =>
  texts.map((t) => journal.append(bytes(t)))

/** The contract every journal adapter meets; each adapter's test file runs it with its own fixture. */
export function journalContract(name: string, createFixture: () => Promise<JournalFixture>): void {
  describe(`${name}: journal contract`, () => {
    let fixture: JournalFixture
    let open: Journal[]

    const reopen = async (): Promise<Journal> => {
      const journal = await fixture.open()
      open.push(journal)
      return journal
    }

    beforeEach(async () => {
      fixture = await createFixture()
      open = []
    })
    afterEach(async () => {
      for (const journal of open) await journal.close().catch(() => {})
      await fixture.dispose()
    })

    it('starts empty', async () => {
      const journal = await reopen()
      expect(journal.lastSeq).toBe(0)
      expect(await readAll(journal)).toEqual([])
      await expect(journal.whenDurable(0)).resolves.toBeUndefined()
    })

    it('numbers records from 1 in call order and reads them back', async () => {
      const journal = await reopen()
      const texts = Array.from({ length: 50 }, (_, i) => `command ${i} ${'x'.repeat(i * 7)}`)
      expect(appendAll(journal, texts)).toEqual(texts.map((_, i) => i + 1))
      expect(journal.lastSeq).toBe(50)
      await journal.whenDurable(50)
      const entries = await readAll(journal)
      expect(entries.map((e) => e.seq)).toEqual(texts.map((_, i) => i + 1))
      expect(entries.map((e) => text(e.payload))).toEqual(texts)
      expect((await readAll(journal, 45)).map((e) => e.seq)).toEqual([46, 47, 48, 49, 50])
      expect(await readAll(journal, 50)).toEqual([])
    })

    it('resolves whenDurable for any appended seq, in any order', async () => {
      const journal = await reopen()
      appendAll(journal, ['a', 'b', 'c', 'd', 'e'])
      await Promise.all([journal.whenDurable(4), journal.whenDurable(2), journal.whenDurable(5)])
      await journal.whenDurable(1)
      await expect(journal.whenDurable(6)).rejects.toThrow(RangeError)
    })

    it('reads up to lastSeq at the time of the call', async () => {
      const journal = await reopen()
      appendAll(journal, ['a', 'b', 'c'])
      const reading = journal.read(1)
      appendAll(journal, ['d', 'e'])
      const seen: string[] = []
      for await (const entry of reading) seen.push(text(entry.payload))
      expect(seen).toEqual(['b', 'c'])
    })

    it('continues the sequence after a reopen', async () => {
      const first = await reopen()
      appendAll(first, ['a', 'b', 'c'])
      await first.close()
      const second = await reopen()
      expect(second.lastSeq).toBe(3)
      expect(second.append(bytes('d'))).toBe(4)
      await second.whenDurable(4)
      expect((await readAll(second)).map((e) => text(e.payload))).toEqual(['a', 'b', 'c', 'd'])
    })

    it('makes everything appended before close durable', async () => {
      const first = await reopen()
      appendAll(first, ['a', 'b', 'c'])
      await first.close()
      expect(() => first.append(bytes('late'))).toThrow()
      const second = await reopen()
      expect((await readAll(second)).map((e) => text(e.payload))).toEqual(['a', 'b', 'c'])
    })

    it('keeps many concurrent appends in order', async () => {
      const journal = await reopen()
      const waits: Promise<void>[] = []
      for (let i = 1; i <= 2000; i++) {
        const seq = journal.append(bytes(String(i)))
        if (i % 97 === 0) waits.push(journal.whenDurable(seq))
      }
      await Promise.all(waits)
      await journal.whenDurable(journal.lastSeq)
      const entries = await readAll(journal)
      expect(entries.length).toBe(2000)
      expect(entries.every((e) => text(e.payload) === String(e.seq))).toBe(true)
    })

    it('refuses an empty payload', async () => {
      const journal = await reopen()
      expect(() => journal.append(new Uint8Array(0))).toThrow(RangeError)
      expect(journal.lastSeq).toBe(0)
    })

    it('still reads what follows a released seq, and keeps lastSeq across a reopen', async () => {
      const first = await reopen()
      appendAll(first, ['a', 'b', 'c', 'd', 'e'])
      await first.whenDurable(5)
      await first.releaseUpTo(3)
      expect((await readAll(first, 3)).map((e) => text(e.payload))).toEqual(['d', 'e'])
      await first.releaseUpTo(5)
      await first.close()
      const second = await reopen()
      expect(second.lastSeq).toBe(5)
      expect(second.append(bytes('f'))).toBe(6)
      await second.whenDurable(6)
      expect((await readAll(second, 5)).map((e) => text(e.payload))).toEqual(['f'])
    })
  })
}
