import { useState } from 'preact/hooks'
import { type Problem, toProblem } from '../api.ts'
import { ProblemBox } from '../components/ProblemBox.tsx'
import { formatKgAsTonnes } from '../format.ts'
import { useAsync } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { shipmentsApi } from './client.ts'

/** Plans a shipment of one of the enterprise's contracts (the trading center's). */
export function NewShipmentForm({ onCreated }: { onCreated: (id: string) => void }) {
  const { t, lang } = useI18n()
  const contracts = useAsync(() => shipmentsApi.contracts(), [])
  const [contractId, setContractId] = useState('')
  const [truck, setTruck] = useState('')
  const [driver, setDriver] = useState('')
  const [problem, setProblem] = useState<Problem | null>(null)
  const [busy, setBusy] = useState(false)
  const items = contracts.data?.items ?? []
  const chosen = contractId || items[0]?.id || ''

  const submit = async (e: Event) => {
    e.preventDefault()
    if (!chosen) return
    setProblem(null)
    setBusy(true)
    try {
      const { shipment } = await shipmentsApi.fromContract({
        contractId: chosen,
        ...(truck.trim() ? { truckPlate: truck.trim() } : {}),
        ...(driver.trim() ? { driverName: driver.trim() } : {}),
      })
      setTruck('')
      setDriver('')
      onCreated(shipment.id)
    } catch (err) {
      setProblem(toProblem(err))
    } finally {
      setBusy(false)
    }
  }

  if (contracts.data && items.length === 0)
    return (
      <p class="hint" data-testid="no-contracts">
        {t('shipments.new.noContracts')}
      </p>
    )
  return (
    <form class="filters ship-form" onSubmit={submit} data-testid="new-shipment">
      <label class="field field-grow">
        <span class="field-label">{t('shipments.new.contract')}</span>
        <select
          value={chosen}
          onChange={(e) => setContractId(e.currentTarget.value)}
          data-testid="new-contract"
        >
          {items.map((c) => (
            <option key={c.id} value={c.id}>
              {t('shipments.new.contractOption', {
                id: c.id,
                side: t(c.side === 'buy' ? 'shipments.new.bought' : 'shipments.new.sold'),
                instrument: c.instrument,
                qty: formatKgAsTonnes(c.qtyKg, lang),
                from: c.pickupFrom,
              })}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field-label">{t('shipments.col.truck')}</span>
        <input
          value={truck}
          maxLength={20}
          onInput={(e) => setTruck(e.currentTarget.value)}
          data-testid="new-truck"
        />
      </label>
      <label class="field">
        <span class="field-label">{t('shipments.new.driver')}</span>
        <input value={driver} maxLength={100} onInput={(e) => setDriver(e.currentTarget.value)} />
      </label>
      <div class="field-actions">
        <button type="submit" class="button button-primary" disabled={busy || !chosen} data-testid="new-save">
          {t('shipments.new.save')}
        </button>
      </div>
      {contracts.error && <ProblemBox problem={contracts.error} onRetry={contracts.reload} />}
      {problem && <ProblemBox problem={problem} testId="new-problem" />}
    </form>
  )
}
