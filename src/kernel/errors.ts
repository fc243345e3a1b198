/**
 * The one registry of error codes. Codes are stable: once shipped, a code keeps its meaning and a
 * retired code is never reused. Each entry fixes the HTTP status and the English title.
 */
export const ERROR_CODES = {
  // 400: the request itself is malformed
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  INVALID_CURSOR: { status: 400, title: 'The pagination cursor is not valid' },
  // 404
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  ENTERPRISE_NOT_FOUND: { status: 404, title: 'No such enterprise' },
  // 413, 415
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'The request body has an unsupported media type' },
  // 422: well-formed, but the content is refused
  SPEC_INVALID: { status: 422, title: 'The product specification is not valid' },
  CSV_INVALID: { status: 422, title: 'The CSV file has invalid rows' },
  ENTERPRISE_EXISTS: { status: 409, title: 'An enterprise with this id already exists' },
  // 500
  INTERNAL: { status: 500, title: 'Internal server error' },
  // ---- accounts and authentication (issue 4) ----
  UNAUTHENTICATED: { status: 401, title: 'Authentication is required' },
  INVALID_CREDENTIALS: { status: 401, title: 'The username or password is not correct' },
  TOKEN_INVALID: { status: 401, title: 'The session or API token is not valid' },
  TOKEN_EXPIRED: { status: 401, title: 'The session or API token has expired' },
  FORBIDDEN: { status: 403, title: 'You are not allowed to do this' },
  USER_NOT_FOUND: { status: 404, title: 'No such user' },
  TOKEN_NOT_FOUND: { status: 404, title: 'No such API token' },
  USERNAME_TAKEN: { status: 409, title: 'A user with this username already exists' },
  USERNAME_INVALID: { status: 422, title: 'The username is not valid' },
  ROLE_INVALID: { status: 422, title: 'The roles are not valid' },
  PASSWORD_TOO_WEAK: { status: 422, title: 'The password does not meet the password policy' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many failed attempts; try again later' },
  // ---- ledger (issue 4): refused postings; a refusal reserves and writes nothing ----
  INSUFFICIENT_FUNDS: { status: 422, title: 'The available cash does not cover this' },
  INSUFFICIENT_RECEIPTS: { status: 422, title: 'The available warehouse receipts do not cover this' },
  INSUFFICIENT_RESERVATION: { status: 409, title: 'The reservation does not cover this' },
  INVALID_AMOUNT: { status: 422, title: 'The amount is not valid' },
  LEDGER_KEY_REUSED: { status: 409, title: 'This idempotency key was used for another ledger posting' },
  // ---- instruments (issue 4): an order's terms against its instrument, and the market's hours ----
  INSTRUMENT_NOT_FOUND: { status: 404, title: 'No such instrument' },
  INSTRUMENT_EXISTS: { status: 409, title: 'An instrument with this code already exists' },
  QTY_NOT_LOT_MULTIPLE: { status: 422, title: "The quantity is not a multiple of the instrument's lot" },
  PRICE_OFF_TICK: { status: 422, title: "The price is not on the instrument's tick grid" },
  PRICE_OUTSIDE_BAND: { status: 422, title: "The price is outside the day's price band" },
  INSTRUMENT_HALTED: { status: 409, title: 'Trading in this instrument is halted' },
  MARKET_CLOSED: { status: 409, title: 'The market for this instrument is closed now' },
  LISTING_ONLY: { status: 409, title: 'This instrument trades by listing only, not in an order book' },
  // ---- order entry (issue 4) ----
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'The Idempotency-Key header is required' },
  IDEMPOTENCY_KEY_REUSED: { status: 409, title: 'This Idempotency-Key was used for another request' },
  ORDER_NOT_FOUND: { status: 404, title: 'No such order' },
  ORDER_NOT_OPEN: { status: 409, title: 'The order is no longer open' },
  POST_ONLY_WOULD_CROSS: { status: 409, title: 'The post-only order would trade on arrival' },
  TIF_NOT_ALLOWED: { status: 422, title: 'This time in force is not taken in the current market phase' },
  RATE_LIMITED: { status: 429, title: 'Too many requests; slow down' },
  TRADING_UNAVAILABLE: { status: 503, title: 'The trading service is not taking orders' },
  TRADING_BUSY: {
    status: 503,
    title: 'Orders are coming in faster than they can be recorded; retry shortly',
  },
  // ---- pricing (issue 5): submissions, assessments and their two-person publication, alerts ----
  SERIES_NOT_FOUND: { status: 404, title: 'No such price series' },
  DEAL_IN_FUTURE: { status: 422, title: 'The deal is dated in the future' },
  QUOTE_IN_FUTURE: { status: 422, title: 'The quote is dated in the future' },
  WINDOW_NOT_CLOSED: { status: 422, title: "The period's assessment window has not closed yet" },
  SELF_APPROVAL: { status: 403, title: 'An assessment is approved by someone other than its proposer' },
  ASSESSMENT_NOT_FOUND: { status: 404, title: 'No such assessment' },
  ASSESSMENT_NOT_PROPOSED: { status: 409, title: 'The assessment is no longer awaiting approval' },
  ASSESSMENT_EXISTS: { status: 409, title: 'This period is already published; send a correction' },
  ASSESSMENT_STALE: {
    status: 409,
    title: 'Another revision of this period was published since the proposal',
  },
  ALERT_NOT_FOUND: { status: 404, title: 'No such alert' },
  METHODOLOGY_NOT_FOUND: { status: 404, title: 'No such methodology version' },
  INDEX_NOT_FOUND: { status: 404, title: 'No such index' },
  // ---- shipments (issue 6): a shipment's journey, its proof of delivery and public tracking ----
  SHIPMENT_NOT_FOUND: { status: 404, title: 'No such shipment' },
  TRACKING_CODE_NOT_FOUND: { status: 404, title: 'No shipment has this tracking code' },
  CONTRACT_NOT_FOUND: { status: 404, title: 'No such contract' },
  SHIPMENT_EVENT_NOT_ALLOWED: {
    status: 409,
    title: "This event does not follow from the shipment's current state",
  },
  SHIPMENT_DELIVERED: { status: 409, title: 'The shipment is delivered; nothing more can happen to it' },
  PROOF_OF_DELIVERY_REQUIRED: {
    status: 422,
    title: 'Marking a shipment delivered needs a proof of delivery',
  },
  SHIPMENT_EVENT_OUT_OF_ORDER: {
    status: 422,
    title: "The event is dated before the shipment's latest event",
  },
  SHIPMENT_EVENT_IN_FUTURE: { status: 422, title: 'The event is dated in the future' },
  CONTRACT_QTY_EXCEEDED: {
    status: 422,
    title: "The contract's shipments would carry more than its quantity",
  },
  SHIPMENT_PLACE_UNKNOWN: { status: 422, title: 'The place is not known; give its coordinates' },
  // ---- distribution (issue 6): distances, freight tariffs and delivered prices ----
  PLACE_NOT_FOUND: { status: 404, title: 'No such place' },
  PRODUCT_NOT_FOUND: { status: 404, title: 'No such product' },
  FREIGHT_NOT_OFFERED: { status: 422, title: 'This freight mode is not offered on this lane' },
  PRICE_NOT_PUBLISHED: { status: 409, title: 'No all-in price of this product is published yet' },
  TARIFF_INVALID: { status: 422, title: 'The freight tariff is not valid' },
  TARIFF_VERSION_EXISTS: { status: 409, title: 'A tariff version with this id exists with other content' },
  DIFFERENTIALS_INVALID: { status: 422, title: 'The origin differentials are not valid' },
  DIFFERENTIALS_VERSION_EXISTS: {
    status: 409,
    title: 'A differentials version with this id exists with other content',
  },
  LOADS_UNROUTABLE: {
    status: 422,
    title: 'No truck can take these loads within their weight or time windows',
  },
  INTAKE_PLAN_NOT_FOUND: { status: 404, title: 'No intake plan is saved for this month' },
  INTAKE_PROBLEM_INVALID: { status: 422, title: 'The intake problem is not valid' },
  // ---- ecology (issue 7): the energy ledger, the carbon inventory and the park ----
  ENERGY_LINE_UNKNOWN: { status: 422, title: 'The process line is not one the energy ledger takes' },
  ENERGY_MONTH_INVALID: { status: 422, title: 'The month is not a YYYY-MM calendar month' },
  ENERGY_MONTH_IN_FUTURE: { status: 422, title: 'The month has not begun yet' },
  ENERGY_VALUE_NEGATIVE: { status: 422, title: 'An energy or output figure is negative' },
  ENERGY_VALUE_IMPLAUSIBLE: {
    status: 422,
    title: 'The figures are beyond what a process line can use or make',
  },
  ENERGY_OUTPUT_ZERO: { status: 422, title: 'Energy was used but the output is zero' },
  ENERGY_RECORD_EXISTS: {
    status: 409,
    title: 'This month of this line is already recorded; send a correction',
  },
  ENERGY_RECORD_NOT_FOUND: { status: 404, title: 'No energy record for this month and line' },
  ENERGY_REVISION_STALE: {
    status: 409,
    title: 'The record was corrected since the revision you started from',
  },
  ENERGY_REASON_REQUIRED: { status: 422, title: 'A correction needs a reason' },
  ENERGY_CORRECTION_UNCHANGED: { status: 422, title: 'The correction changes no figure' },
  GRID_FACTOR_INVALID: { status: 422, title: 'The grid emission factor is not valid' },
  // ---- CBAM (issue 7): embedded emissions, smelters' declarations, shipments' communications ----
  CN_CODE_UNKNOWN: { status: 422, title: 'The CN code is not an aluminium heading with a CBAM default' },
  CBAM_NOT_A_SMELTER: { status: 422, title: 'Only a smelter of the registry declares embedded emissions' },
  CBAM_DECLARATION_UNKNOWN: { status: 422, title: 'No such embedded-emissions declaration' },
  CBAM_DECLARATION_SUPERSEDED: {
    status: 409,
    title: 'The declaration was superseded by a later one; use the current declaration',
  },
  CBAM_DECLARATION_MISMATCH: {
    status: 422,
    title: "The declaration's CN heading or year does not match the precursor's",
  },
  CBAM_IMPORTER_NOT_EU: { status: 422, title: 'The importer is not in an EU member state' },
  CBAM_COMMUNICATION_NOT_FOUND: { status: 404, title: 'This shipment has no CBAM emissions communication' },
  CBAM_COMMUNICATION_EXISTS: {
    status: 409,
    title: 'This shipment already has a CBAM emissions communication',
  },
  // ---- policy (issue 7): support programmes and applications ----
  PROGRAMME_NOT_FOUND: { status: 404, title: 'No such support programme' },
  PROGRAMME_EXISTS: { status: 409, title: 'A programme with this id already exists' },
  PROGRAMME_INVALID: { status: 422, title: 'The programme is not valid' },
  PROGRAMME_NOT_OPEN: { status: 409, title: 'The programme does not take applications now' },
  BUDGET_BELOW_COMMITTED: { status: 409, title: 'The budget would be less than the awards already approved' },
  POLICY_FACTS_MISSING: { status: 409, title: 'The enterprise has no facts on record for eligibility' },
  POLICY_NOT_ELIGIBLE: { status: 422, title: 'The enterprise does not meet the programme’s rules' },
  APPLICATION_NOT_FOUND: { status: 404, title: 'No such application' },
  APPLICATION_EXISTS: { status: 409, title: 'The enterprise already has an application for this programme' },
  APPLICATION_TRANSITION_NOT_ALLOWED: { status: 409, title: 'The application cannot take this step now' },
  APPROVER_IS_APPLICANT: { status: 403, title: 'The user who applied cannot approve the application' },
  APPROVAL_DUPLICATE: { status: 409, title: 'This administrator has approved the application already' },
  BUDGET_EXHAUSTED: { status: 409, title: 'The programme’s budget does not cover another award' },
  DISBURSEMENT_EXCEEDS_AWARD: { status: 422, title: 'The disbursement is more than the award' },
  DOCUMENT_INVALID: { status: 422, title: 'The document is not valid' },
  DOCUMENT_NOT_FOUND: { status: 404, title: 'No such document' },
} as const satisfies Record<string, { status: number; title: string }>

