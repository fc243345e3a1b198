import { describe, expect, it } from 'vitest'
import {
  compareYuan,
  formatCoordinates,
  formatInteger,
  formatMm,
  formatMoney,
  formatRange,
  formatTonnes,
  formatYuanExact,
  groupDigits,
  parseMmToUm,
  parseWholeMm,
  totalCapacity,
} from '../web/src/format.ts'

describe('groupDigits and formatInteger', () => {
  it('groups thousands', () => {
    expect(groupDigits('0')).toBe('0')
    expect(groupDigits('999')).toBe('999')
    expect(groupDigits('1000')).toBe('1,000')
    expect(groupDigits('1234567')).toBe('1,234,567')
    expect(formatInteger(4_550_000)).toBe('4,550,000')
    expect(formatInteger(-1234)).toBe('-1,234')
    expect(formatInteger(Number.NaN)).toBe('—')
  })
})

describe('formatTonnes', () => {
  it('uses 万吨 in Chinese', () => {
    expect(formatTonnes(4_550_000, 'zh')).toBe('455万吨')
    expect(formatTonnes(1_234_567, 'zh')).toBe('123.46万吨')
    expect(formatTonnes(12_345_678, 'zh')).toBe('1,234.57万吨')
    expect(formatTonnes(10_000, 'zh')).toBe('1万吨')
    expect(formatTonnes(15_000, 'zh')).toBe('1.5万吨')
    expect(formatTonnes(9_999, 'zh')).toBe('9,999吨')
    expect(formatTonnes(0, 'zh')).toBe('0吨')
  })

  it('uses t, kt and Mt in English', () => {
    expect(formatTonnes(4_550_000, 'en')).toBe('4.55 Mt')
    expect(formatTonnes(12_345_678, 'en')).toBe('12.35 Mt')
    expect(formatTonnes(1_000_000, 'en')).toBe('1 Mt')
    expect(formatTonnes(45_500, 'en')).toBe('45.5 kt')
    expect(formatTonnes(350_000, 'en')).toBe('350 kt')
    expect(formatTonnes(999, 'en')).toBe('999 t')
    // Rounds up to 1,000.0 kt, so it is shown in Mt.
    expect(formatTonnes(999_960, 'en')).toBe('1 Mt')
  })
})

describe('formatMoney', () => {
  it('uses 亿元 and 万元 in Chinese, from the string', () => {
    expect(formatMoney('120345000000.00', 'zh')).toBe('1,203.45亿元')
    expect(formatMoney('120345000000', 'zh')).toBe('1,203.45亿元')
    expect(formatMoney('100000000.00', 'zh')).toBe('1.00亿元')
    expect(formatMoney('2345678.90', 'zh')).toBe('234.57万元')
    expect(formatMoney('8500.5', 'zh')).toBe('8,500.50元')
    // Rounds to 10,000.00万元, so it is shown in 亿元.
    expect(formatMoney('99999999.00', 'zh')).toBe('1.00亿元')
  })

  it('uses CNY bn and m in English', () => {
    expect(formatMoney('120345000000.00', 'en')).toBe('CNY 120.3 bn')
    expect(formatMoney('1000000000.00', 'en')).toBe('CNY 1.0 bn')
    expect(formatMoney('45650000.00', 'en')).toBe('CNY 45.7 m')
    expect(formatMoney('8500.00', 'en')).toBe('CNY 8,500')
  })

  it('keeps precision beyond 2^53 and refuses malformed strings', () => {
    // 9,007,199,254,740,993 yuan is not representable as a double.
    expect(formatYuanExact('9007199254740993.07')).toBe('9,007,199,254,740,993.07')
    expect(formatMoney('9007199254740993.07', 'zh')).toBe('90,071,992.55亿元')
    expect(formatMoney('abc', 'zh')).toBe('—')
    expect(formatMoney('1e9', 'en')).toBe('—')
    expect(formatMoney('-250000000.00', 'zh')).toBe('-2.50亿元')
  })

  it('compares yuan strings exactly', () => {
    expect(compareYuan('9007199254740993.00', '9007199254740992.99')).toBe(1)
    expect(compareYuan('10.5', '10.50')).toBe(0)
    expect(compareYuan('-1.00', '0.00')).toBe(-1)
    expect(['3.00', 'x', '20.00', '100.00'].sort(compareYuan)).toEqual(['3.00', '20.00', '100.00', 'x'])
  })
})

describe('millimetres and micrometres', () => {
  it('formats micrometres as millimetres', () => {
    expect(formatMm(1000)).toBe('1.0')
    expect(formatMm(200)).toBe('0.2')
    expect(formatMm(6)).toBe('0.006')
    expect(formatMm(6500)).toBe('6.5')
    expect(formatMm(150_000)).toBe('150.0')
    expect(formatRange('0.2', '3.0')).toBe('0.2–3.0')
    expect(formatRange('1,220', '1,220')).toBe('1,220')
  })

  it('parses millimetres to integer micrometres without floating point', () => {
    expect(parseMmToUm('1.0')).toBe(1000)
    expect(parseMmToUm('0.2')).toBe(200)
    expect(parseMmToUm('0,2')).toBe(200)
    expect(parseMmToUm('0.006')).toBe(6)
    expect(parseMmToUm(' 3 ')).toBe(3000)
    expect(parseMmToUm('0.29')).toBe(290) // 0.29 * 1000 is 289.99999999999997 as a float
    expect(parseMmToUm('0.0065')).toBeNull()
    expect(parseMmToUm('0')).toBeNull()
    expect(parseMmToUm('-1')).toBeNull()
    expect(parseMmToUm('abc')).toBeNull()
    expect(parseMmToUm('')).toBeNull()
    expect(parseWholeMm('1220')).toBe(1220)
    expect(parseWholeMm('12.5')).toBeNull()
    expect(parseWholeMm('0')).toBeNull()
  })
})

describe('other formatters', () => {
  it('formats coordinates with hemispheres', () => {
    expect(formatCoordinates(34.752, 113.012, 'en')).toBe('34.7520° N, 113.0120° E')
    expect(formatCoordinates(34.752, 113.012, 'zh')).toBe('北纬 34.7520°，东经 113.0120°')
  })

  it('sums capacity per form', () => {
    expect(totalCapacity({ sheet: 100_000, strip: 50_000, foil: undefined })).toBe(150_000)
    expect(totalCapacity({})).toBe(0)
  })
})
