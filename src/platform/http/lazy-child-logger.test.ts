import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { buildHttp } from './build-http.ts'

describe("a request's logger", () => {
  it('is built on its first use, with the request id bound, and never for a request that logs nothing', async () => {
    const lines: Record<string, unknown>[] = []
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)))
        done()
      },
    })
    const logger = pino({ level: 'warn' }, sink)
    const child = logger.child.bind(logger)
    let children = 0
    logger.child = ((...args: Parameters<typeof child>) => {
      children++
      return child(...args)
    }) as typeof logger.child
    const app = await buildHttp({ logger, webDistDir: null, version: 'test' })
    let levelSeen = ''
    app.get('/quiet', async (request) => {
      levelSeen = request.log.level
      return { ok: true }
    })
    app.get('/boom', async () => {
      throw new Error('kaput')
    })
    try {
      children = 0
      expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200)
      expect(levelSeen).toBe('warn')
      expect(children).toBe(0)
      const boom = await app.inject({ url: '/boom' })
      expect(boom.statusCode).toBe(500)
      expect(children).toBe(1)
      await new Promise((resolve) => setImmediate(resolve))
      const logged = lines.find((l) => l.msg === 'unhandled error')
      expect(logged).toMatchObject({ level: 50, reqId: expect.any(String), err: { message: 'kaput' } })
    } finally {
      await app.close()
    }
  })
})
