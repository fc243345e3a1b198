import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../src/kernel/errors.ts'
import {
  APPLICATIONS,
  CHAIN_STAGES,
  ENTERPRISE_KINDS,
  PRODUCT_FORMS,
  SUPPORTING_CATEGORIES,
} from '../src/registry/model.ts'
import { SPEC_REASONS } from '../src/registry/spec.ts'
import { DICTIONARIES, detectLang, translate, translateVocab } from '../web/src/i18n/index.ts'

const { zh, en } = DICTIONARIES
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('UI dictionaries', () => {
  it('have the same keys in Chinese and English', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
  })

  it('have no empty values and the same placeholders', () => {
    for (const [key, text] of Object.entries(en)) {
      const other = (zh as Record<string, string>)[key]!
      expect(text.trim(), `en ${key}`).not.toBe('')
      expect(other.trim(), `zh ${key}`).not.toBe('')
      expect(placeholders(other), `placeholders of ${key}`).toEqual(placeholders(text))
    }
  })

  it('translate every value of the registry vocabulary', () => {
    const groups = [
      ['kind', ENTERPRISE_KINDS],
      ['category', SUPPORTING_CATEGORIES],
      ['stage', CHAIN_STAGES],
      ['form', PRODUCT_FORMS],
      ['app', APPLICATIONS],
    ] as const
    for (const [group, values] of groups) {
      for (const value of values) {
        for (const dict of [zh, en]) {
          expect(translateVocab(dict, group, value), `${group}.${value}`).not.toBe(value)
        }
      }
    }
    expect(translateVocab(zh, 'stage', 'hot_rolling')).toBe('热轧')
    expect(translateVocab(en, 'kind', 'unknown_kind')).toBe('unknown_kind')
  })

  it('name every spec refusal reason and every error code the registry answers with', () => {
    for (const reason of SPEC_REASONS) {
      expect(zh[`error.reason.${reason}` as keyof typeof zh], reason).toMatch(/[\u4e00-\u9fff]/)
    }
    for (const code of [
      'SPEC_INVALID',
      'ENTERPRISE_NOT_FOUND',
      'VALIDATION_FAILED',
      'INVALID_CURSOR',
    ] as const) {
      expect(ERROR_CODES[code]).toBeDefined()
      expect(zh[`error.code.${code}` as keyof typeof zh], code).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('Chinese strings are Chinese', () => {
    expect(zh['banner.synthetic']).toMatch(/[\u4e00-\u9fff]/)
    expect(zh['nav.enterprises']).toMatch(/[\u4e00-\u9fff]/)
    expect(en['nav.enterprises']).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('fills placeholders', () => {
    expect(translate(en, 'list.count', { n: 12 })).toBe('Enterprises shown: 12')
    expect(translate(zh, 'list.count', { n: 12 })).toBe('已显示 12 家企业')
  })
})

describe('detectLang', () => {
  it('prefers the remembered choice, then the browser language', () => {
    expect(detectLang('en', 'zh-CN')).toBe('en')
    expect(detectLang('zh', 'en-US')).toBe('zh')
    expect(detectLang(null, 'zh-CN')).toBe('zh')
    expect(detectLang(null, 'zh-TW')).toBe('zh')
    expect(detectLang('fr', 'ZH')).toBe('zh')
    expect(detectLang(null, 'en-GB')).toBe('en')
    expect(detectLang(null, 'de-DE')).toBe('en')
    expect(detectLang(undefined, undefined)).toBe('en')
  })
})
