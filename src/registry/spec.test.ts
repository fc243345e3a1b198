import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ALLOYS,
  APPLICATIONS,
  type Application,
  INGOT_GRADES,
  PRODUCT_FORMS,
  type ProductForm,
  TEMPERS,
  THICKNESS_UM_BY_FORM,
} from './model.ts'
import {
  APPLICATION_RULES,
  applicableTempers,
  BILLET_DIAMETER_MM,
  canonicalSpecText,
  formatThicknessMm,
  PRODUCT_FORM_EXAMPLES,
  type ProductSpec,
  parseSpec,
  parseThicknessMm,
  printSpec,
  ROLLED_FORMS,
  SPEC_REASONS,
  type SpecFields,
  type SpecReason,
  type SpecResult,
  validateSpec,
  WIDTH_MM_BY_FORM,
} from './spec.ts'

const rolled = (
  form: ProductForm,
  alloy: string,
  temper: ProductSpec['temper'],
  thicknessUm: number,
  widthMm: number,
  application: Application | null = null,
): ProductSpec => ({ form, alloy, temper, thicknessUm, widthMm, diameterMm: null, application })

const billet = (alloy: string, diameterMm: number): ProductSpec => ({
  form: 'billet',
  alloy,
  temper: null,
  thicknessUm: null,
  widthMm: null,
  diameterMm,
  application: null,
})

const ingot = (grade: string): ProductSpec => ({
  form: 'ingot',
  alloy: grade,
  temper: null,
  thicknessUm: null,
  widthMm: null,
  diameterMm: null,
  application: null,
})

function okValue<T>(result: SpecResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.reason}: ${result.detail}`)
  return result.value
}

function refusalOf<T>(result: SpecResult<T>) {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`)
  return result
}

describe('canonical text, one example per form', () => {
  const cases: [string, ProductSpec][] = [
    ['INGOT Al99.70', ingot('Al99.70')],
    ['INGOT Al99.85', ingot('Al99.85')],
    ['BILLET 6063 D120', billet('6063', 120)],
    ['CRC 1060-F 7.0x1600', rolled('cast_rolled_coil', '1060', 'F', 7000, 1600)],
    ['PLATE 6061-T651 20.0x1520', rolled('plate', '6061', 'T651', 20_000, 1520)],
    ['PLATE 5083-H112 6.001x2000 marine_plate', rolled('plate', '5083', 'H112', 6001, 2000, 'marine_plate')],
    ['SHEET 1060-H24 1.0x1220', rolled('sheet', '1060', 'H24', 1000, 1220)],
    ['SHEET 5052-H32 0.2x1000', rolled('sheet', '5052', 'H32', 200, 1000)],
    ['STRIP 3003-H24 0.5x1250', rolled('strip', '3003', 'H24', 500, 1250)],
    ['STRIP 3104-H19 0.27x1600 can_body_stock', rolled('strip', '3104', 'H19', 270, 1600, 'can_body_stock')],
    ['FOIL 8011-O 0.012x1000', rolled('foil', '8011', 'O', 12, 1000)],
    ['FOIL 1070-H18 0.012x600 battery_foil', rolled('foil', '1070', 'H18', 12, 600, 'battery_foil')],
    ['FOIL 1235-O 0.004x10', rolled('foil', '1235', 'O', 4, 10)],
  ]
  it.each(cases)('%s parses to its fields and prints back unchanged', (text, spec) => {
    expect(okValue(parseSpec(text))).toEqual(spec)
    expect(printSpec(spec)).toBe(text)
    expect(okValue(validateSpec(spec))).toEqual(spec)
  })

  it('covers every product form', () => {
    const forms = new Set(cases.map(([, spec]) => spec.form))
    expect([...forms].sort()).toEqual([...PRODUCT_FORMS].sort())
  })

  it.each(Object.entries(PRODUCT_FORM_EXAMPLES))('the %s example is valid and canonical', (form, text) => {
    const spec = okValue(parseSpec(text))
    expect(spec.form).toBe(form)
    expect(printSpec(spec)).toBe(text)
  })
})

