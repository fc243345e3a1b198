/**
 * The main thread's side of `pglite-worker.ts`: `query` posts the statement and resolves with the
 * worker's answer. Errors come back as Errors with PostgreSQL's fields (code, detail, constraint…).
 * @module
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads'
import type { FlushStats } from './pglite-flush.mjs'

export interface QueryAnswer<R> {
  readonly rows: R[]
  readonly affectedRows?: number
}

/** The worker script: plain JavaScript beside this module, and beside the bundle's chunks in dist/. */
const WORKER_SCRIPT = new URL('./pglite-worker.mjs', import.meta.url)

/** What the client posts: a statement (null closes the database), or a request for flush counts. */
type WorkerQuery =
  | { readonly id: number; readonly sql: string | null; readonly parameters: readonly unknown[] }
  | { readonly id: number; readonly flushStats: true }

type WorkerAnswer =
  | {
      readonly id: number
      readonly ok: true
      readonly rows: unknown[]
      readonly affectedRows: number | undefined
    }
  | { readonly id: number; readonly ok: false; readonly error: Record<string, unknown> }

/** Where queries go: the worker itself, or a port it was handed (see `attachPort`). */
type Endpoint = Worker | MessagePort

export class PGliteWorkerClient {
  readonly #endpoint: Endpoint
  readonly #pending = new Map<
    number,
    { resolve: (answer: WorkerAnswer) => void; reject: (e: Error) => void }
  >()
  #nextId = 1
  #failure: Error | null = null

  private constructor(endpoint: Endpoint) {
    this.#endpoint = endpoint
    endpoint.on('message', (answer: WorkerAnswer) => {
      const waiter = this.#pending.get(answer.id)
      this.#pending.delete(answer.id)
      waiter?.resolve(answer)
    })
    const fail = (error: Error) => {
      this.#failure ??= error
      for (const waiter of this.#pending.values()) waiter.reject(error)
      this.#pending.clear()
    }
    if (endpoint instanceof Worker) {
      endpoint.on('error', fail)
      endpoint.on('exit', (code) => fail(new Error(`the PGlite worker exited (${code})`)))
    } else endpoint.on('close', () => fail(new Error('the PGlite worker closed this port')))
  }

  /** Starts the worker and waits until its database answers. */
  static async open(dataDir: string | null): Promise<PGliteWorkerClient> {
    const client = new PGliteWorkerClient(new Worker(WORKER_SCRIPT, { workerData: { dataDir } }))
    try {
      await client.query('select 1')
    } catch (error) {
      await (client.#endpoint as Worker).terminate()
      throw error
    }
    return client
  }

  /**
   * A port to the same database for another thread (`overPort` there). The worker runs one
   * client's transaction at a time, so transactions from both threads stay whole.
   */
  attachPort(): MessagePort {
    if (!(this.#endpoint instanceof Worker)) throw new Error("attach ports through the worker's own client")
    const { port1, port2 } = new MessageChannel()
    this.#endpoint.postMessage({ attach: port1 }, [port1])
    return port2
  }

  /** A client over a port from `attachPort` (in another thread). */
  static overPort(port: MessagePort): PGliteWorkerClient {
    return new PGliteWorkerClient(port)
  }

  async query<R>(sql: string, parameters: readonly unknown[] = []): Promise<QueryAnswer<R>> {
    const answer = await this.#post(sql, parameters)
    if (answer.ok)
      return {
        rows: answer.rows as R[],
        ...(answer.affectedRows !== undefined ? { affectedRows: answer.affectedRows } : {}),
      }
    const error = new Error(String(answer.error.message)) as Error & Record<string, unknown>
    Object.assign(error, answer.error)
    throw error
  }

  /** The worker's flushes so far (none for an in-memory database). */
  async flushStats(): Promise<FlushStats> {
    const answer = await this.#send({ id: this.#nextId++, flushStats: true })
    if (!answer.ok) throw new Error(String(answer.error.message))
    return answer.rows[0] as FlushStats
  }

  /** Closes the database (the worker's client) or just this port (a port's client). */
  async close(): Promise<void> {
    const endpoint = this.#endpoint
    if (endpoint instanceof Worker) {
      if (!this.#failure) await this.#post(null, [])
      await endpoint.terminate()
    } else endpoint.close()
  }

  #post(sql: string | null, parameters: readonly unknown[]): Promise<WorkerAnswer> {
    return this.#send({ id: this.#nextId++, sql, parameters })
  }

  #send(message: WorkerQuery): Promise<WorkerAnswer> {
    if (this.#failure) return Promise.reject(this.#failure)
    return new Promise((resolve, reject) => {
      this.#pending.set(message.id, { resolve, reject })
      this.#endpoint.postMessage(message)
    })
  }
}
