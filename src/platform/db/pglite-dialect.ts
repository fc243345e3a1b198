import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
} from 'kysely'

/** What the dialect needs of PGlite: the database itself, or `PGliteWorkerClient` for one in a worker. */
export interface PGliteQueryable {
  query<R>(sql: string, parameters: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>
}

/**
 * Kysely over PGlite. PGlite is a single connection, so the driver hands it out to one holder at a
 * time (a FIFO mutex): a transaction keeps it until commit or rollback, other queries wait.
 */
export class PGliteDialect implements Dialect {
  readonly #pglite: PGliteQueryable

  constructor(pglite: PGliteQueryable) {
    this.#pglite = pglite
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createDriver(): Driver {
    return new PGliteDriver(this.#pglite)
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection
  #tail: Promise<void> = Promise.resolve()
  #release: (() => void) | null = null

  constructor(pglite: PGliteQueryable) {
    this.#connection = new PGliteConnection(pglite)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail
    let release!: () => void
    this.#tail = new Promise<void>((resolve) => {
      release = resolve
    })
    await previous
    this.#release = release
    return this.#connection
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'begin', parameters: [] } as unknown as CompiledQuery)
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'commit', parameters: [] } as unknown as CompiledQuery)
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery({ sql: 'rollback', parameters: [] } as unknown as CompiledQuery)
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release
    this.#release = null
    release?.()
  }

  async destroy(): Promise<void> {
    await this.#tail
  }
}

class PGliteConnection implements DatabaseConnection {
  readonly #pglite: PGliteQueryable

  constructor(pglite: PGliteQueryable) {
    this.#pglite = pglite
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters])
      const affected = result.affectedRows
      return affected === undefined
        ? { rows: result.rows }
        : { rows: result.rows, numAffectedRows: BigInt(affected) }
    } catch (error) {
      // Keep the caller's stack: a failing query should point at the code that built it.
      if (error instanceof Error)
        error.stack = `${error.stack}\n${new Error().stack?.split('\n').slice(1).join('\n')}`
      throw error
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is refused before any row
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by PGlite.')
  }
}