describe('tolerant reading', () => {
  it.each([
    ['SHEET 1060-H24 1.0x1220', 'SHEET 1060-H24 1.0x1220'],
    ['  sheet   1060 - h24   1.00 × 1220  ', 'SHEET 1060-H24 1.0x1220'],
    ['Sheet 1060-H24 1*1220', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060-H24 1X1220', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060-H24 1 mm x 1220 mm', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060-H24 1.000x1220.0', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060H24 1x1220', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060 H24 1x1220', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET AA1060-H24 1x1220', 'SHEET 1060-H24 1.0x1220'],
    ['SHEET 1060-0 1x1220', 'SHEET 1060-O 1.0x1220'],
    ['SHEET 1060–H24 1x1220', 'SHEET 1060-H24 1.0x1220'],
    ['ＳＨＥＥＴ　１０６０－Ｈ２４　１ｘ１２２０', 'SHEET 1060-H24 1.0x1220'],
    ['铝板 1060-H24 1x1220', 'SHEET 1060-H24 1.0x1220'],
    ['coil 3003-h24 .5x1250', 'STRIP 3003-H24 0.5x1250'],
    ['strip/coil 3003-H24 0.50x1250', 'STRIP 3003-H24 0.5x1250'],
    ['CC 1060-F 7x1600', 'CRC 1060-F 7.0x1600'],
    ['cast rolled coil 1060-F 7x1600', 'CRC 1060-F 7.0x1600'],
    ['Cast-Rolled Coil 1060-F 7.0x1600', 'CRC 1060-F 7.0x1600'],
    ['cast_rolled_coil 1060-F 7x1600', 'CRC 1060-F 7.0x1600'],
    ['铸轧卷 1060-F 7x1600', 'CRC 1060-F 7.0x1600'],
    ['foil 8011-o 0.0120×1000', 'FOIL 8011-O 0.012x1000'],
    ['FOIL 1070-H18 0.012x600 Battery Foil', 'FOIL 1070-H18 0.012x600 battery_foil'],
    ['FOIL 1070-H18 0.012x600 battery-foil', 'FOIL 1070-H18 0.012x600 battery_foil'],
    ['SHEET 3105-H24 0.5x1250 color_coating', 'SHEET 3105-H24 0.5x1250 colour_coating'],
    ['ingot a00', 'INGOT Al99.70'],
    ['INGOT al99.7', 'INGOT Al99.70'],
    ['铝锭 Al99.85', 'INGOT Al99.85'],
    ['billet 6063 120', 'BILLET 6063 D120'],
    ['BILLET 6063 d 120', 'BILLET 6063 D120'],
    ['BILLET 6063 Φ120.0mm', 'BILLET 6063 D120'],
    ['铝棒 6063 D178', 'BILLET 6063 D178'],
  ])('%j reads as %s', (text, canonical) => {
    expect(okValue(canonicalSpecText(text))).toBe(canonical)
  })
})

describe('thickness in millimetres', () => {
  it.each([
    [1000, '1'],
    [1500, '1.5'],
    [12, '0.012'],
    [200, '0.2'],
    [20_000, '20'],
    [6001, '6.001'],
    [0, '0'],
  ])('%i µm prints as %s mm', (um, mm) => {
    expect(formatThicknessMm(um)).toBe(mm)
    expect(parseThicknessMm(mm)).toBe(um)
  })

  it('reads padded decimals and refuses what is finer than 1 µm', () => {
    expect(parseThicknessMm('1.00')).toBe(1000)
    expect(parseThicknessMm('.5')).toBe(500)
    expect(parseThicknessMm('0.0125')).toBeNull()
    expect(parseThicknessMm('abc')).toBeNull()
    expect(parseThicknessMm('')).toBeNull()
  })

  it('refuses to format what is not whole micrometres', () => {
    expect(() => formatThicknessMm(1.5)).toThrow(RangeError)
    expect(() => formatThicknessMm(-1)).toThrow(RangeError)
  })
})

