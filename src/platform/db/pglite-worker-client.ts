/**
 * The main thread's side of `pglite-worker.ts`: `query` posts the statement and resolves with the
 * worker's answer. Errors come back as Errors with PostgreSQL's fields (code, detail, constraint…).
 * @module
 */
import { Worker } from 'node:worker_threads'

export interface QueryAnswer<R> {
  readonly rows: R[]
  readonly affectedRows?: number
}

/** The worker script: plain JavaScript beside this module, and beside the bundle's chunks in dist/. */
const WORKER_SCRIPT = new URL('./pglite-worker.mjs', import.meta.url)

/** What the client posts: a statement (null closes the database). */
interface WorkerQuery {
  readonly id: number
  readonly sql: string | null
  readonly parameters: readonly unknown[]
}
type WorkerAnswer =
  | {
      readonly id: number
      readonly ok: true
      readonly rows: unknown[]
      readonly affectedRows: number | undefined
    }
  | { readonly id: number; readonly ok: false; readonly error: Record<string, unknown> }

export class PGliteWorkerClient {
  readonly #worker: Worker
  readonly #pending = new Map<
    number,
    { resolve: (answer: WorkerAnswer) => void; reject: (e: Error) => void }
  >()
  #nextId = 1
  #failure: Error | null = null

  private constructor(dataDir: string | null) {
    this.#worker = new Worker(WORKER_SCRIPT, { workerData: { dataDir } })
    this.#worker.on('message', (answer: WorkerAnswer) => {
      const waiter = this.#pending.get(answer.id)
      this.#pending.delete(answer.id)
      waiter?.resolve(answer)
    })
    const fail = (error: Error) => {
      this.#failure ??= error
      for (const waiter of this.#pending.values()) waiter.reject(error)
      this.#pending.clear()
    }
    this.#worker.on('error', fail)
    this.#worker.on('exit', (code) => fail(new Error(`the PGlite worker exited (${code})`)))
  }

  /** Starts the worker and waits until its database answers. */
  static async open(dataDir: string | null): Promise<PGliteWorkerClient> {
    const client = new PGliteWorkerClient(dataDir)
    try {
      await client.query('select 1')
    } catch (error) {
      await client.#worker.terminate()
      throw error
    }
    return client
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

  async close(): Promise<void> {
    if (!this.#failure) await this.#post(null, [])
    await this.#worker.terminate()
  }

  #post(sql: string | null, parameters: readonly unknown[]): Promise<WorkerAnswer> {
    if (this.#failure) return Promise.reject(this.#failure)
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#worker.postMessage({ id, sql, parameters } satisfies WorkerQuery)
    })
  }
}
