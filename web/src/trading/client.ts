/**
 * The trading calls of the HTTP API. Refusals of an order come back as ProblemErrors like every
 * other failure; the order ticket turns their code into words.
 * @module
 */
import { callJson, type Page, ProblemError, queryString, request } from '../api.ts'
import type {
  Account,
  Bar,
  BarInterval,
  BookView,
  InstrumentView,
  MyTradeView,
  OrderRequest,
  OrderView,
  PlacedOrder,
  Preview,
  PublicTrade,
  SessionUser,
} from './types.ts'

const code = (c: string) => encodeURIComponent(c)

/** A random v4 UUID; crypto.randomUUID exists only in secure contexts (https, localhost). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

export const tradingApi = {
  login: (username: string, password: string) =>
    callJson<{ user: SessionUser }>('/auth/login', { method: 'POST', body: { username, password } }),
  logout: () => callJson<null>('/auth/logout', { method: 'POST' }),
  /** The logged-in user, or null when nobody is (401). */
  me: async (): Promise<SessionUser | null> => {
    const { status, body } = await request('/auth/me')
    if (status === 401) return null
    if (status >= 400) throw new ProblemError(body as never)
    return (body as { user: SessionUser }).user
  },

  instruments: () => callJson<{ items: InstrumentView[]; synthetic: boolean }>('/instruments'),
  instrument: (c: string) => callJson<InstrumentView>(`/instruments/${code(c)}`),
  book: (c: string, depth = 20) => callJson<BookView>(`/instruments/${code(c)}/book?depth=${depth}`),
  trades: (c: string, limit = 50) =>
    callJson<{ items: PublicTrade[] }>(`/instruments/${code(c)}/trades?limit=${limit}`),
  bars: (c: string, interval: BarInterval, limit = 300) =>
    callJson<{ items: Bar[] }>(`/instruments/${code(c)}/bars${queryString({ interval, limit })}`),

  preview: (order: OrderRequest) => callJson<Preview>('/orders/preview', { method: 'POST', body: order }),
  /** The same key and body never makes a second order: a retry after a lost answer is safe. */
  place: (order: OrderRequest, idempotencyKey: string) =>
    callJson<PlacedOrder>('/orders', {
      method: 'POST',
      body: order,
      headers: { 'idempotency-key': idempotencyKey },
    }),
  cancel: (id: string) => callJson<OrderView>(`/orders/${code(id)}`, { method: 'DELETE' }),
  openOrders: () => callJson<Page<OrderView>>('/orders?status=open&limit=200'),
  myTrades: (limit = 20) => callJson<Page<MyTradeView>>(`/trades${queryString({ mine: true, limit })}`),
  account: () => callJson<Account>('/account'),
}