describe('refusals say why, with a stable reason', () => {
  const textCases: [SpecReason, string, RegExp][] = [
    ['MALFORMED', '', /empty/],
    ['MALFORMED', 'SHEET', /alloy-temper is missing.*SHEET 1060-H24 1.0x1220/],
    ['MALFORMED', 'SHEET 1060-H24', /thickness x width.*missing/],
    ['MALFORMED', 'SHEET 1060-H24 1x', /THICKNESSxWIDTH.*got 1x/],
    ['MALFORMED', 'SHEET 1060 1x1220', /ALLOY-TEMPER.*got 1060/],
    ['MALFORMED', 'BILLET 6063', /diameter is missing/],
    ['MALFORMED', 'INGOT', /grade is missing/],
    ['MALFORMED', `SHEET 1060-H24 1x1220 ${'x'.repeat(300)}`, /at most 200 characters/],
    ['UNKNOWN_FORM', 'WIRE 1060-H24 1x10', /WIRE is not a product form/],
    ['UNKNOWN_ALLOY', 'SHEET 9999-H24 1x1220', /alloy 9999 is not a GB\/T 3190 designation the center lists/],
    ['UNKNOWN_GRADE', 'INGOT Al99.99', /ingot grade Al99\.99 is not a GB\/T 1196 grade/],
    ['UNKNOWN_GRADE', 'INGOT 6063', /alloyed metal .* BILLET/],
    ['UNKNOWN_TEMPER', 'SHEET 1060-H25 1x1220', /temper H25 is not a GB\/T 16475 temper/],
    ['UNKNOWN_APPLICATION', 'SHEET 1060-H24 1x1220 rocket_skin', /application rocket_skin is not one/],
    ['FIELD_NOT_APPLICABLE', 'BILLET 6063-T5 D120', /billet is cast stock and carries no temper, got T5/],
    ['FIELD_NOT_APPLICABLE', 'INGOT Al99.70 roofing', /ingot is feedstock and carries no application/],
    ['PRECISION_EXCEEDED', 'SHEET 1060-H24 1.0005x1220', /thickness 1\.0005 mm is finer than 1 µm/],
    [
      'PRECISION_EXCEEDED',
      'SHEET 1060-H24 1x1220.5',
      /width 1220\.5 mm is not a whole number of millimetres/,
    ],
    ['PRECISION_EXCEEDED', 'BILLET 6063 D120.5', /diameter 120\.5 mm/],
    ['THICKNESS_OUT_OF_RANGE', 'FOIL 8011-O 3x1000', /foil is at most 0\.2 mm .*got 3 mm — that is sheet/],
    ['THICKNESS_OUT_OF_RANGE', 'FOIL 8011-O 8x1000', /got 8 mm — that is plate/],
    [
      'THICKNESS_OUT_OF_RANGE',
      'FOIL 8011-O 0.003x1000',
      /at least 0\.004 mm \(4 µm\).*got 0\.003 mm \(3 µm\)/,
    ],
    [
      'THICKNESS_OUT_OF_RANGE',
      'SHEET 1060-H24 0.1x1220',
      /sheet is at least 0\.2 mm.*got 0\.1 mm.*that is foil/,
    ],
    [
      'THICKNESS_OUT_OF_RANGE',
      'SHEET 1060-H24 8x1220',
      /sheet is at most 6 mm thick, got 8 mm — that is plate/,
    ],
    ['THICKNESS_OUT_OF_RANGE', 'STRIP 1060-H24 0x1220', /strip is at least 0\.2 mm/],
    [
      'THICKNESS_OUT_OF_RANGE',
      'PLATE 5083-H112 5x1520',
      /plate is more than 6 mm thick, got 5 mm — that is sheet/,
    ],
    ['THICKNESS_OUT_OF_RANGE', 'PLATE 5083-H112 400x1520', /plate is at most 300 mm thick, got 400 mm/],
    [
      'THICKNESS_OUT_OF_RANGE',
      'CRC 1060-F 3x1600',
      /cast-rolled coil leaves the caster 5–10 mm thick, got 3 mm/,
    ],
    ['WIDTH_OUT_OF_RANGE', 'FOIL 8011-O 0.012x2200', /foil is at most 2000 mm wide, got 2200 mm/],
    ['WIDTH_OUT_OF_RANGE', 'SHEET 1060-H24 1x3000', /sheet is at most 2650 mm wide, got 3000 mm/],
    ['WIDTH_OUT_OF_RANGE', 'SHEET 1060-H24 1x5', /sheet is at least 10 mm wide, got 5 mm/],
    ['DIAMETER_OUT_OF_RANGE', 'BILLET 6063 D900', /billet diameter is 50–800 mm, got 900 mm/],
    [
      'TEMPER_NOT_APPLICABLE',
      'SHEET 1060-T6 1x1220',
      /T6 .*heat-treatable alloys.*1060 hardens only by cold work/,
    ],
    [
      'TEMPER_NOT_APPLICABLE',
      'SHEET 6061-H24 1x1220',
      /H24 .*non-heat-treatable.*6061 is heat-treatable.*T6/,
    ],
    ['TEMPER_NOT_APPLICABLE', 'SHEET 1060-H32 1x1220', /H32 is a stabilised temper.*1060 is not one/],
    ['TEMPER_NOT_APPLICABLE', 'SHEET 6061-T651 3x1220', /T651 .*plate only, and this is sheet — use T6/],
    ['TEMPER_NOT_APPLICABLE', 'CRC 1060-H24 7x1600', /cast-rolled coil is sold as cast, temper F, got H24/],
    [
      'APPLICATION_MISMATCH',
      'FOIL 5052-O 0.012x1000 battery_foil',
      /battery foil is rolled from 1xxx, 3003 or 8xxx, not 5052/,
    ],
    [
      'APPLICATION_MISMATCH',
      'FOIL 1070-H18 0.03x600 battery_foil',
      /battery foil is at most 0\.02 mm \(20 µm\) thick, got 0\.03 mm/,
    ],
    [
      'APPLICATION_MISMATCH',
      'STRIP 3003-H19 0.27x1600 can_body_stock',
      /can body stock is rolled from 3104, not 3003/,
    ],
    [
      'APPLICATION_MISMATCH',
      'STRIP 3104-H18 0.27x1600 can_body_stock',
      /can body stock is H19 temper, not H18/,
    ],
    ['APPLICATION_MISMATCH', 'STRIP 3104-H19 0.5x1600 can_body_stock', /at most 0\.35 mm .*got 0\.5 mm/],
    [
      'APPLICATION_MISMATCH',
      'SHEET 8011-O 0.5x1000 household_foil',
      /household foil comes as foil, not sheet/,
    ],
    [
      'APPLICATION_MISMATCH',
      'PLATE 6061-T6 12x2000 marine_plate',
      /marine plate is rolled from 5xxx, not 6061/,
    ],
    [
      'APPLICATION_MISMATCH',
      'SHEET 3003-H18 0.2x1000 ps_plate_base',
      /ps plate base is rolled from 1xxx, not 3003/,
    ],
  ]

  it.each(textCases)('%s: %j', (reason, text, message) => {
    const refusal = refusalOf(parseSpec(text))
    expect(refusal.code).toBe('SPEC_INVALID')
    expect(refusal.reason).toBe(reason)
    expect(refusal.errors[0]?.reason).toBe(reason)
    expect(refusal.errors[0]?.message).toMatch(message)
    expect(refusal.detail).toMatch(message)
  })

  const fieldCases: [SpecReason, SpecFields, string, RegExp][] = [
    ['UNKNOWN_FORM', { form: 'wire', alloy: '1060' }, '/form', /wire is not a product form/],
    [
      'FIELD_MISSING',
      { form: 'sheet', alloy: '1060', thicknessUm: 1000, widthMm: 1220 },
      '/temper',
      /sheet needs a temper/,
    ],
    [
      'FIELD_MISSING',
      { form: 'foil', alloy: '8011', temper: 'O', widthMm: 1000 },
      '/thicknessUm',
      /foil needs a thickness/,
    ],
    ['FIELD_MISSING', { form: 'billet', alloy: '6063' }, '/diameterMm', /billet needs a diameter/],
    [
      'FIELD_NOT_APPLICABLE',
      { form: 'ingot', alloy: 'Al99.70', widthMm: 1000 },
      '/widthMm',
      /ingot has no width, got 1000/,
    ],
    [
      'FIELD_NOT_APPLICABLE',
      { ...rolled('sheet', '1060', 'H24', 1000, 1220), diameterMm: 5 },
      '/diameterMm',
      /sheet has no diameter/,
    ],
    [
      'FIELD_INVALID',
      { ...rolled('sheet', '1060', 'H24', 1000, 1220), widthMm: Number.NaN },
      '/widthMm',
      /width must be a number of mm, got NaN/,
    ],
    [
      'FIELD_INVALID',
      { form: 'sheet', alloy: 1060 as unknown as string },
      '/alloy',
      /alloy must be text, got 1060/,
    ],
    [
      'PRECISION_EXCEEDED',
      rolled('foil', '8011', 'O', 12.5, 1000),
      '/thicknessUm',
      /thickness is held in whole µm, got 12\.5 µm/,
    ],
    ['UNKNOWN_GRADE', ingot('A00'), '/alloy', /A00 is written Al99\.70/],
  ]

  it.each(fieldCases)('%s from fields: %j', (reason, fields, field, message) => {
    const refusal = refusalOf(validateSpec(fields))
    expect(refusal.reason).toBe(reason)
    const error = refusal.errors.find((e) => e.reason === reason)
    expect(error?.field).toBe(field)
    expect(error?.message).toMatch(message)
  })

  it('has an example for every reason', () => {
    const covered = new Set([...textCases.map(([r]) => r), ...fieldCases.map(([r]) => r)])
    expect([...covered].sort()).toEqual([...SPEC_REASONS].sort())
  })

  it('lists every problem, most basic first, each with its field', () => {
    const refusal = refusalOf(parseSpec('SHEET 9999-H99 1x9999 rocket'))
    expect(refusal.reason).toBe('UNKNOWN_ALLOY')
    expect(refusal.errors.map((e) => [e.field, e.reason])).toEqual([
      ['/alloy', 'UNKNOWN_ALLOY'],
      ['/temper', 'UNKNOWN_TEMPER'],
      ['/widthMm', 'WIDTH_OUT_OF_RANGE'],
      ['/application', 'UNKNOWN_APPLICATION'],
    ])
    expect(refusal.detail).toContain('9999 mm')
  })

  it('gives the reason for an application rule once, however many parts of it break', () => {
    const refusal = refusalOf(parseSpec('SHEET 3003-H18 1x1600 can_body_stock'))
    expect(refusal.errors).toHaveLength(3)
    expect(
      refusal.errors.filter((e) => e.message.includes(APPLICATION_RULES.can_body_stock?.why ?? '?')),
    ).toHaveLength(1)
  })

  it('refuses a spec that is not an object', () => {
    expect(refusalOf(validateSpec(null as unknown as SpecFields)).reason).toBe('MALFORMED')
  })
})

