import { formatInteger, formatTonnes } from '../format.ts'
import { useI18n } from '../i18n/context.tsx'
import type { DictKey } from '../i18n/index.ts'
import { href } from '../router.ts'
import { formatShare } from './share.ts'
import type { EcologySummary } from './types.ts'

const number = (x: number | null, digits: number) => (x === null ? '–' : x.toFixed(digits))

/** Energy intensity by line against GB 21351-2023, carbon per tonne, clean energy, the park's indicators. */
export function EcologyCard({ ecology }: { ecology: EcologySummary | null }) {
  const { t, lang } = useI18n()
  return (
    <section class="card" aria-labelledby="dash-ecology-title" data-testid="dash-ecology">
      <div class="card-head">
        <h2 id="dash-ecology-title">
          <a href={href('/ecology/park')}>{t('dash.ecology.title')}</a>
        </h2>
        {ecology && (
          <p class="card-sub">
            {t('dash.ecology.caption', {
              from: ecology.window.from,
              to: ecology.window.to,
              n: formatInteger(ecology.enterpriseCount),
            })}
          </p>
        )}
      </div>
      {!ecology && <p class="muted">{t('dash.ecology.none')}</p>}
      {ecology && (
        <>
          <div class="dash-indicators">
            <a class="dash-indicator" href={href('/ecology/park')} data-testid="dash-carbon">
              <span class="figure-label">{t('dash.ecology.carbon')}</span>
              <span class="figure-value">{number(ecology.carbonTco2PerT, 3)}</span>
              <span class="figure-unit">tCO₂/t</span>
            </a>
            <a class="dash-indicator" href={href('/ecology/park')} data-testid="dash-clean">
              <span class="figure-label">{t('dash.ecology.clean')}</span>
              <span class="figure-value">{formatShare(ecology.cleanEnergyShare)}</span>
            </a>
            <a class="dash-indicator" href={href('/ecology/energy')}>
              <span class="figure-label">{t('dash.ecology.energy')}</span>
              <span class="figure-value">{formatInteger(Math.round(ecology.energyTce))}</span>
              <span class="figure-unit">tce</span>
              <span class="muted">{formatTonnes(ecology.outputT, lang)}</span>
            </a>
          </div>
          <h3 class="dash-subhead">{t('dash.ecology.park')}</h3>
          <div class="dash-indicators">
            {ecology.park.indicators.map((i) => (
              <a
                key={i.id}
                class={`dash-indicator ${i.pass === null ? '' : i.pass ? 'pass' : 'fail'}`}
                href={href('/ecology/park')}
                data-testid={`dash-park-${i.id}`}
              >
                <span class="figure-label">{t(`dash.ecology.indicator.${i.id}` as DictKey)}</span>
                <span class="figure-value">{indicatorValue(i.id, i.value)}</span>
                <span class="muted">
                  {t(i.comparison === 'at_most' ? 'dash.ecology.atMost' : 'dash.ecology.atLeast', {
                    target: indicatorValue(i.id, i.target),
                  })}
                  {' · '}
                  {i.pass
                    ? t('dash.ecology.met')
                    : t('dash.ecology.gap', {
                        gap: indicatorValue(i.id, i.gap === null ? null : Math.abs(i.gap)),
                      })}
                </span>
              </a>
            ))}
          </div>
          <table class="table table-compact" data-testid="dash-lines">
            <thead>
              <tr>
                <th>{t('dash.ecology.line')}</th>
                <th class="num">{t('dash.ecology.intensity')}</th>
                <th class="num">{t('dash.ecology.level2')}</th>
                <th class="num">{t('dash.ecology.level3')}</th>
                <th class="num">{t('dash.ecology.level')}</th>
              </tr>
            </thead>
            <tbody>
              {ecology.intensityKgcePerT.map((l) => (
                <tr key={l.line}>
                  <td>
                    <a href={href('/ecology/energy', { line: l.line })}>
                      {t(`dash.line.${l.line}` as DictKey)}
                    </a>
                  </td>
                  <td class="num">{number(l.intensityKgcePerT, 1)}</td>
                  <td class="num">{formatInteger(l.level2LimitKgcePerT)}</td>
                  <td class="num">{formatInteger(l.level3LimitKgcePerT)}</td>
                  <td class="num">{l.level ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}

/** tCO2/tce with two decimals; shares as percentages. */
function indicatorValue(id: string, value: number | null): string {
  if (value === null) return '–'
  return id === 'co2_per_tce' ? value.toFixed(2) : formatShare(value)
}
