/**
 * Dictionaries and pure translation helpers. Nothing here touches the browser, so the unit tests can
 * import it under Node; the Preact context lives in ../i18n-context.tsx.
 */
import type { Lang } from '../format.ts'
import { type Dict, type DictKey, en } from './en.ts'
import { zh } from './zh.ts'

export type { Dict, DictKey, Lang }

export const DICTIONARIES: Readonly<Record<Lang, Dict>> = { zh, en }
export const LANGS: readonly Lang[] = ['zh', 'en']
export const LANG_STORAGE_KEY = 'huiguo.lang'

/** The groups of API vocabulary that the dictionaries translate, with their key prefixes. */
export type VocabGroup = 'kind' | 'category' | 'stage' | 'form' | 'app'

/**
 * The language to start with: the remembered choice when it is valid, otherwise Chinese for any
 * zh* browser language and English for everything else.
 */
export function detectLang(stored: string | null | undefined, navigatorLanguage: string | undefined): Lang {
  if (stored === 'zh' || stored === 'en') return stored
  return (navigatorLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en'
}

/** Looks a key up and fills {placeholders}; unknown placeholders are left as they are. */
export function translate(dict: Dict, key: DictKey, params?: Record<string, string | number>): string {
  const text = dict[key]
  if (!params) return text
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}

/** Translates an API vocabulary value (e.g. kind "processor"); an unknown value is shown as it is. */
export function translateVocab(dict: Dict, group: VocabGroup, value: string): string {
  const text = (dict as Readonly<Record<string, string>>)[`${group}.${value}`]
  return text ?? value
}

/** The HTML lang attribute for a UI language. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-CN' : 'en'
}
