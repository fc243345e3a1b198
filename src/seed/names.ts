import type { Random } from '../kernel/random.ts'

/**
 * Invented firm names: a two-syllable trade name (字号) from a list of the auspicious syllables Chinese
 * firms favour, a place prefix and a line-of-business suffix, e.g. 巩义市鑫达铝业有限公司 / Gongyi Xinda
 * Aluminium Co., Ltd. Every syllable has a pinyin of its own, so English names are as unique as Chinese ones.
 * Trade names of real firms of the trade (and of a few famous brands) are never drawn: the demo cluster
 * is synthetic and must not be mistaken for a register of real companies.
 */
const SYLLABLES: readonly (readonly [string, string])[] = [
  ['鑫', 'Xin'],
  ['达', 'Da'],
  ['宏', 'Hong'],
  ['盛', 'Sheng'],
  ['恒', 'Heng'],
  ['源', 'Yuan'],
  ['丰', 'Feng'],
  ['华', 'Hua'],
  ['兴', 'Xing'],
  ['瑞', 'Rui'],
  ['祥', 'Xiang'],
  ['金', 'Jin'],
  ['博', 'Bo'],
  ['德', 'De'],
  ['隆', 'Long'],
  ['昌', 'Chang'],
  ['嘉', 'Jia'],
  ['正', 'Zheng'],
  ['豪', 'Hao'],
  ['顺', 'Shun'],
  ['安', 'An'],
  ['泰', 'Tai'],
  ['凯', 'Kai'],
  ['科', 'Ke'],
  ['润', 'Run'],
  ['辉', 'Hui'],
  ['荣', 'Rong'],
  ['益', 'Yi'],
  ['利', 'Li'],
  ['建', 'Jian'],
  ['广', 'Guang'],
  ['宇', 'Yu'],
  ['天', 'Tian'],
  ['伟', 'Wei'],
  ['创', 'Chuang'],
  ['和', 'He'],
  ['海', 'Hai'],
  ['明', 'Ming'],
  ['聚', 'Ju'],
  ['众', 'Zhong'],
  ['鼎', 'Ding'],
  ['福', 'Fu'],
  ['展', 'Zhan'],
  ['腾', 'Teng'],
  ['飞', 'Fei'],
  ['银', 'Yin'],
  ['邦', 'Bang'],
  ['强', 'Qiang'],
  ['诚', 'Cheng'],
  ['永', 'Yong'],
  ['万', 'Wan'],
  ['东', 'Dong'],
  ['方', 'Fang'],
  ['宝', 'Bao'],
  ['恩', 'En'],
  ['峻', 'Jun'],
  ['航', 'Hang'],
  ['沃', 'Wo'],
  ['奥', 'Ao'],
  ['捷', 'Jie'],
  ['旺', 'Wang'],
  ['卓', 'Zhuo'],
  ['越', 'Yue'],
  ['联', 'Lian'],
  ['鹏', 'Peng'],
  ['仁', 'Ren'],
  ['坤', 'Kun'],
  ['晶', 'Jing'],
  ['川', 'Chuan'],
  ['汉', 'Han'],
  ['蓝', 'Lan'],
  ['帆', 'Fan'],
  ['通', 'Tong'],
  ['佰', 'Bai'],
  ['赛', 'Sai'],
  ['耀', 'Yao'],
  ['春', 'Chun'],
  ['泽', 'Ze'],
  ['亮', 'Liang'],
  ['标', 'Biao'],
]

/**
 * Trade names that belong to real firms of the aluminium trade (Gongyi and Henan processors, smelters,
 * refiners, big rollers elsewhere) or to famous brands; also listed by pinyin so that no homophone
 * slips through in English.
 */
const BLOCKED_ZH = new Set([
  '明泰',
  '中孚',
  '豫联',
  '鑫泰',
  '永通',
  '万达',
  '万基',
  '万方',
  '神火',
  '伊电',
  '龙鼎',
  '隆鼎',
  '恒康',
  '天元',
  '中州',
  '义翔',
  '开曼',
  '信发',
  '魏桥',
  '宏桥',
  '中铝',
  '东方',
  '登电',
  '林丰',
  '中润',
  '南山',
  '亚太',
  '东阳',
  '鼎胜',
  '鼎盛',
  '万顺',
  '永杰',
  '海亮',
  '华峰',
  '恒大',
  '万科',
  '万和',
  '德邦',
  '顺丰',
  '华润',
  '宇通',
  '福耀',
  '华泰',
  '天山',
  '宏达',
])
const BLOCKED_EN = new Set(['Mingtai', 'Longding', 'Wanda', 'Dingsheng', 'Wanshun', 'Hongqiao', 'Xinfa'])

export interface FirmName {
  nameZh: string
  nameEn: string
}

/** Draws unique trade names and full names; one book per generated cluster. */
export class NameBook {
  readonly #rng: Random
  readonly #brandsZh = new Set<string>()
  readonly #brandsEn = new Set<string>()
  readonly #names = new Set<string>()

  constructor(rng: Random) {
    this.#rng = rng
  }

  /** A trade name no firm of this book has yet. */
  brand(): FirmName {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const [zh1, en1] = this.#rng.pick(SYLLABLES)
      const [zh2, en2] = this.#rng.pick(SYLLABLES)
      if (zh1 === zh2) continue
      const zh = zh1 + zh2
      const en = en1 + (/^[AEO]/.test(en2) ? `'${en2.toLowerCase()}` : en2.toLowerCase())
      if (BLOCKED_ZH.has(zh) || BLOCKED_EN.has(en) || this.#brandsZh.has(zh) || this.#brandsEn.has(en))
        continue
      this.#brandsZh.add(zh)
      this.#brandsEn.add(en)
      return { nameZh: zh, nameEn: en }
    }
    throw new Error('trade names exhausted')
  }

  /**
   * A full firm name: place prefix + new trade name + suffix, e.g. ('巩义市', 'Gongyi') and ('铝业有限公司',
   * 'Aluminium Co., Ltd.'). Unique within the book.
   */
  firm(prefix: FirmName, suffix: FirmName): FirmName {
    for (;;) {
      const brand = this.brand()
      const nameZh = `${prefix.nameZh}${brand.nameZh}${suffix.nameZh}`
      if (this.#names.has(nameZh)) continue
      this.#names.add(nameZh)
      return { nameZh, nameEn: `${prefix.nameEn} ${brand.nameEn} ${suffix.nameEn}`.trim() }
    }
  }

  /** Reserves a name given from outside (real smelters), so no invented name repeats it. */
  reserve(nameZh: string): void {
    this.#names.add(nameZh)
  }
}

export const GONGYI: FirmName = { nameZh: '巩义市', nameEn: 'Gongyi' }
export const HENAN: FirmName = { nameZh: '河南', nameEn: 'Henan' }

/** Shorthand for a suffix or prefix pair. */
export function zhEn(nameZh: string, nameEn: string): FirmName {
  return { nameZh, nameEn }
}
