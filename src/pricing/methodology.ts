/**
 * The methodology as versioned content, in English and Simplified Chinese: what the method page
 * shows and what every published value names in `methodologyVersion`. A body is plain text:
 * paragraphs separated by a blank line, list items on lines starting "- ". The family table is made
 * from FAMILY_RULES and the basket from PRODUCTS, so the page cannot drift from the numbers the
 * method uses. A new version is a new object added to METHODOLOGIES; a published one never changes.
 * @module
 */
import { FAMILIES, FAMILY_RULES, type Family } from './model.ts'
import { BASE_SERIES_ID, feeSeriesId, findSeries, PRODUCTS } from './series.ts'

export interface Bilingual {
  readonly en: string
  readonly zh: string
}

export interface MethodologySection {
  /** Stable within a version: the page links to it as an anchor. */
  readonly id: string
  readonly title: Bilingual
  /** Paragraphs separated by a blank line; list items on lines starting "- ". */
  readonly body: Bilingual
}

export interface Methodology {
  readonly version: string
  /** YYYY-MM-DD. */
  readonly publishedOn: string
  readonly sections: readonly MethodologySection[]
}

const paragraphs = (...texts: string[]): string => texts.join('\n\n')
const list = (...items: string[]): string => items.map((item) => `- ${item}`).join('\n')

/** kg as tonnes, without trailing zeros: 20000 → "20", 2500 → "2.5". */
const tonnes = (kg: number): string => String(kg / 1000)

/** A deal weighs at most this many minimum lots (step 4). */
const LOTS_PER_DEAL_CAP = 3

const FAMILY_LABELS: Readonly<Record<Family, Bilingual>> = {
  ingot: { en: 'aluminium ingot', zh: '铝锭' },
  sheet: { en: 'sheet, strip, plate and coil', zh: '板带：板、带、中厚板、卷' },
  foil: { en: 'aluminium foil', zh: '铝箔' },
  battery_foil: { en: 'battery foil', zh: '电池箔' },
  can_stock: { en: 'can stock', zh: '罐料' },
}

function familySeriesNames(family: Family): Bilingual[] {
  const base = findSeries(BASE_SERIES_ID)!
  const names: Bilingual[] = base.family === family ? [base.name] : []
  for (const p of PRODUCTS) if (p.family === family) names.push({ en: p.en, zh: p.zh })
  return names
}

/** The family table, one list item a family, from FAMILY_RULES. */
function familyTable(lang: keyof Bilingual): string {
  return list(
    ...FAMILIES.map((family) => {
      const { minLotKg, tier1VolumeKg } = FAMILY_RULES[family]
      const lot = tonnes(minLotKg)
      const volume = tonnes(tier1VolumeKg)
      const largest = tonnes(LOTS_PER_DEAL_CAP * minLotKg)
      const names = familySeriesNames(family).map((n) => n[lang])
      if (lang === 'en') {
        const series = names.length > 0 ? ` Series: ${names.join(', ')}.` : ''
        return `${family} (${FAMILY_LABELS[family].en}): minimum lot ${lot} t, Tier 1 volume ${volume} t, largest weight of one deal ${largest} t.${series}`
      }
      const series = names.length > 0 ? `系列：${names.join('、')}。` : ''
      return `${family}（${FAMILY_LABELS[family].zh}）：最小批量 ${lot} 吨，一级成交量 ${volume} 吨，单笔成交最大权重 ${largest} 吨。${series}`
    }),
  )
}

/** The basket, one list item a product, from PRODUCTS. */
function basket(lang: keyof Bilingual): string {
  return list(
    ...PRODUCTS.map((p) => {
      const ids = `${feeSeriesId(p.code, 'spot')}, ${feeSeriesId(p.code, 'contract')}`
      return lang === 'en' ? `${p.en}: ${p.spec} (${ids})` : `${p.zh}（${ids}）`
    }),
  )
}

const section = (id: string, title: Bilingual, body: Bilingual): MethodologySection => ({ id, title, body })

