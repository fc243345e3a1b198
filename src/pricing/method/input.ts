/**
 * Reads the method's input from untrusted JSON (the `huiguo assess` command, tests): every field
 * checked, every problem named with its JSON pointer, nothing guessed.
 * @module
 */
import { type AssessmentInput, FAMILIES, type Family, type MethodDeal, type MethodQuote } from '../model.ts'

export interface InputProblem {
  readonly field: string
  readonly message: string
}

type Json = unknown

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

class Reader {
  readonly problems: InputProblem[] = []
  problem(field: string, message: string): void {
    this.problems.push({ field, message })
  }
  object(v: Json, at: string): Record<string, Json> {
    if (isObject(v)) return v
    this.problem(at, 'must be an object')
    return {}
  }
  string(o: Record<string, Json>, key: string, at: string): string {
    const v = o[key]
    if (typeof v === 'string' && v !== '') return v
    this.problem(`${at}/${key}`, 'must be a non-empty string')
    return ''
  }
  number(o: Record<string, Json>, key: string, at: string): number {
    const v = o[key]
    if (typeof v === 'number' && Number.isFinite(v)) return v
    this.problem(`${at}/${key}`, 'must be a finite number')
    return 0
  }
  boolean(o: Record<string, Json>, key: string, at: string): boolean {
    const v = o[key]
    if (typeof v === 'boolean') return v
    this.problem(`${at}/${key}`, 'must be true or false')
    return false
  }
  time(o: Record<string, Json>, key: string, at: string): string {
    const v = this.string(o, key, at)
    if (v !== '' && Number.isNaN(Date.parse(v))) this.problem(`${at}/${key}`, 'must be an ISO 8601 time')
    return v
  }
  array(o: Record<string, Json>, key: string, at: string): Json[] {
    const v = o[key]
    if (Array.isArray(v)) return v
    this.problem(`${at}/${key}`, 'must be an array')
    return []
  }
}

/** The input, or the list of what is wrong with it. */
export function readAssessmentInput(
  json: Json,
): { ok: true; value: AssessmentInput } | { ok: false; problems: InputProblem[] } {
  const r = new Reader()
  const root = r.object(json, '')
  const seriesJson = r.object(root.series, '/series')
  const family = seriesJson.family
  if (typeof family !== 'string' || !(FAMILIES as string[]).includes(family))
    r.problem('/series/family', `must be one of ${FAMILIES.join(', ')}`)
  const series = { id: r.string(seriesJson, 'id', '/series'), family: family as Family }
  const windowJson = r.object(root.window, '/window')
  const window = { start: r.time(windowJson, 'start', '/window'), end: r.time(windowJson, 'end', '/window') }
  let previous: AssessmentInput['previous'] = null
  if (root.previous !== null && root.previous !== undefined) {
    const p = r.object(root.previous, '/previous')
    const value = p.value === null ? null : r.number(p, 'value', '/previous')
    const rolls = r.number(p, 'rolls', '/previous')
    if (!Number.isInteger(rolls) || rolls < 0) r.problem('/previous/rolls', 'must be a whole number ≥ 0')
    previous = { value, rolls }
  }
  const deals = r.array(root, 'deals', '').map((d, i): MethodDeal => {
    const at = `/deals/${i}`
    const o = r.object(d, at)
    return {
      id: r.string(o, 'id', at),
      submitter: r.string(o, 'submitter', at),
      affiliated: r.boolean(o, 'affiliated', at),
      pricedOnIndex: r.boolean(o, 'pricedOnIndex', at),
      qtyKg: r.number(o, 'qtyKg', at),
      value: r.number(o, 'value', at),
      deliveryDays: r.number(o, 'deliveryDays', at),
      paymentDays: r.number(o, 'paymentDays', at),
      dealAt: r.time(o, 'dealAt', at),
    }
  })
  const quotes = r.array(root, 'quotes', '').map((q, i): MethodQuote => {
    const at = `/quotes/${i}`
    const o = r.object(q, at)
    const side = o.side
    if (side !== 'bid' && side !== 'offer') r.problem(`${at}/side`, 'must be "bid" or "offer"')
    return {
      id: r.string(o, 'id', at),
      submitter: r.string(o, 'submitter', at),
      side: side as 'bid' | 'offer',
      value: r.number(o, 'value', at),
      qtyKg: r.number(o, 'qtyKg', at),
      at: r.time(o, 'at', at),
    }
  })
  let judgement: AssessmentInput['judgement'] = null
  if (root.judgement !== null && root.judgement !== undefined) {
    const j = r.object(root.judgement, '/judgement')
    const rationale = j.rationale
    if (typeof rationale !== 'string') r.problem('/judgement/rationale', 'must be a string')
    judgement = {
      value: r.number(j, 'value', '/judgement'),
      rationale: typeof rationale === 'string' ? rationale : '',
    }
  }
  if (r.problems.length > 0) return { ok: false, problems: r.problems }
  return { ok: true, value: { series, window, previous, deals, quotes, judgement } }
}