export type ErrorCode = keyof typeof ERROR_CODES

/** One failing field of a validation error: a JSON pointer into the request and why it fails. */
export interface FieldError {
  readonly field: string
  readonly message: string
  /** A stable, machine-readable reason where the module has one (e.g. THICKNESS_OUT_OF_RANGE). */
  readonly reason?: string
}

/** An expected refusal, returned as a value (not thrown) by pure cores and services. */
export interface Refusal {
  readonly ok: false
  readonly code: ErrorCode
  readonly detail: string
  readonly errors?: readonly FieldError[]
}

export type Result<T> = { readonly ok: true; readonly value: T } | Refusal

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

export const refuse = (code: ErrorCode, detail: string, errors?: readonly FieldError[]): Refusal =>
  errors ? { ok: false, code, detail, errors } : { ok: false, code, detail }

/**
 * An error that crosses a boundary (HTTP, CLI) carrying a registered code. Services throw it only
 * to abort a transaction; the HTTP layer turns it into application/problem+json.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly detail: string
  readonly errors: readonly FieldError[] | undefined

  constructor(
    code: ErrorCode,
    detail: string,
    errors?: readonly FieldError[],
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${detail}`, options)
    this.name = 'AppError'
    this.code = code
    this.status = ERROR_CODES[code].status
    this.detail = detail
    this.errors = errors
  }

  static from(refusal: Refusal): AppError {
    return new AppError(refusal.code, refusal.detail, refusal.errors)
  }
}

/** The body of an application/problem+json response (RFC 9457), with our stable `code`. */
export interface Problem {
  type: string
  status: number
  code: ErrorCode
  title: string
  detail: string
  errors?: FieldError[]
}

export function problemOf(code: ErrorCode, detail: string, errors?: readonly FieldError[]): Problem {
  const { status, title } = ERROR_CODES[code]
  const body: Problem = {
    type: `https://huiguo.example/problems/${code.toLowerCase()}`,
    status,
    code,
    title,
    detail,
  }
  if (errors && errors.length > 0) body.errors = [...errors]
  return body
}
