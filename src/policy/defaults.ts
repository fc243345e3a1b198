/**
 * The four default programmes, v1 (research/carbon.md 4.3; the cluster's own green_upgrade). They
 * are configurable starting values written once into every new database, not a legal text: the
 * criteria must be checked against the current notices before any real award. Amounts and budgets
 * are illustrative figures chosen for the demo (city awards for high-tech enterprises run about
 * 100–500 k CNY, 专精特新 about 0.5–1 M, 小巨人 several million over three years).
 * @module
 */
import type { Rule } from './rules.ts'

export interface DefaultProgramme {
  readonly id: string
  readonly nameZh: string
  readonly nameEn: string
  readonly descriptionZh: string
  readonly descriptionEn: string
  readonly rules: readonly Rule[]
  /** Per award, fen (illustrative). */
  readonly amountFen: bigint
  /** The programme's whole budget, fen (illustrative). */
  readonly budgetFen: bigint
}

const YUAN = 100n
const M = 1_000_000

export const VERIFY_NOTE_EN =
  'Configurable v1 values from research/carbon.md 4.3; amounts and budgets are illustrative. Verify against the current notices before any real award.'
export const VERIFY_NOTE_ZH =
  '依据 research/carbon.md 4.3 的可配置 v1 取值；金额与预算为示意数。任何实际奖补前须对照现行文件核实。'

/** In this order everywhere: the CLI's record, the lists, the summary. */
export const DEFAULT_PROGRAMMES: readonly DefaultProgramme[] = [
  {
    id: 'high_tech',
    nameZh: '高新技术企业认定奖励',
    nameEn: 'High-tech enterprise award',
    descriptionZh:
      '对认定为高新技术企业的集群企业给予一次性奖励。研发投入强度按营业收入分档（5000 万元以下 5%，5000 万至 2 亿元 4%，2 亿元以上 3%），高新技术产品收入占比不低于 60%，科技人员占比不低于 10%。',
    descriptionEn:
      'A one-off award to cluster enterprises recognised as high-tech enterprises. R&D intensity by revenue band (5 % up to 50 M CNY, 4 % above 50 M up to 200 M, 3 % above 200 M), high-tech revenue at least 60 %, technical staff at least 10 %.',
    rules: [
      {
        rule: 'rd_intensity',
        comparison: '>=',
        tiers: [
          { revenueUpToCny: 50 * M, threshold: 0.05 },
          { revenueUpToCny: 200 * M, threshold: 0.04 },
          { revenueUpToCny: null, threshold: 0.03 },
        ],
      },
      { rule: 'high_tech_revenue_share', comparison: '>=', threshold: 0.6 },
      { rule: 'tech_staff_share', comparison: '>=', threshold: 0.1 },
    ],
    amountFen: 300_000n * YUAN,
    budgetFen: 6_000_000n * YUAN,
  },
  {
    id: 'specialised_new',
    nameZh: '专精特新中小企业奖励',
    nameEn: 'Specialised and new SME award (专精特新)',
    descriptionZh:
      '对省级专精特新中小企业给予奖励：从事细分市场 2 年以上，上年度研发费用不低于 100 万元且占营业收入 3% 以上，营业收入不低于 1000 万元。',
    descriptionEn:
      'An award to provincial specialised-and-new SMEs: at least 2 years in the niche market, last year’s R&D expense at least 1 M CNY and at least 3 % of revenue, revenue at least 10 M CNY.',
    rules: [
      { rule: 'years_in_niche', comparison: '>=', threshold: 2 },
      { rule: 'rd_expense', comparison: '>=', threshold: 1 * M },
      { rule: 'rd_intensity', comparison: '>=', threshold: 0.03 },
      { rule: 'revenue', comparison: '>=', threshold: 10 * M },
    ],
    amountFen: 500_000n * YUAN,
    budgetFen: 5_000_000n * YUAN,
  },
  {
    id: 'little_giant',
    nameZh: '专精特新“小巨人”企业奖励',
    nameEn: '“Little giant” enterprise award (小巨人)',
    descriptionZh:
      '对专精特新“小巨人”企业给予奖励：主营业务收入占营业收入 70% 以上，营业收入不低于 5000 万元，研发投入强度在营业收入 1 亿元以下（含）时不低于 6%，1 亿元以上时不低于 3%。',
    descriptionEn:
      'An award to “little giant” enterprises: main business at least 70 % of revenue, revenue at least 50 M CNY, R&D intensity at least 6 % of revenue up to 100 M CNY and at least 3 % above.',
    rules: [
      { rule: 'main_business_share', comparison: '>=', threshold: 0.7 },
      { rule: 'revenue', comparison: '>=', threshold: 50 * M },
      {
        rule: 'rd_intensity',
        comparison: '>=',
        tiers: [
          { revenueUpToCny: 100 * M, threshold: 0.06 },
          { revenueUpToCny: null, threshold: 0.03 },
        ],
      },
    ],
    amountFen: 1_000_000n * YUAN,
    budgetFen: 5_000_000n * YUAN,
  },
  {
    id: 'green_upgrade',
    nameZh: '绿色升级奖励（集群自设）',
    nameEn: 'Green upgrade award (the cluster’s own)',
    descriptionZh:
      '集群自设的绿色升级奖励：企业每条生产线能效达到 GB 21351-2023 的 2 级或更优，清洁能源占比不低于 30%。',
    descriptionEn:
      'The cluster’s own green upgrade award: every production line at energy level 2 or better under GB 21351-2023, and a clean-energy share of at least 30 %.',
    rules: [
      { rule: 'energy_level', comparison: '<=', threshold: 2 },
      { rule: 'clean_energy_share', comparison: '>=', threshold: 0.3 },
    ],
    amountFen: 200_000n * YUAN,
    budgetFen: 4_000_000n * YUAN,
  },
]
