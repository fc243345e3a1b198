import { createRandom } from '../kernel/random.ts'
import type { CatalogueItem, Enterprise } from '../registry/model.ts'
import { generateBuyers, generateLogistics, generateTraders } from './market.ts'
import { NameBook } from './names.ts'
import { generateProcessors } from './processors.ts'
import { generateSupporting } from './supporting.ts'
import { generateUpstream } from './upstream.ts'

/** The demo cluster: every enterprise of the registry and the processors' catalogues. */
export interface DemoCluster {
  enterprises: Enterprise[]
  catalogue: CatalogueItem[]
}

/**
 * Generates the synthetic demo cluster from a seed: about 215 processors (four national top-ten
 * sheet/strip producers), about 700 supporting firms, the smelters and alumina refineries of places.csv,
 * buyers in its 41 customer cities, a dozen traders, about 15 freight firms, and 2–8 catalogue rows per
 * processor. Pure: the same seed gives the same cluster on every machine; every enterprise is
 * `synthetic`. Enterprises come in the order processors, supporting, smelters, refineries, traders,
 * buyers, logistics.
 */
export function generateCluster(seed: number): DemoCluster {
  const rng = createRandom(seed)
  const names = new NameBook(rng)
  // the real smelters' names are reserved first, so no invented name can repeat them
  const { smelters, refineries } = generateUpstream(rng, names)
  const { processors, catalogue } = generateProcessors(rng, names)
  const supporting = generateSupporting(rng, names)
  const traders = generateTraders(rng, names)
  const buyers = generateBuyers(rng, names)
  const logistics = generateLogistics(rng, names)
  return {
    enterprises: [
      ...processors,
      ...supporting,
      ...smelters,
      ...refineries,
      ...traders,
      ...buyers,
      ...logistics,
    ],
    catalogue,
  }
}
