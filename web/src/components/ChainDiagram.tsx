import type { Chain, ChainStageInfo } from '../api.ts'
import { formatInteger } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import { href } from '../router.ts'

/** Left-to-right order of the stages; unknown stages go after these, recycling sits below. */
const ORDER = [
  'casting',
  'cast_rolling',
  'hot_rolling',
  'cold_rolling',
  'foil_rolling',
  'finishing',
  'components',
  'terminal_products',
]
const RAW = 'raw_metal'
const RECYCLING = 'recycling'

const W = 1120
const ROW_Y = 120
const REC_Y = 282
const H = 350
const X0 = 72
const R_MIN = 15
const R_MAX = 36

interface Node {
  id: string
  x: number
  y: number
  r: number
  count: number
  info: ChainStageInfo | null
}

/** Linear blend between a light and a dark steel blue: t = 0 → light, 1 → dark. */
function blue(t: number): string {
  const a = [214, 228, 240]
  const b = [22, 74, 122]
  const c = a.map((v, i) => Math.round(v + (b[i]! - v) * Math.min(1, Math.max(0, t))))
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`
}

/** Splits a long label at the space nearest its middle so neighbouring labels do not touch. */
export function labelLines(text: string): string[] {
  if (text.length <= 13 || !text.includes(' ')) return [text]
  const mid = text.length / 2
  let best = -1
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i
  }
  return [text.slice(0, best), text.slice(best + 1)]
}

function pointOn(n: Node, degrees: number): [number, number] {
  const rad = (degrees * Math.PI) / 180
  return [n.x + n.r * Math.cos(rad), n.y + n.r * Math.sin(rad)]
}

/** The chain as an SVG: stages left→right, edges from the API's links, recycling looping back. */
export function ChainDiagram({ chain, rawMetal }: { chain: Chain; rawMetal: number }) {
  const { t, tv, lang } = useI18n()
  const byId = new Map(chain.stages.map((s) => [s.stage, s]))
  const rowIds = [
    RAW,
    ...ORDER.filter((id) => byId.has(id)),
    ...chain.stages.map((s) => s.stage).filter((id) => !ORDER.includes(id) && id !== RECYCLING),
  ]
  const max = Math.max(1, rawMetal, ...chain.stages.map((s) => s.enterprises))
  const radius = (count: number) => R_MIN + (R_MAX - R_MIN) * Math.sqrt(count / max)
  const step = (W - 2 * X0) / Math.max(1, rowIds.length - 1)

  const nodes = new Map<string, Node>()
  rowIds.forEach((id, i) => {
    const info = byId.get(id) ?? null
    const count = id === RAW ? rawMetal : (info?.enterprises ?? 0)
    nodes.set(id, { id, x: X0 + i * step, y: ROW_Y, r: radius(count), count, info })
  })
  const recInfo = byId.get(RECYCLING)
  if (recInfo) {
    const first = nodes.get(rowIds[1] ?? RAW)!
    const last = nodes.get(rowIds[rowIds.length - 1]!)!
    nodes.set(RECYCLING, {
      id: RECYCLING,
      x: (first.x + last.x) / 2,
      y: REC_Y,
      r: radius(recInfo.enterprises),
      count: recInfo.enterprises,
      info: recInfo,
    })
  }

  const links = [{ from: RAW, to: rowIds[1] ?? '' }, ...chain.links].filter(
    (l) => nodes.has(l.from) && nodes.has(l.to) && l.from !== l.to,
  )
  const rowIndex = (id: string) => rowIds.indexOf(id)
  /** Room between an arrow head and its node; more when the node wears the thin ring. */
  const gap = (n: Node) => (n.info?.thin ? 9 : 4)

  const edgePaths = links.map((l) => {
    const a = nodes.get(l.from)!
    const b = nodes.get(l.to)!
    const loop = l.from === RECYCLING || l.to === RECYCLING
    let d: string
    if (l.to === RECYCLING) {
      const [sx, sy] = pointOn(a, 60)
      d = `M ${sx} ${sy} C ${sx + 10} ${REC_Y - 20}, ${b.x + b.r + 120} ${REC_Y}, ${b.x + b.r + gap(b)} ${REC_Y}`
    } else if (l.from === RECYCLING) {
      const [ex, ey] = pointOn(b, 120)
      d = `M ${a.x - a.r - 2} ${REC_Y} C ${a.x - a.r - 120} ${REC_Y}, ${ex - 10} ${REC_Y - 20}, ${ex} ${ey + 4}`
    } else {
      const ia = rowIndex(l.from)
      const ib = rowIndex(l.to)
      if (Math.abs(ib - ia) === 1) {
        const dir = Math.sign(b.x - a.x)
        d = `M ${a.x + dir * a.r} ${a.y} L ${b.x - dir * (b.r + gap(b))} ${b.y}`
      } else {
        const [sx, sy] = pointOn(a, ib > ia ? 70 : 110)
        const [ex, ey] = pointOn(b, ib > ia ? 110 : 70)
        const depth = ROW_Y + R_MAX + 12 + 14 * Math.abs(ib - ia)
        d = `M ${sx} ${sy} C ${sx + (ex - sx) * 0.2} ${depth}, ${sx + (ex - sx) * 0.8} ${depth}, ${ex} ${ey + 4}`
      }
    }
    return { key: `${l.from}>${l.to}`, d, loop }
  })

  const label = (id: string) => (id === RAW ? t('chain.rawMetal') : tv('stage', id))
  const nodeTitle = (n: Node) =>
    n.id === RAW
      ? t('chain.rawTitle', { stage: label(n.id), n: formatInteger(n.count) })
      : t('chain.nodeTitle', {
          stage: label(n.id),
          n: formatInteger(n.count),
          processors: formatInteger(n.info?.processors ?? 0),
          supporting: formatInteger(n.info?.supporting ?? 0),
        })

  return (
    <svg
      class="chain-svg"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('chain.aria')}
      data-testid="chain-diagram"
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#7d93aa" />
        </marker>
        <marker
          id="arrow-loop"
          viewBox="0 0 10 10"
          refX="8"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" fill="#2f8a57" />
        </marker>
      </defs>
      <g class="chain-edges">
        {edgePaths.map((e) => (
          <path
            key={e.key}
            d={e.d}
            class={e.loop ? 'chain-edge chain-edge-loop' : 'chain-edge'}
            marker-end={e.loop ? 'url(#arrow-loop)' : 'url(#arrow)'}
          />
        ))}
      </g>
      {[...nodes.values()].map((n) => {
        const shade = Math.sqrt(n.count / max)
        const fill = n.id === RAW ? '#8d99a6' : n.id === RECYCLING ? '#3d9a66' : blue(shade)
        const dark = n.id === RAW || n.id === RECYCLING || shade > 0.5
        const thin = n.info?.thin === true
        const below = n.id === RECYCLING
        const labelY = below ? n.y + n.r + 20 : ROW_Y - R_MAX - 30
        const body = (
          <g class={thin ? 'chain-node chain-node-thin' : 'chain-node'} data-stage={n.id}>
            <title>{nodeTitle(n)}</title>
            {thin && <circle cx={n.x} cy={n.y} r={n.r + 6} class="chain-thin-ring" />}
            <circle cx={n.x} cy={n.y} r={n.r} fill={fill} class="chain-dot" />
            <text x={n.x} y={n.y + 5} class={dark ? 'chain-count chain-count-light' : 'chain-count'}>
              {formatInteger(n.count)}
            </text>
            <text x={n.x} y={labelY} class="chain-label">
              {labelLines(label(n.id)).map((line, i, all) => (
                <tspan key={line} x={n.x} dy={i === 0 ? (below ? 0 : -17 * (all.length - 1)) : 17}>
                  {line}
                </tspan>
              ))}
            </text>
            {n.id === RAW && (
              <text x={n.x} y={labelY + 16} class="chain-sublabel">
                {t('chain.rawMetalSub')}
              </text>
            )}
            {thin && (
              <g class="chain-thin-tag">
                <rect
                  x={n.x + n.r * 0.45}
                  y={n.y - n.r - 12}
                  width={lang === 'zh' ? 38 : 34}
                  height={18}
                  rx={9}
                />
                <text x={n.x + n.r * 0.45 + (lang === 'zh' ? 19 : 17)} y={n.y - n.r + 1}>
                  {t('chain.thinTag')}
                </text>
              </g>
            )}
          </g>
        )
        return n.id === RAW ? (
          <g key={n.id}>{body}</g>
        ) : (
          <a key={n.id} href={href('/enterprises', { stage: n.id })}>
            {body}
          </a>
        )
      })}
    </svg>
  )
}
