import { Loading, ProblemBox } from '../components/ProblemBox.tsx'
import { useAsync } from '../hooks.ts'
import { distributionApi } from './client.ts'
import { DeliveredCard } from './DeliveredCard.tsx'
import { FreightCard } from './FreightCard.tsx'
import { productsOf } from './labels.ts'

/** The freight calculator beside the delivered-price comparison; both public. */
export function CalculatorView() {
  const places = useAsync(() => distributionApi.places(), [])
  const products = useAsync(() => distributionApi.prices().then(productsOf), [])
  if (places.error) return <ProblemBox problem={places.error} onRetry={places.reload} />
  if (!places.data) return <Loading />
  return (
    <div class="grid-2 dist-calc">
      <FreightCard places={places.data.places} cluster={places.data.clusterPlaceId} />
      {products.error && <ProblemBox problem={products.error} onRetry={products.reload} />}
      {!products.data && !products.error && <Loading />}
      {products.data && <DeliveredCard places={places.data.places} products={products.data} />}
    </div>
  )
}