describe('tempers', () => {
  it('gives pickers the tempers that apply', () => {
    expect(applicableTempers('sheet', '6061')).toEqual(['F', 'O', 'H111', 'H112', 'T4', 'T5', 'T6'])
    expect(applicableTempers('plate', '6061')).toContain('T651')
    expect(applicableTempers('sheet', '1060')).not.toContain('H32')
    expect(applicableTempers('sheet', '5052')).toContain('H32')
    expect(applicableTempers('sheet', '3004')).toContain('H34')
    expect(applicableTempers('cast_rolled_coil', '1060')).toEqual(['F'])
  })

  it('lets H111 and H112 apply to every alloy', () => {
    for (const alloy of ALLOYS) {
      expect(applicableTempers('plate', alloy)).toEqual(expect.arrayContaining(['H111', 'H112']))
    }
  })
})

describe('validateSpec on fields', () => {
  it('fills absent optional fields with null', () => {
    expect(okValue(validateSpec({ form: 'ingot', alloy: 'Al99.50' }))).toEqual(ingot('Al99.50'))
    expect(okValue(validateSpec({ form: 'billet', alloy: '6082', diameterMm: 254 }))).toEqual(
      billet('6082', 254),
    )
  })
})

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const rolledSpecArb: fc.Arbitrary<ProductSpec> = fc
  .record({ form: fc.constantFrom(...ROLLED_FORMS), alloy: fc.constantFrom(...ALLOYS) })
  .chain(({ form, alloy }) => {
    const t = THICKNESS_UM_BY_FORM[form]
    const w = WIDTH_MM_BY_FORM[form]
    return fc.record({
      form: fc.constant<ProductForm>(form),
      alloy: fc.constant<string>(alloy),
      temper: fc.constantFrom(...applicableTempers(form, alloy)),
      thicknessUm: fc.oneof(
        fc.integer(t),
        fc.constantFrom(t.min, t.max, Math.min(t.max, Math.max(t.min, 12))),
      ),
      widthMm: fc.integer(w),
      diameterMm: fc.constant(null),
      application: fc.constant(null),
    })
  })
  .chain((base) => {
    const fits = APPLICATIONS.filter((application) => validateSpec({ ...base, application }).ok)
    return fc.constantFrom<Application | null>(null, ...fits).map((application) => ({ ...base, application }))
  })

