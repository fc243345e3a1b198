import { useState } from 'preact/hooks'
import { Loading } from '../components/ProblemBox.tsx'
import { usePaged } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { href, navigate, type Route } from '../router.ts'
import { useSession } from '../session.tsx'
import type { SessionUser } from '../trading/types.ts'
import { shipmentsApi } from './client.ts'
import { NewShipmentForm } from './NewShipmentForm.tsx'
import { ShipmentDetail } from './ShipmentDetail.tsx'
import { ShipmentList } from './ShipmentList.tsx'
import { SHIPMENT_STATUSES, type ShipmentStatus } from './types.ts'

/** Traders, warehouse staff and admins record events and plan shipments; others only look. */
const canWrite = (user: SessionUser) =>
  user.roles.some((r) => r === 'trader' || r === 'warehouse' || r === 'admin')

/** #/shipments?status=&id=: the enterprise's shipments, one opened beside the list. */
export function ShipmentsPage({ route }: { route: Route }) {
  const { t } = useI18n()
  const { user } = useSession()
  return (
    <div class="page" data-testid="shipments-page">
      <header class="page-head detail-head">
        <div>
          <h1>{t('shipments.title')}</h1>
          <p class="page-sub">{t('shipments.subtitle')}</p>
        </div>
        <p>
          <a href={href('/track')} data-testid="track-link">
            {t('shipments.trackLink')}
          </a>
        </p>
      </header>
      {user === undefined && <Loading />}
      {user === null && (
        <p class="note" data-testid="shipments-login">
          {t('shipments.login')} <a href={href('/login', { next: '/shipments' })}>{t('auth.login')}</a>
        </p>
      )}
      {user && <Shipments key={user.id} route={route} user={user} />}
    </div>
  )
}

function Shipments({ route, user }: { route: Route; user: SessionUser }) {
  const { t } = useI18n()
  const q = route.query
  const status = (SHIPMENT_STATUSES as readonly string[]).includes(q.get('status') ?? '')
    ? (q.get('status') as ShipmentStatus)
    : null
  const selected = q.get('id')
  const list = usePaged((cursor) => shipmentsApi.list({ status, cursor }), status ?? 'all')
  const [adding, setAdding] = useState(false)
  const writer = canWrite(user)
  return (
    <div class="grid-2 ship-layout">
      <section class="card" aria-labelledby="shipments-list-title">
        <div class="card-head card-head-row">
          <h2 id="shipments-list-title">{t('shipments.list.title')}</h2>
          {writer && (
            <button
              type="button"
              class="button button-small"
              onClick={() => setAdding(!adding)}
              data-testid="new-toggle"
            >
              {t('shipments.new.title')}
            </button>
          )}
        </div>
        {adding && (
          <NewShipmentForm
            onCreated={(id) => {
              setAdding(false)
              list.reload()
              navigate('/shipments', { id })
            }}
          />
        )}
        <div class="filters">
          <label class="field">
            <span class="field-label">{t('shipments.col.status')}</span>
            <select
              value={status ?? ''}
              onChange={(e) => navigate('/shipments', { status: e.currentTarget.value, id: selected })}
              data-testid="shipments-status"
            >
              <option value="">{t('shipments.status.all')}</option>
              {SHIPMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`shipments.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ShipmentList list={list} status={status} selected={selected} />
      </section>
      {selected ? (
        <ShipmentDetail key={selected} id={selected} canWrite={writer} onChanged={list.reload} />
      ) : (
        <section class="card">
          <p class="empty">{t('shipments.pick')}</p>
        </section>
      )}
    </div>
  )
}
