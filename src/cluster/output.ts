import { type ClusterTotals, OUTPUT_UTILISATION_PERCENT } from '../registry/index.ts'

/** Output is not reported per firm; the cluster's is estimated as processing capacity × utilisation. */
export function outputTonnesPerYear(totals: ClusterTotals): number {
  return Math.round((totals.processorCapacityTPerYear * OUTPUT_UTILISATION_PERCENT) / 100)
}