const billetArb: fc.Arbitrary<ProductSpec> = fc
  .record({ alloy: fc.constantFrom(...ALLOYS), diameterMm: fc.integer(BILLET_DIAMETER_MM) })
  .map(({ alloy, diameterMm }) => billet(alloy, diameterMm))

const ingotArb: fc.Arbitrary<ProductSpec> = fc.constantFrom(...INGOT_GRADES).map(ingot)

const validSpecArb = fc.oneof(rolledSpecArb, rolledSpecArb, billetArb, ingotArb)

const KEYWORD_SPELLINGS: Record<ProductForm, string[]> = {
  ingot: ['INGOT', 'ingot', '铝锭'],
  billet: ['BILLET', 'Billet', '铝棒'],
  cast_rolled_coil: ['CRC', 'cc', 'cast rolled coil', 'Cast-Rolled Coil', 'CAST_ROLLED_COIL', '铸轧卷'],
  plate: ['PLATE', 'plate', '中厚板'],
  sheet: ['SHEET', 'sheet', '铝板'],
  strip: ['STRIP', 'coil', 'Strip/Coil', '铝带', '铝卷'],
  foil: ['FOIL', 'foil', '铝箔'],
}

/** Another accepted spelling of a valid spec, chosen by fast-check. */
const respelledArb = validSpecArb.chain((spec) =>
  fc
    .record({
      keyword: fc.constantFrom(...KEYWORD_SPELLINGS[spec.form]),
      ws: fc.array(fc.constantFrom(' ', '  ', '\t', '\u3000'), { minLength: 8, maxLength: 8 }),
      dash: fc.constantFrom('-', ' - ', '–', ''),
      times: fc.constantFrom('x', 'X', '×', '*', ' x ', ' × '),
      zeros: fc.integer({ min: 0, max: 2 }),
      mm: fc.boolean(),
      marker: fc.constantFrom('D', 'd', 'Φ', 'D ', ''),
      appSpelling: fc.constantFrom('snake', 'spaced', 'kebab'),
      upper: fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }),
    })
    .map((c) => {
      const [w0, w1, w2, w3, w4] = c.ws as [string, string, string, string, string]
      const padded = (mm: string) =>
        mm.includes('.') ? mm + '0'.repeat(c.zeros) : c.zeros ? `${mm}.${'0'.repeat(c.zeros)}` : mm
      const unit = c.mm ? 'mm' : ''
      const app = spec.application
        ? w4 +
          {
            snake: spec.application,
            spaced: spec.application.replaceAll('_', ' '),
            kebab: spec.application.replaceAll('_', '-'),
          }[c.appSpelling]
        : ''
      let text: string
      if (spec.form === 'ingot') {
        text = `${w0}${c.keyword}${w1}${spec.alloy === 'Al99.70' && c.zeros === 1 ? 'a00' : spec.alloy}${w2}`
      } else if (spec.form === 'billet') {
        text = `${w0}${c.keyword}${w1}${spec.alloy}${w2}${c.marker}${padded(String(spec.diameterMm))}${unit}${w3}`
      } else {
        const dash = c.dash === '' && spec.temper !== 'O' && spec.temper !== 'F' ? '' : c.dash || '-'
        const thickness = padded(formatThicknessMm(spec.thicknessUm ?? 0))
        text = `${w0}${c.keyword}${w1}${spec.alloy}${dash}${spec.temper}${w2}${thickness}${unit}${c.times}${spec.widthMm}${unit}${app}${w3}`
      }
      const cased = [...text]
        .map((ch, i) => (c.upper[i % c.upper.length] ? ch.toUpperCase() : ch.toLowerCase()))
        .join('')
      return { spec, text: cased }
    }),
)

