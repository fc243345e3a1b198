import { describe, expect, it } from 'vitest'
import { BaseBook } from './base-book.ts'

// Friday 30 May, Monday 2 June, Tuesday 3 June 2025
const book = new BaseBook(
  ['2025-05-29', '2025-05-30', '2025-06-02', '2025-06-03'],
  [19_000, 19_100, 19_300, 19_500],
)
const at = (iso: string) => Date.parse(iso)

describe('BaseBook', () => {
  it('gives the Shanghai day’s base, Friday’s over the weekend', () => {
    expect(book.dayLevel(at('2025-05-30T03:00:00Z'))).toBe(19_100)
    // 20:00Z on Friday is Saturday 04:00 in Shanghai
    expect(book.dayLevel(at('2025-05-30T20:00:00Z'))).toBe(19_100)
    expect(book.dayLevel(at('2025-06-01T12:00:00Z'))).toBe(19_100)
    // 16:30Z on Sunday is Monday 00:30 in Shanghai
    expect(book.dayLevel(at('2025-06-01T16:30:00Z'))).toBe(19_300)
  })

  it('holds its ends outside the book', () => {
    expect(book.dayLevel(at('2025-01-01T00:00:00Z'))).toBe(19_000)
    expect(book.dayLevel(at('2026-01-01T00:00:00Z'))).toBe(19_500)
  })

  it('averages a month and the month before', () => {
    // May: (19,000 + 19,100) / 2; June: (19,300 + 19,500) / 2
    expect(book.monthAverage(at('2025-06-03T03:00:00Z'))).toBe(19_400)
    expect(book.monthAverage(at('2025-06-03T03:00:00Z'), 1)).toBe(19_050)
    // April is before the book: its first level
    expect(book.monthAverage(at('2025-05-29T03:00:00Z'), 1)).toBe(19_000)
  })
})
