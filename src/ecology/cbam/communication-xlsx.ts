/**
 * A communication as a workbook laid out like the EU's communication template for installations
 * (carbon.md 1.5): A_InstData (installation and reporting period), B_EmInst (emission sources),
 * C_Emissions&Energy (totals), D_Processes (one production process per good), E_PurchPrec
 * (purchased precursors and where their SEE comes from), and a Summary of SEE actual against
 * default with the saving. Labels in English and Chinese. Pure.
 * @module
 */
import { type XlsxCell, type XlsxSheet, xlsxWorkbook } from '../../platform/xlsx.ts'
import { GAS_KGCO2_PER_NM3 } from './footprint.ts'
import { cbamFactor, defaultsOf, markUp, PRIMARY_BENCHMARK_TCO2E_PER_T } from './schedule.ts'
import type { CommunicationView } from './views.ts'

export const COMMUNICATION_SHEETS = [
  'A_InstData',
  'B_EmInst',
  'C_Emissions&Energy',
  'D_Processes',
  'E_PurchPrec',
  'Summary',
] as const

export const SYNTHETIC_COMMUNICATION_NOTE =
  'Synthetic data: a demo communication of made-up shipments, smelters and figures; not for a CBAM declaration. ' +
  '合成数据：演示用的虚构发运、冶炼厂与数据，不可用于 CBAM 申报。'

const t = (text: string | null | undefined): XlsxCell => (text ? { text } : null)
const pair = (label: string, value: XlsxCell): XlsxCell[] => [{ text: label }, value]
const header = (...labels: string[]): XlsxCell[] => labels.map((text) => ({ text }))

function instData(c: CommunicationView): XlsxSheet {
  const rows: XlsxCell[][] = []
  if (c.synthetic) rows.push([{ text: SYNTHETIC_COMMUNICATION_NOTE }])
  rows.push(
    header('Installation data 装置信息', ''),
    pair('Reporting period start 报告期开始', t(c.periodStart)),
    pair('Reporting period end 报告期结束', t(c.periodEnd)),
    pair('Year (method) 年度', c.year),
    pair('Installation name 装置名称', t(c.installation.name)),
    pair('Address 地址', t(c.installation.address)),
    pair('Country 国家', t(c.installation.country)),
    pair('UN/LOCODE', t(c.installation.unlocode)),
    pair('Operator 运营企业', t(c.installation.enterpriseNameEn ?? c.installation.enterpriseId)),
    pair('Operator (Chinese) 运营企业（中文）', t(c.installation.enterpriseNameZh)),
    pair('Operator registry id 登记编号', t(c.installation.enterpriseId)),
    pair('Importer (declarant) 进口商', t(c.importer.name)),
    pair('Importer country 进口商所在国', t(c.importer.country)),
    pair('Importer EORI', t(c.importer.eori)),
    pair('Shipment 发运单', t(c.shipment.id)),
    pair('Tracking code 追踪码', t(c.shipment.trackingCode)),
    pair('Calculation method 计算方法', t(`Huiguo CBAM method ${c.method} (direct emissions only)`)),
    pair('Carbon price €/tCO2 碳价', c.eurPerTco2),
    [],
    header(
      'Goods (CN code) 货物',
      'Description 描述',
      'Produced in period t 报告期产量',
      'On this shipment t 本次发运',
    ),
    ...c.goods.map((g) => [{ text: g.cnCode }, t(g.description), g.outputT, g.shippedT]),
  )
  return { name: 'A_InstData', rows, widthsChars: [40, 48, 28, 24] }
}

