import { CHAIN_STAGES, type ChainStage } from './model.ts'

/**
 * The industrial chain as a directed graph, from raw metal to terminal products, with recycling
 * feeding scrap back to casting. Links are material flows between stages.
 */
export const CHAIN_LINKS: readonly { from: ChainStage; to: ChainStage }[] = [
  { from: 'casting', to: 'cast_rolling' },
  { from: 'casting', to: 'hot_rolling' },
  { from: 'cast_rolling', to: 'cold_rolling' },
  { from: 'hot_rolling', to: 'cold_rolling' },
  { from: 'hot_rolling', to: 'finishing' },
  { from: 'cold_rolling', to: 'foil_rolling' },
  { from: 'cold_rolling', to: 'finishing' },
  { from: 'foil_rolling', to: 'finishing' },
  { from: 'finishing', to: 'components' },
  { from: 'finishing', to: 'terminal_products' },
  { from: 'components', to: 'terminal_products' },
  { from: 'terminal_products', to: 'recycling' },
  { from: 'recycling', to: 'casting' },
]

/** A stage is thin when fewer than this many enterprises cover it… */
export const THIN_STAGE_MIN_ENTERPRISES = 10
/** …or when it has less than this share (percent) of the median stage's coverage: a bottleneck candidate. */
export const THIN_STAGE_MEDIAN_PERCENT = 33

export interface StageCount {
  stage: string
  enterprises: number
  processors: number
  supporting: number
}

export interface ChainStageView extends StageCount {
  stage: ChainStage
  thin: boolean
}

/** Every stage in chain order (missing ones with zero), each flagged thin or not. */
export function chainView(counts: readonly StageCount[]): ChainStageView[] {
  const byStage = new Map(counts.map((c) => [c.stage, c]))
  const stages = CHAIN_STAGES.map((stage) => {
    const c = byStage.get(stage)
    return {
      stage,
      enterprises: c?.enterprises ?? 0,
      processors: c?.processors ?? 0,
      supporting: c?.supporting ?? 0,
    }
  })
  const sorted = stages.map((s) => s.enterprises).sort((a, b) => a - b)
  const mid = sorted.length >> 1
  // Median of an even count averages the two middle values; kept in integer arithmetic (×2).
  const medianTimes2 = sorted.length % 2 ? 2 * sorted[mid]! : sorted[mid - 1]! + sorted[mid]!
  return stages.map((s) => ({
    ...s,
    thin:
      s.enterprises < THIN_STAGE_MIN_ENTERPRISES ||
      s.enterprises * 200 < medianTimes2 * THIN_STAGE_MEDIAN_PERCENT,
  }))
}