const SECTIONS_V1: readonly MethodologySection[] = [
  section(
    'about',
    { en: 'About this methodology', zh: '关于本方法论' },
    {
      en: paragraphs(
        'This is the method by which the Huiguo pricing center in Gongyi, Henan, assesses the price of A00 aluminium ingot and the processing fees (加工费) of aluminium sheet, strip, plate, coil and foil. It is written for the market participants who use the prices and for the enterprises that submit deals.',
        'The method follows the IOSCO Principles for Oil Price Reporting Agencies (2012) and for Financial Benchmarks (2013), applied in proportion to the size of the center. Every value is made from deals and firm quotes by fixed steps; every deal or quote the method leaves out is listed with its reason; and the tier published with every value tells how much market evidence stands behind it.',
        "The method is also a program. Given one window's deals and quotes, the previous value and any assessor judgement, it always gives the same record, so a participant holding the same inputs can check a publication: npx huiguo assess < input.json prints the record.",
        'This is version v1, published on 30 November 2026. Every published value names the methodology version it was made with, and earlier versions stay readable.',
      ),
      zh: paragraphs(
        '本文件是河南巩义回郭价格中心评估 A00 铝锭价格以及铝板、带、中厚板、卷、箔加工费的方法，面向使用这些价格的市场参与者和报送成交的企业。',
        '本方法参照国际证监会组织（IOSCO）《价格报告机构原则》（2012）和《金融基准原则》（2013），按本中心的规模相称地适用。每个价格都按固定步骤由成交和实盘报价得出；被方法剔除的每一笔成交或报价都连同原因一并列出；每个价格同时发布的层级说明其背后有多少市场证据。',
        '本方法同时也是一个程序。给定一个评估窗口的成交和报价、上期价格以及评估员的判断（如有），它总是给出同样的评估记录，因此持有相同输入的参与者可以核对任何一次发布：npx huiguo assess < input.json 会打印评估记录。',
        '本版本为 v1，于 2026 年 11 月 30 日发布。每个发布的价格都注明所用的方法论版本，旧版本始终可供查阅。',
      ),
    },
  ),
  section(
    'scope',
    { en: 'What is published', zh: '发布内容' },
    {
      en: paragraphs(
        'All prices are in CNY per tonne, VAT included, ex-works (EXW) Gongyi.',
        list(
          `Base: ${BASE_SERIES_ID}, Gongyi A00 aluminium ingot (Al99.70), daily.`,
          'Processing fees: for each product of the basket, one weekly series on the spot track and one on the contract track. The spot track holds deals contracted in the window for delivery within 45 days; the contract track holds quarterly and annual fee fixings. The tracks are kept apart: a term fixing is never counted as a spot deal.',
          'All-in price = base + processing fee of the same date (铝锭价 + 加工费).',
          'Indices: the all-in processed aluminium index, its sub-indices and the processing-fee barometer (see Indices).',
        ),
        'The basket:',
        basket('en'),
        'Analysts may also record external references, such as the SHFE settlement or SMM A00, with their source named. The center does not fetch them and never presents them as its own assessment.',
        'Prices are public and need no login. Deal data is never published, only the aggregates of the record (step 6).',
      ),
      zh: paragraphs(
        '所有价格均以人民币元/吨计，含增值税，巩义出厂（EXW）。',
        list(
          `基价：${BASE_SERIES_ID}，巩义 A00 铝锭（Al99.70），每日发布。`,
          '加工费：产品篮子中的每个产品各有一个现货系列和一个长协系列，每周发布。现货系列采用在窗口内签订、45 天内交货的成交；长协系列采用按季度或按年确定的加工费。两者严格分开：长协定价从不计作现货成交。',
          '全价 = 同一日期的铝锭价 + 加工费。',
          '指数：加工铝全价指数及其分类指数、加工费晴雨表（见“指数”）。',
        ),
        '产品篮子：',
        basket('zh'),
        '分析师还可以记录外部参考价，例如上海期货交易所结算价或 SMM A00，并注明来源。本中心不会抓取这些价格，也从不把它们当作自己的评估。',
        '价格公开，无需登录。成交数据从不公开，公开的只有评估记录中的汇总数据（第 6 步）。',
      ),
    },
  ),
  section(
    'schedule',
    { en: 'Windows and publication times', zh: '评估窗口与发布时间' },
    {
      en: paragraphs(
        'All times are Beijing time (Asia/Shanghai). A window includes its start and excludes its end.',
        list(
          'Processing fees: weekly; window Friday 15:00 → Thursday 15:00; published Thursday 17:00.',
          `Base (${BASE_SERIES_ID}): daily; window 15:00 → 15:00 of the next day; published 17:00.`,
        ),
        'An assessment can also be run on demand, for instance to look at a window before it closes; only an approved assessment is published (see Publication).',
      ),
      zh: paragraphs(
        '所有时间均为北京时间（Asia/Shanghai）。窗口包含起点，不包含终点。',
        list(
          '加工费：每周；窗口为周五 15:00 → 周四 15:00；周四 17:00 发布。',
          `基价（${BASE_SERIES_ID}）：每日；窗口为 15:00 → 次日 15:00；17:00 发布。`,
        ),
        '评估也可以按需运行，例如在窗口结束前查看情况；只有经批准的评估才会发布（见“发布：双人复核”）。',
      ),
    },
  ),
  section(
    'inputs',
    { en: 'Inputs and submission', zh: '数据来源与报送' },
    {
      en: paragraphs(
        "The method uses, in this order of priority: concluded arm's-length deals (a signed contract or an invoice); firm, executable bids and offers (named, with a quantity); and only when neither is available, an assessor's written judgement.",
        "Member enterprises submit deals and firm quotes through the API or the web form. A deal carries the series (its spec), the submitter, whether buyer and seller are affiliated, whether the price was set on the center's own prices, the quantity in kg, the value in CNY/t, the base used and its fixing convention (day, monthly average, previous month's average, or point-priced), the payment terms and days, the delivery terms and days, and the time of the deal. A firm quote carries the submitter, the side (bid or offer), the value, the quantity and the time.",
        'For a processing-fee series the value is the fee: the invoice price minus the base actually applied. For the base series the value is the ingot price.',
        'Deals done on the Huiguo trading center enter automatically, with the seller as submitter. Every submission is kept, with who sent it and when. A submission with missing fields, a negative quantity, an unknown series or a time in the future is refused, and nothing of it is stored.',
      ),
      zh: paragraphs(
        '本方法按以下优先顺序使用数据：已达成的独立公平交易（有签署的合同或发票）；实盘可执行的买卖报价（具名，注明数量）；只有两者都没有时，才使用评估员的书面判断。',
        '会员企业通过 API 或网页表单报送成交和实盘报价。一笔成交包括：系列（规格）、报送方、买卖双方是否为关联方、价格是否按本中心自己的价格确定、数量（千克）、价格（元/吨）、所用基价及其定价方式（当日价、月均价、上月均价或点价）、付款条件和天数、交货条件和天数，以及成交时间。一笔实盘报价包括：报送方、方向（买或卖）、价格、数量和时间。',
        '对加工费系列，价格即加工费：发票价格减去实际采用的基价。对基价系列，价格即铝锭价格。',
        '在回郭交易中心达成的成交自动进入，以卖方为报送方。每一次报送都会保存，并记录报送人和报送时间。缺少字段、数量为负、系列不存在或时间在未来的报送会被拒绝，且不保存任何内容。',
      ),
    },
  ),
  section(
    'families',
    { en: 'Families: minimum lots and Tier 1 volumes', zh: '品类族：最小批量与一级成交量' },
    {
      en: paragraphs(
        'Each series belongs to a family. The family sets the minimum lot (a smaller deal or quote does not qualify, step 1), the Tier 1 volume (step 5) and so the largest weight one deal can carry (three minimum lots, step 4).',
        familyTable('en'),
      ),
      zh: paragraphs(
        '每个系列属于一个品类族。品类族决定最小批量（小于最小批量的成交或报价不合格，见第 1 步）、一级成交量（第 5 步），从而也决定一笔成交可以承担的最大权重（三个最小批量，第 4 步）。',
        familyTable('zh'),
      ),
    },
  ),
  section(
    'step-1',
    { en: 'Step 1: qualifying deals and quotes', zh: '第 1 步：合格成交与报价' },
    {
      en: paragraphs(
        'A deal is excluded, with the first of these reasons that applies, checked in this order:',
        list(
          'affiliated: buyer and seller are affiliated (under common control of more than 50 %), transfers inside a group included;',
          "priced_on_index: the deal is priced on the center's own prices, which would make the price circular;",
          'late_delivery: delivery more than 45 days after the deal;',
          'long_payment: payment terms of more than 90 days;',
          "below_min_lot: a quantity below the family's minimum lot;",
          'outside_window: the deal was made outside the window.',
        ),
        'A firm quote is excluded if below_min_lot or outside_window, checked in that order.',
        'The deals and quotes that are not excluded qualify and go on to the next steps.',
      ),
      zh: paragraphs(
        '每笔成交按以下顺序检查，符合任一条即被剔除，并记录第一条适用的原因：',
        list(
          'affiliated（关联方）：买卖双方为关联方（共同控制超过 50%），包括集团内部调拨；',
          'priced_on_index（按本中心价格定价）：成交按本中心自己的价格定价，会造成循环；',
          'late_delivery（交货过晚）：交货在成交后超过 45 天；',
          'long_payment（账期过长）：付款期限超过 90 天；',
          'below_min_lot（低于最小批量）：数量低于品类族的最小批量；',
          'outside_window（窗口外）：成交不在评估窗口内。',
        ),
        '实盘报价如果 below_min_lot 或 outside_window（按此顺序检查），则被剔除。',
        '未被剔除的成交和报价为合格数据，进入后续步骤。',
      ),
    },
  ),
  section(
    'step-2',
    { en: 'Step 2: sanity band', zh: '第 2 步：合理区间' },
    {
      en: paragraphs(
        'When the series has a previous value P, a qualifying deal whose value lies more than 30 % of |P| away from P is excluded (sanity_band), unless at least two other qualifying deals from other submitters lie within 5 % of its value. Choice (b) below says exactly how the corroborating deals are counted.',
        'A series without a previous value (a new series, or a suspended one) has no sanity band.',
      ),
      zh: paragraphs(
        '当系列有上期价格 P 时，如果一笔合格成交的价格偏离 P 超过 |P| 的 30%，则被剔除（sanity_band），除非至少有另外两笔来自其他报送方的合格成交，其价格在该成交价格的 5% 以内。佐证成交的具体计数方法见下文选择 (b)。',
        '没有上期价格的系列（新系列或已暂停的系列）不设合理区间。',
      ),
    },
  ),
  section(
    'step-3',
    { en: 'Step 3: robust screen', zh: '第 3 步：稳健筛查' },
    {
      en: paragraphs(
        'Over the n deals left after step 2, with median m:',
        list(
          'with n ≥ 5: MAD = median |x − m|, and a deal with |x − m| > 3 × 1.4826 × MAD is excluded (outlier); when MAD = 0 no deal is excluded;',
          'with 1 ≤ n < 5: a deal more than 10 % of |m| away from m is excluded (outlier).',
        ),
        'The median of an even count is the average of the two middle values. Quotes are not screened in this step.',
        'The factor 1.4826 makes the MAD comparable with a standard deviation when values are normally distributed, so the screen removes values lying more than about three standard deviations from the median.',
      ),
      zh: paragraphs(
        '对第 2 步之后剩下的 n 笔成交，取中位数 m：',
        list(
          'n ≥ 5 时：MAD = |x − m| 的中位数，|x − m| > 3 × 1.4826 × MAD 的成交被剔除（outlier）；MAD = 0 时不剔除任何成交；',
          '1 ≤ n < 5 时：偏离 m 超过 |m| 的 10% 的成交被剔除（outlier）。',
        ),
        '偶数个数值的中位数取中间两个数的平均值。报价不参加这一步筛查。',
        '系数 1.4826 使 MAD 在正态分布下与标准差可比，因此这一筛查剔除的是偏离中位数约三个标准差以上的价格。',
      ),
    },
  ),
  section(
    'step-4',
    { en: 'Step 4: weights and the submitter cap', zh: '第 4 步：权重与报送方上限' },
    {
      en: paragraphs(
        'Each deal weighs its quantity, but at most three minimum lots: weight = min(quantity, 3 × minimum lot).',
        'When the deals come from three or more submitters, no submitter may carry more than 35 % of the total weight. Every submitter above 35 % is capped at exactly 35 %, the rest of the weight is shared among the other submitters in proportion to their weight, and this is repeated until no submitter is above 35 %. Inside a submitter, its deals keep their proportions. With one or two submitters there is no cap.',
        'Example (sheet family: minimum lot 20 t, so one deal weighs at most 60 t). Submitters A, B, C and D weigh 50 t, 30 t, 10 t and 10 t: 50 %, 30 %, 10 % and 10 %. A is capped at 35 %, and the remaining 65 % is shared among B, C and D as 30 : 10 : 10, giving 39 %, 13 % and 13 %. B is now above 35 % and is capped too; the remaining 30 % is shared between C and D, 15 % each. Final shares: A 35 %, B 35 %, C 15 %, D 15 %.',
      ),
      zh: paragraphs(
        '每笔成交的权重为其数量，但最多为三个最小批量：权重 = min(数量, 3 × 最小批量)。',
        '当成交来自三个或更多报送方时，任何报送方的权重不得超过总权重的 35%。超过 35% 的报送方一律压到正好 35%，其余权重按其他报送方各自的权重比例分配，如此重复，直到没有报送方超过 35%。同一报送方内部，各笔成交保持原有比例。只有一个或两个报送方时不设上限。',
        '示例（板带族：最小批量 20 吨，因此一笔成交最大权重 60 吨）。报送方 A、B、C、D 的权重分别为 50 吨、30 吨、10 吨、10 吨，即 50%、30%、10%、10%。A 被压到 35%，剩余的 65% 按 30 : 10 : 10 分给 B、C、D，得到 39%、13%、13%。此时 B 超过 35%，也被压到 35%；剩余的 30% 由 C 和 D 平分，各 15%。最终份额：A 35%，B 35%，C 15%，D 15%。',
      ),
    },
  ),
  section(
    'step-5',
    { en: 'Step 5: tiers', zh: '第 5 步：层级' },
    {
      en: paragraphs(
        'The tier published with every value says what the value was made from. The first tier whose condition is met applies; "remain" means after steps 1 to 3.',
        list(
          "Tier 1: at least 5 deals from at least 3 submitters remain, and their total quantity is at or above the family's Tier 1 volume. The value is the average of the deals weighted as in step 4, with the submitter cap.",
          'Tier 2: otherwise, when at least one deal or at least two quotes remain. The value is the weighted average of the deals (weighted as in step 4, without the submitter cap) and the quotes (each weighing one minimum lot). When both bids and offers remain and the best (highest) bid is not above the best (lowest) offer, the value is then held between them: raised to the best bid if below it, lowered to the best offer if above it.',
          'Tier 3: otherwise, when an assessor gives a judgement with a written rationale, the value is the judgement. The assessor may draw on spreads to related specs, a survey of indicative quotes or cost indicators; the rationale is published with the value.',
          'Tier 4: otherwise, when there is a previous value, it is carried forward and marked rolled, and rolls (the count of consecutive rolls) is the previous count plus 1. On the fifth consecutive roll the series is suspended: its value is null, and a review of the series opens.',
        ),
        'With nothing at all, the value is null.',
      ),
      zh: paragraphs(
        '每个价格同时发布的层级说明该价格由什么得出。按顺序适用第一个满足条件的层级；“剩下”指经过第 1 至 3 步之后。',
        list(
          '一级（Tier 1）：剩下至少 5 笔成交，来自至少 3 个报送方，且总数量达到或超过品类族的一级成交量。价格为按第 4 步加权（含报送方上限）的成交平均值。',
          '二级（Tier 2）：否则，剩下至少 1 笔成交或至少 2 个报价时。价格为成交（按第 4 步加权，不设报送方上限）与报价（每个报价权重为一个最小批量）的加权平均值。如果同时剩有买价和卖价，且最高买价不高于最低卖价，价格再被限制在两者之间：低于最高买价时提高到最高买价，高于最低卖价时降低到最低卖价。',
          '三级（Tier 3）：否则，如果评估员给出附有书面理由的判断，价格为该判断值。评估员可依据相关规格的价差、指示性报价调查或成本指标；理由随价格一同发布。',
          '四级（Tier 4）：否则，如果有上期价格，则沿用上期价格并标记为沿用（rolled），rolls（连续沿用次数）为上期次数加 1。第五次连续沿用时系列暂停（suspended）：价格为空，并启动对该系列的审查。',
        ),
        '什么数据都没有时，价格为空。',
      ),
    },
  ),
  section(
    'step-6',
    { en: 'Step 6: rounding and the record', zh: '第 6 步：取整与评估记录' },
    {
      en: paragraphs(
        'Values are rounded half away from zero to the nearest 10 CNY/t: 1,234 becomes 1,230, 1,235 becomes 1,240 and −1,235 becomes −1,240. Rounding is the last step; nothing is rounded on the way.',
        'Each assessment gives one record:',
        list(
          'seriesId; value (CNY/t, or null); tier (1 to 4, or null); rolled, rolls and suspended (step 5);',
          'low, high and median of the deals that were used;',
          'nDeals, nQuotes and nSubmitters: how many deals, quotes and submitters were used;',
          'volumeKg: the total quantity of the deals used;',
          "topSubmitterShare: the largest submitter's share of the weight;",
          'excluded: every deal and quote left out, with its reason;',
          'methodologyVersion: v1.',
        ),
        'A published value also carries its window, its date, its revision number and, for a fee, the all-in price.',
      ),
      zh: paragraphs(
        '价格按远离零的四舍五入取整到最接近的 10 元/吨：1,234 取为 1,230，1,235 取为 1,240，−1,235 取为 −1,240。取整是最后一步，中间计算不取整。',
        '每次评估给出一条记录：',
        list(
          'seriesId（系列代码）；value（价格，元/吨，或为空）；tier（层级 1 至 4，或为空）；rolled、rolls 和 suspended（第 5 步）；',
          'low、high、median：所用成交的最低价、最高价和中位数；',
          'nDeals、nQuotes、nSubmitters：所用成交、报价和报送方的数量；',
          'volumeKg：所用成交的总数量（千克）；',
          'topSubmitterShare：最大报送方所占的权重份额；',
          'excluded：每一笔被剔除的成交和报价及其原因；',
          'methodologyVersion：v1。',
        ),
        '发布的价格还注明其评估窗口、日期、修订版本号，加工费系列还注明全价。',
      ),
    },
  ),
  section(
    'publication',
    { en: 'Publication: two people', zh: '发布：双人复核' },
    {
      en: paragraphs(
        'Assessments run on schedule when a window closes, and on demand. An assessor proposes the assessment: the record with every exclusion and its reason, and for Tier 3 the rationale. A second person, the reviewer, approves its publication. Nobody approves their own proposal. Each publication keeps who proposed it and who approved it.',
        'Only approved values are published. Prices are public without login: on the web pages, through the API (GET /api/v1/prices, /api/v1/prices/{series}/history and /api/v1/indices) and as CSV and Excel files.',
      ),
      zh: paragraphs(
        '每个窗口结束时按计划运行评估，也可按需运行。评估员提出评估建议：包括每一项剔除及其原因的评估记录，三级价格还包括判断理由。由另一人（复核人）批准发布。任何人不得批准自己提出的建议。每次发布都记录提出人和批准人。',
        '只有经批准的价格才会发布。价格公开，无需登录：可在网页上查看，也可通过 API（GET /api/v1/prices、/api/v1/prices/{series}/history 和 /api/v1/indices）以及 CSV 和 Excel 文件获取。',
      ),
    },
  ),
  section(
    'corrections',
    { en: 'Corrections and revisions', zh: '更正与修订' },
    {
      en: paragraphs(
        'A published value is never overwritten. A correction republishes it as a new revision, with its reason; the history keeps every revision, and a public notice lists the corrections.',
        list(
          'Calculation or entry errors are corrected and republished within one business day of their discovery when the difference is at least 20 CNY/t or at least 1 %.',
          'An error in the rationale alone is corrected by notice.',
          'Data that arrive late do not revise a published value, unless they were wrongly left out.',
        ),
        'A correction is proposed by one person and approved by another, as a publication is.',
      ),
      zh: paragraphs(
        '已发布的价格从不被覆盖。更正以新的修订版本重新发布，并注明原因；历史记录保留每一个修订版本，公开通知列出所有更正。',
        list(
          '计算或录入错误：差额不低于 20 元/吨或不低于 1% 的，在发现后 1 个工作日内更正并重新发布。',
          '仅理由有误的，以通知方式更正。',
          '迟到的数据不修订已发布的价格，除非该数据当初被错误遗漏。',
        ),
        '更正与发布一样，由一人提出、另一人批准。',
      ),
    },
  ),
  section(
    'indices',
    { en: 'Indices', zh: '指数' },
    {
      en: paragraphs(
        "All-in processed aluminium index: a chain-linked Laspeyres index of the all-in prices (base + spot processing fee) of the basket, 1000 in its base week: the first full assessment week, in which every weighted product has a price. Contract fees are term fixings, not the week's market, and stay out of the indices.",
        'I_t = I_L × Σ_i w_i · (P_i,t / P_i,L)',
        "Here P_i,t is the all-in price of product i in week t; L is the link week (the last week of the previous year, or the base week in the first year); and w_i is product i's share of the cluster's output value in the previous year (output volume × average all-in price). No product weighs more than 30 %: a larger share is capped at 30 % and the rest is shared among the other products in proportion to their shares, as in step 4. The cap needs at least four products (4 × 30 % ≥ 100 %), so an index of three products or fewer, such as the high-end sub-index, is not capped. The weights are renewed once a year at the link week, and the level carries over, so re-weighting never breaks the index.",
        'Sub-indices for sheet, strip and plate, for foil, and for high-end products (battery foil, can stock, PS plate base) use the same formula over their products. The ex-base version holds the base at its link-week value B_L, so that only the fees move it:',
        'I*_t = I_L × Σ_i w_i · ((B_L + F_i,t) / (B_L + F_i,L))',
        'Processing-fee barometer: the average of the spot processing fees weighted by output volume, in CNY/t.',
        'FB_t = Σ_i s_i · F_i,t',
        "Here F_i,t is product i's fee in week t and s_i its share of the cluster's output volume in the previous year; a product without a fee in a week is left out of that week and the other shares are scaled up. The barometer is not a ratio on purpose: a fee can approach zero or turn negative, and a ratio of fees would then mean nothing.",
        'Levels are chained unrounded. Indices are published to 0.1 point, the barometer to 1 CNY/t with its week-on-week change in CNY/t.',
      ),
      zh: paragraphs(
        '加工铝全价指数：产品篮子全价（铝锭价 + 现货加工费）的链式拉氏（Laspeyres）指数，以基期周为 1000。基期周是第一个完整评估周，即每个有权重的产品都有价格的第一周。长协加工费是长期定价，不代表当周市场，不计入指数。',
        'I_t = I_L × Σ_i w_i · (P_i,t / P_i,L)',
        '其中 P_i,t 为产品 i 在第 t 周的全价；L 为链接周（上一年的最后一周，第一年为基期周）；w_i 为产品 i 在上一年产业集群产值中的份额（产量 × 平均全价）。任何产品的权重不超过 30%：超过的份额压到 30%，其余按其他产品的份额比例分配，方法同第 4 步。这一上限至少需要四个产品（4 × 30% ≥ 100%），因此三个或更少产品的指数（例如高端产品分类指数）不设上限。权重每年在链接周更新一次，指数水平延续，因此更新权重不会使指数断档。',
        '板带、铝箔和高端产品（电池箔、罐料、PS 版基）分类指数按各自的产品采用同一公式。固定基价版本把铝锭价固定在其链接周的值 B_L，使指数只随加工费变动：',
        'I*_t = I_L × Σ_i w_i · ((B_L + F_i,t) / (B_L + F_i,L))',
        '加工费晴雨表：现货加工费按产量加权的平均值，单位为元/吨。',
        'FB_t = Σ_i s_i · F_i,t',
        '其中 F_i,t 为产品 i 在第 t 周的加工费，s_i 为其在上一年产业集群产量中的份额；某周没有加工费的产品不计入该周，其余产品的份额相应放大。晴雨表有意不采用比率：加工费可能接近零甚至为负，此时加工费之比没有意义。',
        '指数水平按未取整的数值链接。指数发布到 0.1 点，晴雨表发布到 1 元/吨，并给出以元/吨计的周环比变化。',
      ),
    },
  ),
  section(
    'governance',
    { en: 'Governance and conflicts of interest', zh: '治理与利益冲突' },
    {
      en: list(
        'The pricing center and its staff do not trade aluminium. The Huiguo trading center is a marketplace where members trade with each other.',
        'Assessors are kept apart from sales, commercial and government-liaison staff, and their pay is not linked to price levels.',
        "The local government and the industrial park's management have no role in setting values.",
        'The methodology is reviewed once a year. A change is put to public consultation for at least 4 weeks, and the comments are published unless their sender asks for confidentiality. Each change makes a new version.',
        'Records of submissions, assessments and publications are kept for at least 5 years.',
        'Once a year an independent review checks the center against the IOSCO principles.',
      ),
      zh: list(
        '价格中心及其员工不从事铝的买卖。回郭交易中心是会员之间相互交易的市场。',
        '评估员与销售、商务和政府联络人员相互分离，评估员的薪酬与价格水平无关。',
        '地方政府和产业园区管理机构在确定价格中没有任何作用。',
        '方法论每年审查一次。任何修改都须经过至少 4 周的公开征求意见，所收到的意见予以公布，提交人要求保密的除外。每次修改产生一个新版本。',
        '报送、评估和发布的记录至少保存 5 年。',
        '每年由独立机构对照 IOSCO 原则对本中心进行一次审查。',
      ),
    },
  ),
  section(
    'complaints',
    { en: 'Complaints', zh: '投诉' },
    {
      en: paragraphs(
        'Anyone may complain in writing about a published value, about how this methodology was applied or about the methodology itself. The center acknowledges a complaint within 2 business days and resolves it within 20 business days. A complainant who is not satisfied can take the complaint to an oversight committee with independent members. Every complaint and its outcome are logged, and a summary is published each year.',
      ),
      zh: paragraphs(
        '任何人都可以就发布的价格、本方法论的执行情况或方法论本身提出书面投诉。本中心在 2 个工作日内确认收到投诉，在 20 个工作日内处理完毕。投诉人不满意的，可将投诉提交给有独立成员参加的监督委员会。每一项投诉及其处理结果都予以登记，每年公布摘要。',
      ),
    },
  ),
  section(
    'submitter-code',
    { en: 'Code of conduct for data submitters', zh: '数据报送方行为准则' },
    {
      en: paragraphs(
        'A member enterprise that submits data signs the submitter agreement and follows this code:',
        list(
          'submit all qualifying deals of the window, not a selection;',
          'report each deal as it was done: quantity, value, base and its fixing convention, payment and delivery terms, time;',
          "flag every deal with an affiliated counterparty and every deal priced on the center's own prices;",
          'keep the contract or invoice of each deal: each quarter at least 5 % of deals are audited at random against a copy of the contract or invoice.',
        ),
        'The center keeps every submission confidential. A publication shows the value, the aggregates of the record and the exclusions by reason, never who dealt with whom or the details of a single deal.',
      ),
      zh: paragraphs(
        '报送数据的会员企业须签署报送协议，并遵守以下准则：',
        list(
          '报送窗口内的全部合格成交，而不是挑选部分成交；',
          '如实报送每笔成交：数量、价格、基价及其定价方式、付款和交货条件、时间；',
          '标明每一笔与关联方的成交和每一笔按本中心价格定价的成交；',
          '保留每笔成交的合同或发票：每季度随机抽查至少 5% 的成交，核对合同或发票副本。',
        ),
        '本中心对每一次报送保密。发布内容只有价格、评估记录的汇总数据和按原因统计的剔除，从不公开谁与谁成交，也不公开单笔成交的细节。',
      ),
    },
  ),
  section(
    'choices',
    { en: 'Choices this methodology makes where the rule leaves room', zh: '规则留有余地时本方法论的选择' },
    {
      en: paragraphs(
        'The steps above leave a few points open. This version settles them as follows.',
        list(
          '(a) Excluded items are listed in this order: deals failing step 1, in input order; then quotes failing step 1, in input order; then sanity-band exclusions; then outliers, each in input order.',
          '(b) "Within 5 %" of a deal\'s value means |other − value| ≤ 0.05 × |value|. The two corroborating deals must each come from a submitter other than the deal\'s own (they may share a submitter with each other), and are counted among the deals that passed step 1.',
          '(c) "More than" is strict everywhere (30 %, 10 %, 3 × 1.4826 × MAD, 45 days, 90 days): a value exactly at the limit stays in. A quantity equal to the minimum lot qualifies.',
          '(d) Rounding half away from zero to 10 CNY/t applies to value, low, high and median.',
          "(e) topSubmitterShare is the largest submitter's share of the weights actually used (after the cap in Tier 1, uncapped in Tier 2), and null when no deal is used. nSubmitters counts the submitters of the deals used; volumeKg sums their quantities.",
          '(f) With nothing at all the tier is null. A series that is suspended stays suspended (value null, tier null) until a Tier 1, 2 or 3 value is made.',
          '(g) A judgement whose rationale is empty after trimming spaces is no judgement.',
          `(h) The base series ${BASE_SERIES_ID} is assessed by the same method on daily windows (15:00 → 15:00 Asia/Shanghai, published 17:00), and the trading center's own trades enter as deals, with the seller as submitter.`,
        ),
      ),
      zh: paragraphs(
        '以上步骤有几处留有余地，本版本作如下选择。',
        list(
          '(a) 被剔除项按以下顺序列出：第 1 步不合格的成交，按输入顺序；然后是第 1 步不合格的报价，按输入顺序；然后是合理区间剔除；最后是异常值剔除，各自按输入顺序。',
          '(b) 一笔成交价格的“5% 以内”指 |其他价格 − 该价格| ≤ 0.05 × |该价格|。两笔佐证成交必须各自来自该成交报送方以外的报送方（两笔佐证成交之间可以来自同一报送方），并从通过第 1 步的成交中计数。',
          '(c) “超过”在所有地方都是严格的（30%、10%、3 × 1.4826 × MAD、45 天、90 天）：正好等于界限的保留。数量等于最小批量的合格。',
          '(d) 远离零的四舍五入到 10 元/吨适用于 value、low、high 和 median。',
          '(e) topSubmitterShare 是最大报送方在实际所用权重中所占的份额（一级为封顶后的权重，二级为不封顶的权重）；没有使用任何成交时为空。nSubmitters 为所用成交的报送方数量；volumeKg 为所用成交的数量之和。',
          '(f) 什么数据都没有时，层级为空。已暂停的系列保持暂停（价格为空，层级为空），直到得出一级、二级或三级价格。',
          '(g) 理由在去除首尾空格后为空的判断，不视为判断。',
          `(h) 基价系列 ${BASE_SERIES_ID} 采用同一方法，按每日窗口评估（Asia/Shanghai 15:00 → 15:00，17:00 发布）；交易中心自己的成交作为成交进入，以卖方为报送方。`,
        ),
      ),
    },
  ),
  section(
    'demo-data',
    { en: 'Demo data', zh: '演示数据' },
    {
      en: "The demo center's prices are synthetic: they were made by running simulated deals through this method. They show how the method behaves, but they are not market prices and must not be used as such.",
      zh: '演示中心的价格是合成数据：由模拟成交按本方法计算得出。它们展示本方法如何运作，但不是市场价格，不得当作市场价格使用。',
    },
  ),
]

/** Methodology v1, in force from 30 November 2026. */
export const METHODOLOGY_V1: Methodology = {
  version: 'v1',
  publishedOn: '2026-11-30',
  sections: SECTIONS_V1,
}

/** Every version ever published, oldest first; the last is in force. */
export const METHODOLOGIES: readonly Methodology[] = [METHODOLOGY_V1]

/** The methodology of a version ("v1"), or undefined when there is none. */
export const findMethodology = (version: string): Methodology | undefined =>
  METHODOLOGIES.find((m) => m.version === version)
