import { AppError } from '../../kernel/index.ts'

/**
 * Keyset cursors: opaque to clients, the last key of the page inside. A cursor that does not decode
 * to a key of the expected shape is refused, never passed to SQL.
 */
export function encodeCursor(lastKey: string): string {
  return Buffer.from(JSON.stringify({ after: lastKey }), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string, keyPattern: RegExp): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (decoded && typeof decoded === 'object' && 'after' in decoded) {
      const after = (decoded as { after: unknown }).after
      if (typeof after === 'string' && keyPattern.test(after)) return after
    }
  } catch {
    // fall through to the refusal below
  }
  throw new AppError('INVALID_CURSOR', 'The cursor is not one this API issued', [
    { field: 'querystring/cursor', message: 'is not a cursor this API issued' },
  ])
}

/** Builds a page from `limit + 1` fetched rows: the extra row only says whether there is more. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null }
  const items = rows.slice(0, limit)
  return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1] as T)) }
}
