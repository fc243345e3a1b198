/**
 * The pricing center: deal and quote collection, assessments by the published method with
 * two-person publication and corrections, public prices, alerts, the schedule of windows, and the
 * demo history.
 * @module
 */

export { insertPublishedAssessments, type PublishedAssessment } from './assessment-store.ts'
export { type DemoPeople, hasDemoPricing, seedDemoPricing, setUpDemoPricing } from './demo-seed.ts'
export { saveIndexWeights } from './index-publication.ts'
export type * from './model.ts'
export { priceBoard } from './publication.ts'
export type * from './records.ts'
export { insertReferences } from './reference-store.ts'
export { type PricingRoutesOptions, pricingRoutes } from './routes.ts'
export * from './schedule.ts'
export { BASE_SERIES_ID, feeSeriesId, findSeries, PRODUCTS, SERIES } from './series.ts'
export {
  DEFAULT_WEBHOOK_TIMEOUT_MS,
  PricingService,
  type PricingServiceOptions,
  type Reader,
} from './service.ts'
export { insertDeals, insertQuotes } from './store.ts'
export type { Actor, DealSubmission, QuoteSubmission } from './submissions.ts'
