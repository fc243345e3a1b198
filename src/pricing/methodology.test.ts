import { describe, expect, it } from 'vitest'
import { METHODOLOGY_VERSION } from './method/index.ts'
import { type Bilingual, findMethodology, METHODOLOGIES, METHODOLOGY_V1 } from './methodology.ts'
import { FAMILIES, FAMILY_RULES } from './model.ts'
import { PRODUCTS } from './series.ts'

const LANGS: readonly (keyof Bilingual)[] = ['en', 'zh']
const HAN = /\p{Script=Han}/u

const body = (id: string, lang: keyof Bilingual): string => {
  const section = METHODOLOGY_V1.sections.find((s) => s.id === id)
  expect(section, id).toBeDefined()
  return section!.body[lang]
}

const listItems = (text: string): string[] =>
  text
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2))

describe('methodology v1', () => {
  it('is version v1 of 30 November 2026, the version the method stamps on its records', () => {
    expect(METHODOLOGY_V1.version).toBe('v1')
    expect(METHODOLOGY_V1.publishedOn).toBe('2026-11-30')
    expect(METHODOLOGIES.at(-1)!.version).toBe(METHODOLOGY_VERSION)
    expect(findMethodology('v1')).toBe(METHODOLOGY_V1)
    expect(findMethodology('v0')).toBeUndefined()
  })

  it('has every section complete in English and in Chinese', () => {
    const ids = METHODOLOGY_V1.sections.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const s of METHODOLOGY_V1.sections) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      for (const lang of LANGS) {
        expect(s.title[lang].trim(), `${s.id} title ${lang}`).not.toBe('')
        expect(s.body[lang].trim(), `${s.id} body ${lang}`).not.toBe('')
      }
      expect(s.title.zh, s.id).toMatch(HAN)
      // Every Chinese paragraph is Chinese, except a formula standing alone.
      for (const paragraph of s.body.zh.split('\n\n'))
        if (!/^[A-Z]+\*?_t = /.test(paragraph)) expect(paragraph, `${s.id} zh`).toMatch(HAN)
      expect(s.body.zh).not.toBe(s.body.en)
    }
  })

  it('covers the six steps, publication, corrections, indices, governance, complaints, the code and the choices', () => {
    const ids = METHODOLOGY_V1.sections.map((s) => s.id)
    for (const id of [
      'step-1',
      'step-2',
      'step-3',
      'step-4',
      'step-5',
      'step-6',
      'families',
      'publication',
      'corrections',
      'indices',
      'governance',
      'complaints',
      'submitter-code',
      'choices',
      'demo-data',
    ])
      expect(ids).toContain(id)
    const choices = METHODOLOGY_V1.sections.find((s) => s.id === 'choices')!
    expect(choices.title.en).toBe('Choices this methodology makes where the rule leaves room')
  })

  it('keeps bodies to plain paragraphs and "- " lists', () => {
    for (const s of METHODOLOGY_V1.sections)
      for (const lang of LANGS) {
        const text = s.body[lang]
        expect(text, `${s.id} ${lang}`).toBe(text.trim())
        expect(text).not.toMatch(/\n{3,}/)
        for (const paragraph of text.split('\n\n')) {
          const lines = paragraph.split('\n')
          for (const line of lines) expect(line, `${s.id} ${lang}`).toBe(line.trim())
          // A paragraph of several lines is a list, every line an item.
          if (lines.length > 1) for (const line of lines) expect(line, `${s.id} ${lang}`).toMatch(/^- \S/)
        }
      }
  })

  it('states the family table of FAMILY_RULES in both languages', () => {
    const patterns: Record<keyof Bilingual, RegExp> = {
      en: /^(\w+) \(.+?\): minimum lot ([\d.]+) t, Tier 1 volume ([\d.]+) t, largest weight of one deal ([\d.]+) t\./,
      zh: /^(\w+)（.+?）：最小批量 ([\d.]+) 吨，一级成交量 ([\d.]+) 吨，单笔成交最大权重 ([\d.]+) 吨。/,
    }
    for (const lang of LANGS) {
      const table = listItems(body('families', lang)).map((item) => {
        const m = patterns[lang].exec(item)
        expect(m, item).not.toBeNull()
        return {
          family: m![1],
          minLotKg: Number(m![2]) * 1000,
          tier1VolumeKg: Number(m![3]) * 1000,
          largestWeightKg: Number(m![4]) * 1000,
        }
      })
      expect(table).toEqual(
        FAMILIES.map((family) => ({
          family,
          minLotKg: FAMILY_RULES[family].minLotKg,
          tier1VolumeKg: FAMILY_RULES[family].tier1VolumeKg,
          largestWeightKg: 3 * FAMILY_RULES[family].minLotKg,
        })),
      )
    }
  })

  it('states the issue’s family numbers (20 t / 300 t sheet, 5 t / 100 t foil, 5 t / 50 t battery foil, 100 t / 300 t can stock)', () => {
    const en = body('families', 'en')
    expect(en).toContain('ingot (aluminium ingot): minimum lot 20 t, Tier 1 volume 300 t')
    expect(en).toContain('sheet (sheet, strip, plate and coil): minimum lot 20 t, Tier 1 volume 300 t')
    expect(en).toContain('foil (aluminium foil): minimum lot 5 t, Tier 1 volume 100 t')
    expect(en).toContain('battery_foil (battery foil): minimum lot 5 t, Tier 1 volume 50 t')
    expect(en).toContain('can_stock (can stock): minimum lot 100 t, Tier 1 volume 300 t')
  })

  it('names every product of the basket in its family and in the basket list', () => {
    for (const lang of LANGS) {
      const families = listItems(body('families', lang))
      const scope = body('scope', lang)
      for (const p of PRODUCTS) {
        expect(families.find((item) => /^\w+/.exec(item)![0] === p.family)).toContain(p[lang])
        expect(scope).toContain(p[lang])
      }
    }
  })

  it('lists choices (a) to (h) in order in both languages', () => {
    for (const lang of LANGS)
      expect(listItems(body('choices', lang)).map((item) => item.slice(0, 3))).toEqual([
        '(a)',
        '(b)',
        '(c)',
        '(d)',
        '(e)',
        '(f)',
        '(g)',
        '(h)',
      ])
  })

  it('uses the method’s thresholds in both languages', () => {
    const thresholds: Record<keyof Bilingual, string[]> = {
      en: ['more than 45 days', 'more than 90 days', 'more than 30 %', 'within 5 %', '35 %', '10 % of |m|'],
      zh: ['超过 45 天', '超过 90 天', '超过 |P| 的 30%', '5% 以内', '35%', '|m| 的 10%'],
    }
    for (const lang of LANGS) {
      const t = METHODOLOGY_V1.sections.map((s) => s.body[lang]).join('\n')
      for (const words of [...thresholds[lang], '3 × 1.4826 × MAD', 'min(', '15:00', '17:00'])
        expect(t, `${lang} ${words}`).toContain(words)
      for (const reason of [
        'affiliated',
        'priced_on_index',
        'late_delivery',
        'long_payment',
        'below_min_lot',
        'outside_window',
        'sanity_band',
        'outlier',
      ])
        expect(t, `${lang} ${reason}`).toContain(reason)
    }
  })
})
