import { type TSchema, Type } from 'typebox'

/**
 * Shared schema pieces. Query strings are not coerced (Ajv runs with coerceTypes: false), so numbers
 * and booleans in a query are strings with a pattern; the route converts them after validation.
 */
export const LimitQuery = Type.String({
  pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$',
  description: 'Page size, an integer from 1 to 200 (default 50)',
})

export const BooleanQuery = Type.Union([Type.Literal('true'), Type.Literal('false')])

/** A positive integer of at most `digits` digits, as a query string. */
export const PositiveIntegerQuery = (digits: number, description: string) =>
  Type.String({ pattern: `^[1-9][0-9]{0,${digits - 1}}$`, description })

export const CursorQuery = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'The nextCursor of the previous page',
})

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    title: Type.String(),
    detail: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({ field: Type.String(), message: Type.String(), reason: Type.Optional(Type.String()) }),
      ),
    ),
  },
  { $id: 'Problem', description: 'An RFC 9457 problem with a stable code' },
)

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })

/**
 * One of `values`, as JSON Schema's `enum`. A union of literals would validate the same, but in a
 * response fast-json-stringify serializes a union by running a validator for each branch until one
 * matches, on every answer: the order answer's seven enums and two nullable fields made about 1.8 kB
 * of garbage and a validator call each per order. An `enum` string is serialized as a string.
 * Not TypeBox's `Type.Enum`: without `type` fast-json-stringify writes the value as any JSON, and
 * with `type: 'string'` in its options TypeBox infers `string`, not the values.
 */
export const StringEnum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) })

/** One of `values` or null, as OpenAPI 3.0's `nullable` (serialized with a null check; see StringEnum). */
export const NullableStringEnum = <const T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number] | null>({
    type: 'string',
    nullable: true,
    enum: [...values, null],
    ...(description ? { description } : {}),
  })

/** An integer or null, as OpenAPI 3.0's `nullable` (serialized with a null check; see StringEnum). */
export const NullableInteger = (description?: string) =>
  Type.Unsafe<number | null>({ type: 'integer', nullable: true, ...(description ? { description } : {}) })

const ProblemRef = Type.Ref('Problem')

/** Standard error responses every route documents. */
export const ERROR_RESPONSES = {
  400: ProblemRef,
  404: ProblemRef,
  422: ProblemRef,
} as const

/**
 * The problems a write route answers besides its success: malformed (400), unauthenticated (401),
 * forbidden (403), not found (404), conflicting (409), too large (413) and refused content (422).
 */
export const WRITE_PROBLEMS = {
  ...ERROR_RESPONSES,
  401: ProblemRef,
  403: ProblemRef,
  409: ProblemRef,
  413: ProblemRef,
}
