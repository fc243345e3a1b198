import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatInteger } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { loadGeo } from './load-geo.ts'
import type { IntakePlanDetail, MetalForm } from './types.ts'

const WIDTH = 960
const HEIGHT = 560
const PAD = 46

export const FORM_STROKE: Readonly<Record<MetalForm, string>> = { molten: '#d9480f', ingot: '#1d4f80' }

/** Stroke width of a flow: 1.5 px for the smallest, 12 px for the largest of the month. */
const widthOf = (tonnes: number, max: number) => 1.5 + (10.5 * tonnes) / Math.max(max, 1)

/** The month's flows on a map zoomed to the smelters and plants around Gongyi. */
export function FlowMap({
  plan,
  nameOf,
}: {
  plan: IntakePlanDetail
  nameOf: (id: string, given: string | null | undefined) => string
}) {
  const { t } = useI18n()
  const geo = useAsync(() => loadGeo(), [])
  // Zoom onto the lanes in use: an idle far smelter would squash the cluster into a corner.
  const inUse = new Set(plan.result.flows.map((f) => f.from))
  const points: [number, number][] = [
    ...plan.suppliers
      .filter((s) => inUse.has(s.id) || inUse.size === 0)
      .map((s) => [s.lon, s.lat] as [number, number]),
    ...plan.plants.map((p) => [p.lon, p.lat] as [number, number]),
  ]
  if (geo.error) return <ProblemBox problem={geo.error} onRetry={geo.reload} />
  if (!geo.data) return <Loading />
  const { at, outline } = geo.data.pointsFrame(points, WIDTH, HEIGHT, PAD)
  const supplier = new Map(plan.suppliers.map((s) => [s.id, s]))
  const plant = new Map(plan.plants.map((p) => [p.id, p]))
  const max = Math.max(0, ...plan.result.flows.map((f) => f.tonnes))
  // Thick lines first, so thin ones stay visible on top.
  const flows = [...plan.result.flows].sort((a, b) => b.tonnes - a.tonnes)
  const used = new Set(plan.result.flows.map((f) => f.from))
  // A smelter offering both forms is two suppliers with one id: one marker, molten colour.
  const sites = [...new Map(plan.suppliers.map((s) => [s.id, s])).values()].map((s) => ({
    ...s,
    form: plan.suppliers.some((o) => o.id === s.id && o.form === 'molten') ? ('molten' as const) : s.form,
  }))
  return (
    <div class="dist-flowmap-wrap">
      <svg
        class="dist-map dist-flowmap"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('distribution.intake.mapTitle')}
        data-testid="intake-map"
      >
        <rect class="dist-sea" width={WIDTH} height={HEIGHT} />
        <path class="dist-land" d={outline} />
        {flows.map((f) => {
          const s = supplier.get(f.from)
          const p = plant.get(f.to)
          if (!s || !p) return null
          const [x1, y1] = at(s.lon, s.lat)
          const [x2, y2] = at(p.lon, p.lat)
          return (
            <line
              key={`${f.from}>${f.to}>${f.form}`}
              x1={x1}
              y1={y1}
              x2={x2}
              y2={y2}
              stroke={FORM_STROKE[f.form]}
              stroke-width={widthOf(f.tonnes, max)}
              stroke-linecap="round"
              stroke-opacity={0.75}
              data-form={f.form}
              data-testid="flow-line"
            >
              <title>
                {`${nameOf(s.id, s.name)} → ${nameOf(p.id, p.name)}: ${formatInteger(f.tonnes)} t ${t(`distribution.form.${f.form}`)}`}
              </title>
            </line>
          )
        })}
        {sites.map((s) => {
          const [x, y] = at(s.lon, s.lat)
          return (
            <g key={s.id} class={used.has(s.id) ? 'dist-supplier' : 'dist-supplier dist-idle'}>
              <path
                d={`M${x},${y - 7}L${x + 6},${y + 4.5}L${x - 6},${y + 4.5}Z`}
                fill={FORM_STROKE[s.form]}
                data-testid="supplier-marker"
              />
              <text x={x + 8} y={y + 4}>
                {nameOf(s.id, s.name)}
              </text>
            </g>
          )
        })}
        {plan.plants.map((p) => {
          const [x, y] = at(p.lon, p.lat)
          return (
            <g key={p.id} class="dist-plant">
              {/* The plants sit close together in Gongyi: their names are in the tooltip and the table. */}
              <rect x={x - 5} y={y - 5} width={10} height={10} data-testid="plant-marker">
                <title>{nameOf(p.id, p.name)}</title>
              </rect>
            </g>
          )
        })}
      </svg>
      <ul class="dist-flow-legend" aria-label={t('distribution.map.legend')}>
        <li>
          <span class="dist-swatch" style={{ background: FORM_STROKE.molten }} />
          {t('distribution.form.molten')}
        </li>
        <li>
          <span class="dist-swatch" style={{ background: FORM_STROKE.ingot }} />
          {t('distribution.form.ingot')}
        </li>
        <li>
          <svg class="dist-key" viewBox="0 0 14 14" aria-hidden="true">
            <rect class="dist-plant-key" x="2" y="2" width="10" height="10" />
          </svg>
          {t('distribution.intake.plants')}
        </li>
        <li class="muted">{t('distribution.intake.widthNote', { t: formatInteger(max) })}</li>
      </ul>
    </div>
  )
}
