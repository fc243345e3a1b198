import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { formatFen, formatKg, formatKgAsTonnes } from '../format.ts'
import type { Async } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import type { Account } from './types.ts'

/** Cash and warehouse receipts of the user's enterprise, available and reserved. */
export function Balances({ account }: { account: Async<Account | null> }) {
  const { t, lang } = useI18n()
  const a = account.data
  return (
    <section class="card" aria-labelledby="balances-title" data-testid="balances">
      <div class="card-head">
        <h2 id="balances-title">{t('balances.title')}</h2>
        {a && (
          <p class="card-sub">
            {typeof a.enterpriseName === 'string' ? a.enterpriseName : a.enterpriseName[lang]}
          </p>
        )}
      </div>
      {account.error && <ProblemBox problem={account.error} onRetry={account.reload} />}
      {account.loading && !a && <Loading />}
      {a && (
        <>
          <dl class="balances-figures">
            <div>
              <dt>{t('balances.cashAvailable')}</dt>
              <dd data-testid="cash-available">{formatFen(a.cash.availableFen, lang)}</dd>
            </div>
            <div>
              <dt>{t('balances.cashReserved')}</dt>
              <dd data-testid="cash-reserved">{formatFen(a.cash.reservedFen, lang)}</dd>
            </div>
          </dl>
          <h3 class="balances-sub">{t('balances.receipts')}</h3>
          <dl class="balances-figures" data-testid="receipts">
            {a.receipts.map((r) => (
              <div key={r.instrument} data-instrument={r.instrument}>
                <dt class="inst-code">{r.instrument}</dt>
                <dd title={formatKg(r.availableKg, lang)} data-testid={`receipt-${r.instrument}`}>
                  {formatKgAsTonnes(r.availableKg, lang)}
                  <span class="sub">
                    {t('balances.reserved')} {formatKgAsTonnes(r.reservedKg, lang)}
                  </span>
                </dd>
              </div>
            ))}
          </dl>
          {a.receipts.length === 0 && <p class="empty">{t('balances.noReceipts')}</p>}
        </>
      )}
    </section>
  )
}
