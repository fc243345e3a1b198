import { execFileSync, spawnSync } from 'node:child_process'
import { PassThrough, Readable, Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseTickArg, runReplay } from './replay.ts'

/** Runs the replay over `chunks` (strings or bytes, as split), returning stdout text and the exit code. */
async function replay(
  chunks: (string | Buffer)[],
  tick = 10,
): Promise<{ out: string; code: number; errors: string }> {
  const input = Readable.from(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c)))
  const parts: Buffer[] = []
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk)
      done()
    },
  })
  const errors = new PassThrough()
  const code = await runReplay(input, output, { tick, errors })
  return { out: Buffer.concat(parts).toString('utf8'), code, errors: String(errors.read() ?? '') }
}

const SESSION = [
  '{"op":"new","id":"s1","account":"A","side":"sell","type":"limit","price":20000,"qty":10}',
  '{"op":"new","id":"b1","account":"B","side":"buy","type":"limit","price":20010,"qty":4,"instrument":"default"}',
  '{"op":"amend","id":"s1","qty":3}',
  '{"op":"mode","model":"call"}',
  '{"op":"new","id":"m","account":"B","side":"buy","type":"market","qty":9}',
  '{"op":"mode","model":"continuous"}',
  '{"op":"cancel","id":"s1"}',
  '{"op":"mode","instrument":"AL","model":"call"}',
  '{"op":"uncross","instrument":"AL"}',
  'garbage',
]

const EXPECTED = [
  '{"type":"accepted","id":"s1"}',
  '{"type":"accepted","id":"b1"}',
  '{"type":"trade","buy":"b1","sell":"s1","price":20000,"qty":4,"aggressor":"buy"}',
  '{"type":"amended","id":"s1","price":20000,"qty":3}',
  '{"type":"mode","instrument":"default","model":"call"}',
  '{"type":"accepted","id":"m"}',
  '{"type":"uncross","instrument":"default","price":20000,"qty":3}',
  '{"type":"trade","buy":"m","sell":"s1","price":20000,"qty":3,"aggressor":"auction"}',
  '{"type":"cancelled","id":"m","remaining":6,"reason":"unfilled"}',
  '{"type":"mode","instrument":"default","model":"continuous"}',
  '{"type":"rejected","id":"s1","reason":"unknown_order"}',
  '{"type":"mode","instrument":"AL","model":"call"}',
  '{"type":"uncross","instrument":"AL","price":null,"qty":0}',
  '{"type":"rejected","id":null,"reason":"invalid"}',
]

describe('runReplay', () => {
  it('prints the events, one JSON object per line, with the contract key order', async () => {
    const { out, code } = await replay([`${SESSION.join('\n')}\n`])
    expect(code).toBe(0)
    expect(out).toBe(`${EXPECTED.join('\n')}\n`)
  })

  it('does not depend on how the input is chunked (lines and UTF-8 characters split)', async () => {
    const text = `${SESSION.join('\r\n')}\n{"op":"new","id":"汇果-1","account":"x","side":"buy","type":"limit","price":10,"qty":1}`
    const bytes = Buffer.from(text)
    const chunks: Buffer[] = []
    for (let at = 0; at < bytes.length; at += 7) chunks.push(bytes.subarray(at, at + 7))
    const { out } = await replay(chunks)
    expect(out).toBe(`${EXPECTED.join('\n')}\n{"type":"accepted","id":"汇果-1"}\n`)
  })

  it('skips blank lines and reads a last line without a newline', async () => {
    const { out } = await replay(['\n\n   \n{"op":"uncross"}'])
    expect(out).toBe('{"type":"rejected","id":null,"reason":"invalid"}\n')
  })

  it('uses the tick it is given', async () => {
    const line = '{"op":"new","id":"a","account":"x","side":"buy","type":"limit","price":25,"qty":1}\n'
    expect((await replay([line], 5)).out).toBe('{"type":"accepted","id":"a"}\n')
    expect((await replay([line], 10)).out).toBe('{"type":"rejected","id":"a","reason":"invalid_price"}\n')
  })

  it('writes big outputs in chunks and waits when the output is full', async () => {
    const n = 50_000
    const lines = Array.from(
      { length: n },
      (_, i) =>
        `{"op":"new","id":"o${i}","account":"a${i % 7}","side":"${i % 2 ? 'buy' : 'sell'}","type":"limit","price":${1000 + (i % 13) * 10},"qty":${1 + (i % 9)}}`,
    )
    const input = Readable.from([Buffer.from(`${lines.join('\n')}\n`)])
    const output = new PassThrough({ highWaterMark: 1024 })
    let text = ''
    let writes = 0
    output.on('data', (chunk: Buffer) => {
      writes++
      text += chunk.toString()
    })
    expect(await runReplay(input, output, { tick: 10 })).toBe(0)
    const events = text.split('\n').filter(Boolean)
    expect(events.filter((e) => e.includes('"accepted"'))).toHaveLength(n)
    expect(writes).toBeGreaterThan(1)
    expect(writes).toBeLessThan(events.length / 100)
  })

  it('refuses a bad tick with exit code 2 and prints nothing', async () => {
    for (const tick of [0, -10, 2.5, Number.NaN]) {
      const { out, code, errors } = await replay(['{"op":"uncross"}\n'], tick)
      expect(code).toBe(2)
      expect(out).toBe('')
      expect(errors).toMatch(/--tick must be a positive integer/)
    }
  })
})

describe('parseTickArg', () => {
  it('reads --tick N and --tick=N, defaults to 10, and gives NaN for a malformed value', () => {
    expect(parseTickArg([])).toBe(10)
    expect(parseTickArg(['--tick', '5'])).toBe(5)
    expect(parseTickArg(['--tick=20'])).toBe(20)
    expect(parseTickArg(['--tick', 'x'])).toBeNaN()
    expect(parseTickArg(['--tick'])).toBeNaN()
    expect(parseTickArg(['--tick=1.5'])).toBeNaN()
  })
})

describe('huiguo replay (end to end)', () => {
  it('reads stdin and prints only events on stdout', () => {
    const bin = fileURLToPath(new URL('../../bin/huiguo.js', import.meta.url))
    const out = execFileSync(process.execPath, [bin, 'replay', '--tick', '10'], {
      input: `${SESSION.join('\n')}\n`,
      encoding: 'utf8',
    })
    expect(out).toBe(`${EXPECTED.join('\n')}\n`)
  })

  it('refuses a bad tick with exit code 2 and prints nothing on stdout', () => {
    const bin = fileURLToPath(new URL('../../bin/huiguo.js', import.meta.url))
    const run = spawnSync(process.execPath, [bin, 'replay', '--tick', '0'], { input: '', encoding: 'utf8' })
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/--tick/)
  })
})
