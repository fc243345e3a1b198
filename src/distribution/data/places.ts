/**
 * The places distribution works with: every row of the project's reference table (src/registry/data/
 * places.ts, a typed copy of research places.csv with each row's sources), under a short stable id
 * that the API takes in `from=` / `to=`. The registry's copy already holds all 68 rows of places.csv
 * (the cluster, hubs, smelters, refineries and the 41 customer cities of lanes-from-huiguo.csv), so
 * nothing is copied again here: this file adds only the ids and the competing origins.
 * @module
 */
import { type Place, PLACES as REFERENCE_PLACES } from '../../registry/data/places.ts'

/** A reference place under its distribution id. Coordinates are WGS-84; `source` is the table's note. */
export interface DistributionPlace extends Place {
  /** Lower-case slug, stable: clients and stored plans name places by it. */
  readonly id: string
}

/** Id → the reference table's name, in the table's order. Ids are never reused for another place. */
const IDS: readonly (readonly [id: string, referenceName: string])[] = [
  ['huiguo', 'Huiguo town (回郭镇) - Gongyi'],
  ['gongyi', 'Gongyi city centre (巩义)'],
  ['zhongfu-gongyi', 'Henan Zhongfu Industrial / Yulian (中孚实业/豫联) - Gongyi'],
  ['yidian-yichuan', 'Yichuan Power Group / Yidian (伊电/伊川) - Yichuan county'],
  ['wanji-xinan', "Luoyang Wanji / Xiangjiang Wanji (万基) - Xin'an county"],
  ['wanfang-jiaozuo', 'Jiaozuo Wanfang (焦作万方) - Jiaozuo'],
  ['dengdian-dengfeng', 'Dengfeng Power Group aluminium alloy (登电集团) - Dengfeng'],
  ['linfeng-linzhou', 'Linzhou Linfeng (林丰铝电) - Linzhou'],
  ['sanmenxia-smelter', 'Sanmenxia primary aluminium (retained quota; e.g. Hengkang/Tianyuan)'],
  ['shenhuo-yongcheng', 'Henan Shenhuo Yongcheng (神火) - Shangqiu'],
  ['chalco-henan-shangjie', 'Chalco Henan branch (中铝河南分公司) - Shangjie - Zhengzhou'],
  ['chalco-zhongzhou', 'Chalco Zhongzhou Aluminium (中州铝业) - Xiuwu - Jiaozuo'],
  ['easthope-mianchi', 'East Hope Sanmenxia (东方希望) - Mianchi county'],
  ['yixiang-yima', 'Yixiang Aluminium (义翔铝业) - Yima'],
  ['kaiman-sanmenxia', 'Kaiman Aluminium (开曼铝业) - Sanmenxia (Shanzhou)'],
  ['xingyang', 'Xingyang (荥阳) - Zhengzhou'],
  ['pingdingshan', 'Pingdingshan (平顶山)'],
  ['luoyang', 'Luoyang (洛阳) city'],
  ['zhengzhou', 'Zhengzhou (郑州) city'],
  ['chalco-shanxi-hejin', 'Chalco Shanxi (中铝山西) - Hejin - Yuncheng'],
  ['zhongrun-luliang', 'Shanxi Zhongrun (Chalco JV) - Luliang'],
  ['easthope-jinzhong', 'East Hope Jinzhong (晋中) - Jiexiu'],
  ['hongqiao-zouping', 'Weiqiao / China Hongqiao - Zouping (邹平)'],
  ['hongqiao-binzhou', 'Weiqiao / Hongqiao - Binzhou (滨州) north'],
  ['xinfa-chiping', 'Xinfa Group (信发) - Chiping - Liaocheng'],
  ['chalco-shandong-zibo', 'Chalco Shandong (中铝山东) - Zibo'],
  ['xinjiang-smelters', 'Xinjiang smelters (Changji/Zhundong)'],
  ['baotou-smelters', 'Baotou (包头) smelters'],
  ['shanghai', 'Shanghai'],
  ['suzhou', 'Suzhou'],
  ['wuxi', 'Wuxi'],
  ['changzhou', 'Changzhou'],
  ['jiangyin', 'Jiangyin'],
  ['nanjing', 'Nanjing'],
  ['xuzhou', 'Xuzhou'],
  ['hangzhou', 'Hangzhou'],
  ['ningbo', 'Ningbo'],
  ['taizhou-zj', 'Taizhou (Zhejiang)'],
  ['hefei', 'Hefei'],
  ['wuhu', 'Wuhu'],
  ['guangzhou', 'Guangzhou'],
  ['foshan', 'Foshan'],
  ['shenzhen', 'Shenzhen'],
  ['dongguan', 'Dongguan'],
  ['zhongshan', 'Zhongshan'],
  ['zhuhai', 'Zhuhai'],
  ['xiamen', 'Xiamen'],
  ['fuzhou', 'Fuzhou'],
  ['ningde', 'Ningde'],
  ['tianjin', 'Tianjin'],
  ['beijing', 'Beijing'],
  ['shijiazhuang', 'Shijiazhuang'],
  ['jinan', 'Jinan'],
  ['qingdao', 'Qingdao'],
  ['linyi', 'Linyi'],
  ['taiyuan', 'Taiyuan'],
  ['xian', "Xi'an"],
  ['wuhan', 'Wuhan'],
  ['changsha', 'Changsha'],
  ['nanchang', 'Nanchang'],
  ['chongqing', 'Chongqing'],
  ['chengdu', 'Chengdu'],
  ['yibin', 'Yibin'],
  ['kunming', 'Kunming'],
  ['nanning', 'Nanning'],
  ['shenyang', 'Shenyang'],
  ['dalian', 'Dalian'],
  ['changchun', 'Changchun'],
]