const VOCABULARY = [
  ...Object.values(KEYWORD_SPELLINGS).flat(),
  ...ALLOYS,
  ...TEMPERS,
  ...INGOT_GRADES,
  ...APPLICATIONS,
  ...PRODUCT_FORMS,
  'A00',
  'x',
  '×',
  '-',
  'D',
  'mm',
  '0',
  '.',
]

const numberArb = fc.stringMatching(/^\d{1,6}(\.\d{0,5})?$/)

/** A printed valid spec with one token kept, replaced, dropped or added: fuzz close to the grammar. */
const mutatedArb = validSpecArb.chain((spec) => {
  const tokens = printSpec(spec).split(' ')
  return fc
    .record({
      at: fc.nat({ max: tokens.length }),
      op: fc.constantFrom('keep', 'replace', 'drop', 'add'),
      token: fc.oneof(fc.constantFrom(...VOCABULARY), numberArb, fc.string({ maxLength: 6 })),
    })
    .map(({ at, op, token }) => {
      const out = [...tokens]
      if (op === 'replace') out[at] = token
      if (op === 'drop') out.splice(at, 1)
      if (op === 'add') out.splice(at, 0, token)
      return out.join(' ')
    })
})

/** Text built from the spec vocabulary and numbers in any order. */
const soupArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...VOCABULARY),
      fc.stringMatching(/^\d{1,4}(\.\d{1,4})?[x×*]\d{1,5}$/),
      numberArb,
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 8 },
  )
  .chain((tokens) => fc.constantFrom(' ', '', '-', '  ').map((sep) => tokens.join(sep)))

