/**
 * `npm run bench:journal`: the file journal's group commit. `--clients C` writers (default 256), each
 * appending a 200-byte record and waiting for it to be durable before the next, as order entry does,
 * until N records (default 200,000, `--records N`) are in, and the time from each append to its
 * durability. The same run is repeated with segments that grow as they are written instead of being
 * zero-filled ahead (the journal's peer: what each durable write costs when it must also commit the
 * file's new size), and with segments opened without O_DSYNC: that ceiling is what the journal costs
 * without the disk. `--nats URL` also runs
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
import { FileJournal, type Journal, NatsJournal, segmentHandleOf } from '../../src/trading/journal/index.ts'
import { arg } from '../args.ts'
import { quantileOfSorted } from '../quantile.ts'

const RECORDS = Number(arg('--records') ?? 200_000)
const CLIENTS = Number(arg('--clients') ?? 256)
const NATS_URL = arg('--nats')
const RUNS = Number(arg('--runs') ?? 3)
const payload = new Uint8Array(200).fill(0x61)

interface Drive {
  readonly perSec: number
  /** Append-to-durable of each record, sorted (ms). */
  readonly waitsMs: Float64Array
}

/** Records per second for CLIENTS writers that each wait for their own record. */
async function drive(journal: Journal, records = RECORDS): Promise<Drive> {
  let left = records
  const waitsMs = new Float64Array(records)
  let done = 0
  const client = async (): Promise<void> => {
    while (left > 0) {
      left--
      const from = performance.now()
      await journal.whenDurable(journal.append(payload))
      waitsMs[done++] = performance.now() - from
    }
  }
  const start = process.hrtime.bigint()
  await Promise.all(Array.from({ length: CLIENTS }, client))
  return { perSec: records / (Number(process.hrtime.bigint() - start) / 1e9), waitsMs: waitsMs.sort() }
}

type FileKind = 'zero-filled' | 'growing' | 'ceiling'

async function fileRun(kind: FileKind, records = RECORDS): Promise<Drive & { fsyncs: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'huiguo-bench-journal-'))
  // The ceiling opens its segments without O_DSYNC (and its fdatasync, used at start, does nothing).
  const openFile = async (path: string, flags: number) => {
    if (kind !== 'ceiling') return segmentHandleOf(await open(path, flags))
    const handle = segmentHandleOf(await open(path, flags & ~constants.O_DSYNC))
    return { ...handle, datasync: async () => {} }
  }
  const journal = await FileJournal.open(dir, {
    openFile: (path, flags) => openFile(path, flags),
    zeroFill: kind !== 'growing',
  })
  try {
    // The first segment is zero-filled right after open: a server has long been up when orders come.
    await journal.whenZeroFilled()
    const run = await drive(journal, records)
    return { ...run, fsyncs: kind === 'ceiling' ? 0 : journal.fsyncs }
  } finally {
    await journal.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function natsRun(url: string): Promise<number> {
  const stream = `bench-journal-${process.pid}`
  const journal = await NatsJournal.open(url, { stream, log: () => {} })
  try {
    return (await drive(journal)).perSec
  } finally {
    await journal.close()
    const nc = await connect({ servers: url })
    await (await nc.jetstreamManager()).streams.delete(stream)
    await nc.close()
  }
}

const fmt = (perSec: number): string => `${Math.round(perSec).toLocaleString('en')} records/s`
const ms = (x: number): string => `${x.toFixed(2)} ms`
console.log(`journal bench: ${RECORDS} records of ${payload.length} bytes, ${CLIENTS} clients`)
type Run = Awaited<ReturnType<typeof fileRun>>
/** The run with the median throughput of RUNS of each kind, the kinds taking turns so all see the same VM. */
async function medianRuns(): Promise<Record<FileKind, Run>> {
  const runs: Record<FileKind, Run[]> = { ceiling: [], 'zero-filled': [], growing: [] }
  for (let i = 0; i < RUNS; i++)
    for (const kind of ['ceiling', 'zero-filled', 'growing'] as const) runs[kind].push(await fileRun(kind))
  const median = (of: Run[]): Run => of.sort((a, b) => a.perSec - b.perSec)[Math.floor(of.length / 2)]!
  return {
    ceiling: median(runs.ceiling),
    'zero-filled': median(runs['zero-filled']),
    growing: median(runs.growing),
  }
}

await fileRun('ceiling', Math.ceil(RECORDS / 4))
const { ceiling, 'zero-filled': durable, growing } = await medianRuns()
const p99 = (run: Run): number => quantileOfSorted(run.waitsMs, 0.99)
const waits = (run: Run): string =>
  `append to durable p50 ${ms(quantileOfSorted(run.waitsMs, 0.5))}, p99 ${ms(p99(run))}, ` +
  `max ${ms(run.waitsMs.at(-1)!)}`
console.log(`  file, no fsync (ceiling):        ${fmt(ceiling.perSec)}`)
for (const [label, run] of [
  ['file, group commit (zero-filled)', durable],
  ['file, segments growing (peer)   ', growing],
] as const)
  console.log(
    `  ${label}: ${fmt(run.perSec)}, ${run.fsyncs} fsyncs (${(RECORDS / run.fsyncs).toFixed(1)} records each); ${waits(run)}`,
  )
const ratio = durable.perSec / ceiling.perSec
console.log(
  `  ratio: ${(ratio * 100).toFixed(1)} % of the ceiling; zero-filled against growing: ` +
    `${(durable.perSec / growing.perSec).toFixed(2)}x the records/s, ` +
    `${(p99(durable) / p99(growing)).toFixed(2)}x the p99`,
)
const nats = NATS_URL ? await natsRun(NATS_URL) : undefined
if (nats !== undefined)
  console.log(`  JetStream:                ${fmt(nats)} (${((nats / ceiling.perSec) * 100).toFixed(1)} %)`)
const round2 = (x: number): number => Number(x.toFixed(2))
console.log(
  JSON.stringify({
    records: RECORDS,
    clients: CLIENTS,
    recordsPerSec: Math.round(durable.perSec),
    fsyncs: durable.fsyncs,
    p99Ms: round2(p99(durable)),
    growingRecordsPerSec: Math.round(growing.perSec),
    growingP99Ms: round2(p99(growing)),
    ceilingRecordsPerSec: Math.round(ceiling.perSec),
    ratio: Number(ratio.toFixed(3)),
    ...(nats === undefined ? {} : { natsRecordsPerSec: Math.round(nats) }),
  }),
)
