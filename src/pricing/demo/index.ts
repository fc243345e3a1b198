/**
 * The demo cluster's price history, pure: two years of simulated deals and quotes for every series
 * and the records the method (src/pricing/method) makes of them, plus the indices' output weights.
 * @module
 */
export { DEFAULT_SUBMITTERS, DEFAULT_WEEKS, generateDemoHistory } from './history.ts'
export type {
  DemoAssessment,
  DemoDeal,
  DemoHistory,
  DemoHistoryOptions,
  DemoQuote,
} from './model.ts'
