/**
 * The ceiling of `npm run bench:api`: Fastify 5 with one `POST /api/v1/orders` route that parses the
 * JSON body (Fastify's default parser) and answers 201 with a constant the size of an order response
 * (an order with one trade, about 520 bytes), and nothing else: no auth, no validation, no journal.
 *
 * Given a folder as its second argument it is the durable peer instead: each request's body goes
 * into Huiguo's own file journal (`FileJournal`, group commit with O_DSYNC writes) in that folder, and
 * the answer waits until it is durable, as Huiguo's does. Beside Huiguo at the same pace, it shows
 * what this disk allows a server that answers only durable orders, whatever else it does.
 *
 * Run in its own process by bench/api/run.ts; prints `{"port":N}` once listening, stops on SIGTERM.
 * @module
 */
import Fastify from 'fastify'
import { FileJournal } from '../../src/trading/journal/index.ts'

/** The shape and size of what Huiguo answers to an order that traded once. */
const ORDER_RESPONSE = Object.freeze({
  order: {
    id: '123456',
    instrument: 'AL-A00-GY',
    side: 'buy',
    type: 'limit',
    price: 19870,
    qty: 5000,
    filledQty: 5000,
    remainingQty: 0,
    status: 'filled',
    cancelReason: null,
    tif: 'GTC',
    postOnly: false,
    stp: 'cancel_resting',
    reserved: '0',
    createdAt: '2026-11-30T02:02:02.190Z',
    updatedAt: '2026-11-30T02:02:02.190Z',
  },
  trades: [
    {
      id: '61728',
      instrument: 'AL-A00-GY',
      side: 'buy',
      price: 19850,
      allInPrice: 19850,
      qtyKg: 5000,
      orderId: '123456',
      aggressor: 'buy',
      notionalFen: '9925000',
      feeFen: '4963',
      at: '2026-11-30T02:02:02.190Z',
    },
  ],
})

const journalDir = process.argv[3]
const journal = journalDir === undefined ? null : await FileJournal.open(journalDir)
const encoder = new TextEncoder()

const app = Fastify({ logger: false })
app.post('/api/v1/orders', async (request, reply) => {
  if (journal !== null)
    await journal.whenDurable(journal.append(encoder.encode(JSON.stringify(request.body ?? null))))
  reply.status(201)
  return ORDER_RESPONSE
})
const address = await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' })
console.log(JSON.stringify({ port: Number(new URL(address).port) }))
process.once('SIGTERM', () => void app.close().then(() => journal?.close()))
