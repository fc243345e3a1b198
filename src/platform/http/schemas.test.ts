import fc from 'fast-check'
import { Type } from 'typebox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildHttp, type HttpApp } from './build-http.ts'
import { NullableInteger, NullableStringEnum, StringEnum } from './schemas.ts'

const SIDES = ['buy', 'sell'] as const
const REASONS = ['user', 'unfilled', 'fok', 'stp'] as const
const Answer = Type.Object({
  side: StringEnum(SIDES),
  reason: NullableStringEnum(REASONS),
  price: NullableInteger('CNY/t'),
})

describe('enum and nullable schemas on the HTTP shell', () => {
  let app: HttpApp
  beforeAll(async () => {
    app = await buildHttp({ logger: false, webDistDir: null, version: 'test' })
    app.post(
      '/echo',
      { schema: { body: Answer, response: { 200: Answer } } },
      async (request) => request.body,
    )
    await app.ready()
  })
  afterAll(() => app.close())

  const answerOf = fc.record({
    side: fc.constantFrom(...SIDES),
    reason: fc.option(fc.constantFrom(...REASONS), { nil: null }),
    price: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }),
  })

  it('take every allowed value and null, and answer them as they came (null stays null)', async () => {
    await fc.assert(
      fc.asyncProperty(answerOf, async (answer) => {
        const response = await app.inject({ method: 'POST', url: '/echo', payload: answer })
        expect(response.statusCode).toBe(200)
        expect(response.json()).toStrictEqual({ ...answer })
      }),
      { numRuns: 200 },
    )
  })

  it('refuse any other value with a 400 that names the field and the allowed values', async () => {
    const other = fc.string({ maxLength: 12 }).filter((s) => !(SIDES as readonly string[]).includes(s))
    await fc.assert(
      fc.asyncProperty(answerOf, other, async (answer, side) => {
        const response = await app.inject({ method: 'POST', url: '/echo', payload: { ...answer, side } })
        expect(response.statusCode).toBe(400)
        const problem = response.json()
        expect(problem.code).toBe('VALIDATION_FAILED')
        expect(problem.errors).toStrictEqual([{ field: 'body/side', message: 'is not one of "buy", "sell"' }])
      }),
      { numRuns: 100 },
    )
    const nullSide = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { side: null, reason: null, price: null },
    })
    expect(nullSide.statusCode).toBe(400)
    expect(nullSide.json().errors.map((e: { field: string }) => e.field)).toContain('body/side')
  })

  it('refuse a fraction where an integer or null is wanted', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { side: 'buy', reason: null, price: 19850.5 },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors).toStrictEqual([{ field: 'body/price', message: 'must be integer' }])
  })
})
