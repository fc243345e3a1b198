interface Waiter {
  readonly seq: number
  readonly resolve: () => void
  readonly reject: (error: Error) => void
}

const RESOLVED = Promise.resolve()
/** What takes a resolved waiter's place in the queue until the queue is compacted. */
const SETTLED: Waiter = { seq: 0, resolve: () => {}, reject: () => {} }

/**
 * The durable watermark of a journal and the callers waiting for it. A promise exists only for a
 * caller that asked (`wait`); advancing the watermark past records nobody waits for costs nothing.
 * Waiters are kept sorted by seq (callers almost always wait in append order, so it is a push).
 * @internal
 */
export class DurableWaiters {
  #durableSeq: number
  #failure: Error | undefined
  #queue: Waiter[] = []
  #head = 0

  constructor(durableSeq: number) {
    this.#durableSeq = durableSeq
  }

  /** Every record up to this seq is durable. */
  get durableSeq(): number {
    return this.#durableSeq
  }

  /** Why the journal failed, if it did. */
  get failure(): Error | undefined {
    return this.#failure
  }

  /** A promise for "every record up to `seq` is durable"; `lastSeq` bounds what can ever get there. */
  wait(seq: number, lastSeq: number): Promise<void> {
    if (seq <= this.#durableSeq) return RESOLVED
    if (this.#failure) return Promise.reject(this.#failure)
    if (!Number.isSafeInteger(seq) || seq > lastSeq) {
      return Promise.reject(new RangeError(`cannot wait for seq ${seq}: the last appended seq is ${lastSeq}`))
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = { seq, resolve, reject }
      const queue = this.#queue
      let at = queue.length
      while (at > this.#head && queue[at - 1]!.seq > seq) at--
      if (at === queue.length) queue.push(waiter)
      else queue.splice(at, 0, waiter)
    })
  }

  /** Records up to `seq` became durable: resolve everyone waiting for them. */
  advance(seq: number): void {
    if (seq <= this.#durableSeq) return
    this.#durableSeq = seq
    const queue = this.#queue
    let head = this.#head
    while (head < queue.length && queue[head]!.seq <= seq) {
      queue[head]!.resolve()
      // Under steady load the queue is never empty, so its resolved entries stay until a splice:
      // thousands of them, each with its promise's two functions, long enough to be promoted out
      // of the young generation and leave garbage for a full collection of the order thread.
      queue[head++] = SETTLED
    }
    if (head === queue.length) {
      queue.length = 0
      head = 0
    } else if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head)
      head = 0
    }
    this.#head = head
  }

  /** The journal failed: reject every waiter now and every later `wait` beyond the watermark. */
  fail(error: Error): void {
    if (this.#failure) return
    this.#failure = error
    const queue = this.#queue
    for (let i = this.#head; i < queue.length; i++) queue[i]!.reject(error)
    this.#queue = []
    this.#head = 0
  }
}
