import type { Paged } from '../hooks.ts'
import { useI18n } from '../i18n/context.tsx'
import { Loading, ProblemBox } from './ProblemBox.tsx'

/** What a paged list shows under its table: empty text, an error, loading, or the “more” button. */
export function ListStatus<T>({
  list,
  emptyText,
  testIdPrefix,
}: {
  list: Paged<T>
  emptyText: string
  testIdPrefix: string
}) {
  const { t } = useI18n()
  return (
    <>
      {!list.loading && !list.error && list.items.length === 0 && (
        <p class="empty" data-testid={`${testIdPrefix}-empty`}>
          {emptyText}
        </p>
      )}
      {list.error && <ProblemBox problem={list.error} onRetry={list.reload} />}
      {list.loading && <Loading />}
      {list.hasMore && !list.loading && (
        <div class="more">
          <button type="button" class="button" onClick={list.loadMore} data-testid={`${testIdPrefix}-more`}>
            {t('action.more')}
          </button>
        </div>
      )}
    </>
  )
}
