import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { placeById } from '../data/places.ts'
import { formulaLane } from './distance.ts'
import { createOsrmRouter, formulaRouter, roadRouterFromEnv } from './road-router.ts'

const huiguo = placeById('huiguo')!
const shanghai = placeById('shanghai')!
const formula = formulaLane(huiguo, shanghai)

const answer = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('road routing', () => {
  it('asks OSRM for the driving route and takes its distance in metres', async () => {
    const asked: string[] = []
    const router = createOsrmRouter({
      baseUrl: 'http://osrm.test:5000/',
      fetch: async (url) => {
        asked.push(String(url))
        return answer({ code: 'Ok', routes: [{ distance: 1_051_234.5, duration: 40_000 }] })
      },
    })
    const lane = await router.lane(huiguo, shanghai)
    expect(asked).toEqual([
      'http://osrm.test:5000/route/v1/driving/112.868,34.686;121.47,31.23?overview=false',
    ])
    expect(lane).toEqual({ ...formula, roadKm: 1051.2345, roadSource: 'osrm' })
    // Rail and great-circle stay the formula's; a second ask of the same lane is served from the cache.
    await router.lane(huiguo, shanghai)
    expect(asked).toHaveLength(1)
  })

  it('falls back on the formula, and says why, when the server has no route, errs or fails', async () => {
    const reasons: string[] = []
    const cases: (() => Promise<Response>)[] = [
      async () => answer({ code: 'NoRoute', message: 'Impossible route' }, 400),
      async () => answer({ code: 'Ok', routes: [] }),
      async () => new Response('not json', { status: 200 }),
      async () => {
        throw new TypeError('fetch failed')
      },
    ]
    for (const fetch of cases) {
      const router = createOsrmRouter({
        baseUrl: 'http://osrm.test',
        fetch,
        onFallback: (r) => reasons.push(r),
      })
      expect(await router.lane(huiguo, shanghai)).toEqual(formula)
    }
    expect(reasons).toHaveLength(4)
    expect(reasons[3]).toContain('fetch failed')
  })

  describe('against a server that does not answer in time', () => {
    let server: Server
    let url: string
    beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url?.includes('slow')) return // never answers
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ code: 'Ok', routes: [{ distance: 12_000 }] }))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })

    it('waits no longer than its timeout, then uses the formula', async () => {
      const reasons: string[] = []
      const slow = createOsrmRouter({
        baseUrl: `${url}/slow`,
        timeoutMs: 100,
        onFallback: (r) => reasons.push(r),
      })
      const started = performance.now()
      expect(await slow.lane(huiguo, shanghai)).toEqual(formula)
      expect(performance.now() - started).toBeLessThan(2_000)
      expect(reasons[0]).toMatch(/timeout|aborted/i)
      const fast = createOsrmRouter({ baseUrl: url, timeoutMs: 1_000 })
      expect(await fast.lane(huiguo, shanghai)).toMatchObject({ roadKm: 12, roadSource: 'osrm' })
    })
  })

  it('uses OSRM only when HUIGUO_ROUTING_URL is set', () => {
    expect(roadRouterFromEnv({})).toBe(formulaRouter)
    expect(roadRouterFromEnv({ HUIGUO_ROUTING_URL: '  ' })).toBe(formulaRouter)
    expect(roadRouterFromEnv({ HUIGUO_ROUTING_URL: 'http://osrm:5000' })).not.toBe(formulaRouter)
  })
})