function emissionSources(c: CommunicationView): XlsxSheet {
  const rows: XlsxCell[][] = [
    header(
      'Process (CN code) 工序',
      'Source stream 排放源',
      'Activity data 活动数据',
      'Unit 单位',
      'Emission factor 排放因子',
      'Factor unit 因子单位',
      'Emissions tCO2e 排放量',
      'Counted 计入',
    ),
  ]
  for (const g of c.goods) {
    const i = g.installation
    rows.push(
      [
        { text: g.cnCode },
        { text: 'Natural gas 天然气' },
        i.naturalGasNm3,
        { text: 'Nm³' },
        GAS_KGCO2_PER_NM3,
        { text: 'kgCO2/Nm³' },
        (i.naturalGasNm3 * GAS_KGCO2_PER_NM3) / 1000,
        { text: 'direct 直接' },
      ],
      [
        { text: g.cnCode },
        { text: 'Other direct emissions 其他直接排放' },
        i.otherDirectTco2e,
        { text: 'tCO2e' },
        null,
        null,
        i.otherDirectTco2e,
        { text: 'direct 直接' },
      ],
      [
        { text: g.cnCode },
        { text: 'Electricity 电力' },
        i.electricityKwh,
        { text: 'kWh' },
        i.gridKgco2PerKwh,
        { text: 'kgCO2/kWh' },
        (i.electricityKwh * i.gridKgco2PerKwh) / 1000,
        { text: 'indirect, reported only 间接，仅报告' },
      ],
    )
  }
  return { name: 'B_EmInst', rows, widthsChars: [20, 34, 18, 10, 22, 14, 22, 34], frozenRows: 1 }
}

function emissionsAndEnergy(c: CommunicationView): XlsxSheet {
  const sum = (f: (g: CommunicationView['goods'][number]) => number) => c.goods.reduce((s, g) => s + f(g), 0)
  const direct = sum((g) => g.record.directTco2e)
  const precursors = sum((g) => g.record.precursorTco2e)
  const kwh = sum((g) => g.installation.electricityKwh)
  const indirect = sum((g) => (g.installation.electricityKwh * g.installation.gridKgco2PerKwh) / 1000)
  return {
    name: 'C_Emissions&Energy',
    rows: [
      header('Installation totals for the period 报告期装置合计', 'Value 数值', 'Unit 单位'),
      [{ text: 'Direct emissions 直接排放' }, direct, { text: 'tCO2e' }],
      [{ text: 'Natural gas 天然气' }, sum((g) => g.installation.naturalGasNm3), { text: 'Nm³' }],
      [{ text: 'Embedded emissions of precursors 前体隐含排放' }, precursors, { text: 'tCO2e' }],
      [{ text: 'Electricity consumed 耗电量' }, kwh / 1000, { text: 'MWh' }],
      [
        { text: 'Indirect emissions (reported, not counted) 间接排放（仅报告）' },
        indirect,
        { text: 'tCO2e' },
      ],
      [
        { text: 'Scrap charged (no embedded emissions) 投入废铝（无隐含排放）' },
        sum((g) => g.scrapT),
        { text: 't' },
      ],
      [{ text: 'Goods produced 货物产量' }, sum((g) => g.outputT), { text: 't' }],
    ],
    widthsChars: [60, 18, 10],
    frozenRows: 1,
  }
}

function processes(c: CommunicationView): XlsxSheet {
  return {
    name: 'D_Processes',
    rows: [
      header(
        'Production process (CN code) 生产工序',
        'Description 描述',
        'Activity level t 产量',
        'Attributed direct emissions tCO2e 直接排放',
        'Precursors embedded tCO2e 前体排放',
        'SEE tCO2e/t 单位隐含排放',
        'Indirect tCO2/t (reported) 间接',
        'Scrap t 废铝',
        'Precursors on defaults 用默认值的前体',
      ),
      ...c.goods.map((g): XlsxCell[] => [
        { text: g.cnCode },
        t(g.description),
        g.outputT,
        g.record.directTco2e,
        g.record.precursorTco2e,
        g.record.seeTco2ePerT,
        g.record.indirectTco2ePerT,
        g.scrapT,
        g.record.precursorsOnDefaults,
      ]),
    ],
    widthsChars: [30, 40, 18, 32, 28, 24, 26, 12, 26],
    frozenRows: 1,
  }
}

