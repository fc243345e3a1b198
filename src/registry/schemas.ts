import { Type } from 'typebox'
import { StringEnum } from '../platform/http/schemas.ts'
import {
  APPLICATIONS,
  CHAIN_STAGES,
  ENTERPRISE_ID_PATTERN,
  ENTERPRISE_KINDS,
  PRODUCT_FORMS,
  SUPPORTING_CATEGORIES,
} from './model.ts'

/** Capacity in tonnes per year, keyed by product form. */
const CapacityByForm = Type.Record(Type.String(), Type.Integer({ minimum: 0 }))

export const EnterpriseJson = Type.Object({
  id: Type.String({ pattern: ENTERPRISE_ID_PATTERN }),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: StringEnum(ENTERPRISE_KINDS),
  category: Type.Union([StringEnum(SUPPORTING_CATEGORIES), Type.Null()]),
  stages: Type.Array(StringEnum(CHAIN_STAGES)),
  place: Type.String(),
  province: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  capacityTPerYear: CapacityByForm,
  annualRevenueCny: Type.String({
    description: 'Decimal yuan, two places',
    pattern: '^-?[0-9]+\\.[0-9]{2}$',
  }),
  employees: Type.Integer(),
  certifications: Type.Array(Type.String()),
  inCluster: Type.Boolean(),
  topTenSheetStrip: Type.Boolean(),
  synthetic: Type.Boolean({ description: 'True for the generated demo cluster' }),
})

export const CatalogueItemJson = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  form: StringEnum(PRODUCT_FORMS),
  alloy: Type.String(),
  temper: Type.String(),
  thicknessMinUm: Type.Integer(),
  thicknessMaxUm: Type.Integer(),
  widthMinMm: Type.Integer(),
  widthMaxMm: Type.Integer(),
  application: Type.Union([Type.String(), Type.Null()]),
  monthlyCapacityT: Type.Integer(),
})

export const ProductJson = Type.Intersect([
  CatalogueItemJson,
  Type.Object({ enterpriseNameZh: Type.String(), enterpriseNameEn: Type.String() }),
])

export const EnterpriseDetailJson = Type.Intersect([
  EnterpriseJson,
  Type.Object({ catalogue: Type.Array(CatalogueItemJson) }),
])

export const KindQuery = StringEnum(ENTERPRISE_KINDS)
export const StageQuery = StringEnum(CHAIN_STAGES)
export const CategoryQuery = StringEnum(SUPPORTING_CATEGORIES)
export const FormQuery = StringEnum(PRODUCT_FORMS)
export const ApplicationQuery = StringEnum(APPLICATIONS)
