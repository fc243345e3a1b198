import { type ComponentChildren, createContext } from 'preact'
import { useContext, useEffect, useMemo, useState } from 'preact/hooks'
import type { Lang } from '../format.ts'
import {
  DICTIONARIES,
  type DictKey,
  detectLang,
  htmlLang,
  LANG_STORAGE_KEY,
  translate,
  translateVocab,
  type VocabGroup,
} from './index.ts'

export interface I18n {
  lang: Lang
  setLang: (lang: Lang) => void
  t: (key: DictKey, params?: Record<string, string | number>) => string
  tv: (group: VocabGroup, value: string) => string
}

const I18nContext = createContext<I18n | null>(null)

function storedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY)
  } catch {
    return null
  }
}

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(() => detectLang(storedLang(), navigator.language))

  useEffect(() => {
    document.documentElement.lang = htmlLang(lang)
    document.title = DICTIONARIES[lang]['doc.title']
  }, [lang])

  const value = useMemo<I18n>(() => {
    const dict = DICTIONARIES[lang]
    return {
      lang,
      setLang: (next) => {
        try {
          localStorage.setItem(LANG_STORAGE_KEY, next)
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        setLangState(next)
      },
      t: (key, params) => translate(dict, key, params),
      tv: (group, v) => translateVocab(dict, group, v),
    }
  }, [lang])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