function purchasedPrecursors(c: CommunicationView): XlsxSheet {
  const rows: XlsxCell[][] = [
    header(
      'Used in (CN code) 用于',
      'Precursor CN code 前体编码',
      'Tonnes t 吨',
      'Origin 原产国',
      'SEE tCO2e/t',
      'Embedded tCO2e 隐含排放',
      'Data source 数据来源',
      'Supplier installation 供应商',
      'Route 路线',
      'Declaration id 申报编号',
      'Declared by 申报人',
      'Declared at 申报时间',
      'Verifier 核查机构',
    ),
  ]
  for (const g of c.goods)
    for (const p of g.precursors) {
      const d = p.declaration
      rows.push([
        { text: g.cnCode },
        { text: p.cnCode },
        p.tonnes,
        { text: p.origin ?? c.installation.country },
        p.seeTco2ePerT,
        p.embeddedTco2e,
        {
          text: d
            ? 'Actual: supplier declaration 实际值：供应商申报'
            : `EU default × ${1 + markUp(c.year)} mark-up 欧盟默认值×加成`,
        },
        t(d?.enterpriseNameEn),
        t(d?.route),
        t(d?.id),
        t(d?.declaredBy?.username ?? (d ? 'synthetic' : null)),
        t(d?.declaredAt),
        t(d?.verifier),
      ])
    }
  return {
    name: 'E_PurchPrec',
    rows,
    widthsChars: [18, 22, 12, 12, 14, 22, 40, 44, 12, 18, 18, 26, 36],
    frozenRows: 1,
  }
}

function summary(c: CommunicationView): XlsxSheet {
  const rows: XlsxCell[][] = [
    header(
      'CN code 编码',
      'SEE actual tCO2e/t 实际',
      'SEE default tCO2e/t 默认',
      'Benchmark × CBAM factor 基准×系数',
      'Payable actual tCO2e/t 应付（实际）',
      'Payable default tCO2e/t 应付（默认）',
      'Cost actual €/t 成本（实际）',
      'Cost default €/t 成本（默认）',
      'Saving on period output € 报告期产量节省',
      'Shipped t 发运',
      'Saving on this shipment € 本次发运节省',
    ),
  ]
  for (const g of c.goods) {
    const increment = defaultsOf(g.cnCode)?.benchmarkIncrementTco2ePerT ?? 0
    rows.push([
      { text: g.cnCode },
      g.record.seeTco2ePerT,
      g.record.defaultSeeTco2ePerT,
      (PRIMARY_BENCHMARK_TCO2E_PER_T + increment) * cbamFactor(c.year),
      g.record.payableTco2ePerT,
      g.record.defaultPayableTco2ePerT,
      g.record.costEurPerT,
      g.record.defaultCostEurPerT,
      g.record.savingEur,
      g.shippedT,
      g.shipment.savingEur,
    ])
  }
  rows.push(
    [],
    pair('Shipment cost on actual data € 本次发运成本（实际）', c.totals.costEur),
    pair('Shipment cost on EU defaults € 本次发运成本（默认值）', c.totals.defaultCostEur),
    pair('Saving on this shipment € 本次发运节省', c.totals.savingEur),
    pair('Saving share 节省比例', c.totals.savingShare),
    pair('Carbon price €/tCO2 碳价', c.eurPerTco2),
    pair('Year 年度', c.year),
  )
  if (c.synthetic) rows.push([], [{ text: SYNTHETIC_COMMUNICATION_NOTE }])
  return { name: 'Summary', rows, widthsChars: [40, 22, 22, 26, 26, 26, 22, 22, 30, 14, 30], frozenRows: 1 }
}

/** The communication as an .xlsx workbook of the template's five sheets and a summary. */
export function communicationXlsx(c: CommunicationView): Uint8Array {
  return xlsxWorkbook([
    instData(c),
    emissionSources(c),
    emissionsAndEnergy(c),
    processes(c),
    purchasedPrecursors(c),
    summary(c),
  ])
}
