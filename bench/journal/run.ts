/**
 * `npm run bench:journal`: the file journal's group commit. `--clients C` writers (default 256), each
 * appending a 200-byte record and waiting for it to be durable before the next, as order entry does,
 * until N records (default 200,000, `--records N`) are in. The same run is repeated with segments
 * opened without O_DSYNC: that ceiling is what the journal costs without the disk. `--nats URL` also runs
 * the JetStream journal (a fresh stream, deleted after). Each file figure is the median of `--runs`
 * (default 3) after one warm-up pass; the VM's fsync latency varies a lot, so compare runs of one
 * invocation rather than across invocations. The last line printed is one JSON object.
 * @module
 */
import { constants } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { connect } from 'nats'
import { FileJournal, type Journal, NatsJournal } from '../../src/trading/journal/index.ts'
import { arg } from '../args.ts'

const RECORDS = Number(arg('--records') ?? 200_000)
const CLIENTS = Number(arg('--clients') ?? 256)
const NATS_URL = arg('--nats')
const RUNS = Number(arg('--runs') ?? 3)
const payload = new Uint8Array(200).fill(0x61)

/** Records per second for CLIENTS writers that each wait for their own record. */
async function drive(journal: Journal, records = RECORDS): Promise<number> {
  let left = records
  const client = async (): Promise<void> => {
    while (left > 0) {
      left--
      await journal.whenDurable(journal.append(payload))
    }
  }
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return records / (Number(process.hrtime.bigint() - start) / 1e9)
}

async function fileRun(sync: boolean, records = RECORDS): Promise<{ perSec: number; fsyncs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'huiguo-bench-journal-'))
  // The ceiling opens its segments without O_DSYNC (and its fdatasync, used at start, does nothing).
  const openFile = async (path: string, flags: number) => {
    if (sync) return open(path, flags)
    const handle = await open(path, flags & ~constants.O_DSYNC)
    return Object.assign(Object.create(handle), { datasync: async () => {} })
  }
  const journal = await FileJournal.open(dir, { openFile: (path, flags) => openFile(path, flags) })
  try {
    const perSec = await drive(journal, records)
    return { perSec, fsyncs: sync ? journal.fsyncs : 0 }
  } finally {
    await journal.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function natsRun(url: string): Promise<number> {
  const stream = `bench-journal-${process.pid}`
  const journal = await NatsJournal.open(url, { stream, log: () => {} })
  try {
    return await drive(journal)
  } finally {
    await journal.close()
    const nc = await connect({ servers: url })
    await (await nc.jetstreamManager()).streams.delete(stream)
    await nc.close()
  }
}

const fmt = (perSec: number): string => `${Math.round(perSec).toLocaleString('en')} records/s`
console.log(`journal bench: ${RECORDS} records of ${payload.length} bytes, ${CLIENTS} clients`)
/** The run with the median throughput of RUNS, alternating with the other kind so both see the same VM. */
async function medianRuns(): Promise<{ ceiling: Run; durable: Run }> {
  const ceilings: Run[] = []
  const durables: Run[] = []
  for (let i = 0; i < RUNS; i++) {
    ceilings.push(await fileRun(false))
    durables.push(await fileRun(true))
  }
  const median = (runs: Run[]): Run => runs.sort((a, b) => a.perSec - b.perSec)[Math.floor(runs.length / 2)]!
  return { ceiling: median(ceilings), durable: median(durables) }
}
type Run = Awaited<ReturnType<typeof fileRun>>

await fileRun(false, Math.ceil(RECORDS / 4))
const { ceiling, durable } = await medianRuns()
console.log(`  file, no fsync (ceiling): ${fmt(ceiling.perSec)}`)
const perFsync = RECORDS / durable.fsyncs
console.log(
  `  file, group commit:       ${fmt(durable.perSec)}, ${durable.fsyncs} fsyncs (${perFsync.toFixed(1)} records each)`,
)
const ratio = durable.perSec / ceiling.perSec
console.log(`  ratio: ${(ratio * 100).toFixed(1)} % of the ceiling`)
const nats = NATS_URL ? await natsRun(NATS_URL) : undefined
if (nats !== undefined)
  console.log(`  JetStream:                ${fmt(nats)} (${((nats / ceiling.perSec) * 100).toFixed(1)} %)`)
console.log(
  JSON.stringify({
    records: RECORDS,
    clients: CLIENTS,
    recordsPerSec: Math.round(durable.perSec),
    fsyncs: durable.fsyncs,
    ceilingRecordsPerSec: Math.round(ceiling.perSec),
    ratio: Number(ratio.toFixed(3)),
    ...(nats === undefined ? {} : { natsRecordsPerSec: Math.round(nats) }),
  }),
)