function expectWellFormedOutcome(result: SpecResult<ProductSpec>): void {
  if (result.ok) {
    // Whatever is accepted prints to text that reads back as the same spec: a fixed point.
    const printed = printSpec(result.value)
    expect(parseSpec(printed)).toEqual(result)
    expect(printSpec(okValue(parseSpec(printed)))).toBe(printed)
  } else {
    expect(result.code).toBe('SPEC_INVALID')
    expect(SPEC_REASONS).toContain(result.reason)
    expect(result.errors.length).toBeGreaterThan(0)
    for (const e of result.errors) expect(e.message.length).toBeGreaterThan(0)
  }
}

describe('properties', () => {
  it('every valid spec is accepted by validateSpec and survives print then parse', () => {
    fc.assert(
      fc.property(validSpecArb, (spec) => {
        expect(okValue(validateSpec(spec))).toEqual(spec)
        expect(okValue(parseSpec(printSpec(spec)))).toEqual(spec)
      }),
      { numRuns: 2000 },
    )
  })

  it('parse then print is idempotent on printed text', () => {
    fc.assert(
      fc.property(validSpecArb, (spec) => {
        const printed = printSpec(spec)
        expect(okValue(canonicalSpecText(printed))).toBe(printed)
      }),
    )
  })

  it('every accepted spelling reads as the same spec', () => {
    fc.assert(
      fc.property(respelledArb, ({ spec, text }) => {
        expect(okValue(parseSpec(text))).toEqual(spec)
      }),
      { numRuns: 2000 },
    )
  })

  it('random strings never throw and always give a well-formed result', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 250 }), fc.string({ unit: 'binary', maxLength: 60 }), soupArb),
        (text) => {
          expectWellFormedOutcome(parseSpec(text))
        },
      ),
      { numRuns: 3000 },
    )
  })

  it('text near the grammar often parses, and then is a fixed point', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(mutatedArb, soupArb), (text) => {
        const result = parseSpec(text)
        if (result.ok) accepted++
        expectWellFormedOutcome(result)
      }),
      { numRuns: 3000 },
    )
    expect(accepted).toBeGreaterThan(30)
  })

  it('validateSpec never throws on arbitrary fields', () => {
    const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constant(null), fc.anything())
    const fieldsArb = fc.record(
      {
        form: fc.oneof(fc.constantFrom(...PRODUCT_FORMS), fc.anything()),
        alloy: fc.oneof(fc.constantFrom(...ALLOYS, ...INGOT_GRADES), fc.anything()),
        temper: fc.oneof(fc.constantFrom(...TEMPERS), fc.anything()),
        thicknessUm: anyNumber,
        widthMm: anyNumber,
        diameterMm: anyNumber,
        application: fc.oneof(fc.constantFrom(...APPLICATIONS), fc.anything()),
      },
      { requiredKeys: ['form', 'alloy'] },
    )
    fc.assert(
      fc.property(fieldsArb, (fields) => {
        const result = validateSpec(fields as unknown as SpecFields)
        if (result.ok) expect(okValue(parseSpec(printSpec(result.value)))).toEqual(result.value)
        else expect(SPEC_REASONS).toContain(result.reason)
      }),
      { numRuns: 2000 },
    )
  })
})