const referenceNamed = (name: string): Place => {
  const place = REFERENCE_PLACES.find((p) => p.name === name)
  if (!place) throw new Error(`distribution place table names an unknown reference place: ${name}`)
  return place
}

/** Every reference place with its id, in the reference table's order. */
export const DISTRIBUTION_PLACES: readonly DistributionPlace[] = IDS.map(([id, name]) => ({
  id,
  ...referenceNamed(name),
}))

const BY_ID = new Map(DISTRIBUTION_PLACES.map((p) => [p.id, p]))

/** The place of an id, or null. */
export const placeById = (id: string): DistributionPlace | null => BY_ID.get(id) ?? null

/** The cluster: where the Gongyi price is made and Gongyi's freight starts. */
export const CLUSTER_PLACE_ID = 'huiguo'

/** Where a rolled product can come from, for the delivered-price comparison. */
export interface Origin {
  /** Stable id; differential tables are keyed by it. */
  readonly id: string
  readonly placeId: string
  readonly name: { readonly en: string; readonly zh: string }
}

/** Gongyi itself: its all-in is the pricing center's published price, EXW Gongyi. */
export const GONGYI_ORIGIN: Origin = {
  id: 'gongyi',
  placeId: CLUSTER_PLACE_ID,
  name: { en: 'Gongyi (Huiguo)', zh: '巩义（回郭）' },
}

/**
 * The other sheet, strip and foil centres a buyer compares Gongyi with (issue 6). Their freight starts
 * at the reference point of the place: Zouping at the Weiqiao/Hongqiao smelter site (estimated), Wuxi,
 * Jiangyin and Luoyang at the city centre (estimated), as places.csv gives them.
 */
export const COMPETING_ORIGINS: readonly Origin[] = [
  { id: 'zouping', placeId: 'hongqiao-zouping', name: { en: 'Shandong Zouping', zh: '山东邹平' } },
  { id: 'wuxi', placeId: 'wuxi', name: { en: 'Jiangsu Wuxi', zh: '江苏无锡' } },
  { id: 'jiangyin', placeId: 'jiangyin', name: { en: 'Jiangsu Jiangyin', zh: '江苏江阴' } },
  { id: 'luoyang', placeId: 'luoyang', name: { en: 'Henan Luoyang', zh: '河南洛阳' } },
]
