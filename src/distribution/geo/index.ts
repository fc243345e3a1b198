/**
 * Distances (issue 6): great-circle by haversine, road by circuity bands or an OSRM server, rail by a
 * fixed circuity; and the places with their ids and coordinates.
 * Pure except the OSRM client, which takes its `fetch` injected.
 * @module
 */
export {
  CLUSTER_PLACE_ID,
  COMPETING_ORIGINS,
  DISTRIBUTION_PLACES,
  type DistributionPlace,
  GONGYI_ORIGIN,
  type Origin,
  placeById,
} from '../data/places.ts'
export {
  CIRCUITY_BANDS,
  circuityOf,
  formulaLane,
  type LaneDistances,
  RAIL_CIRCUITY,
  type RoadSource,
  shownKm,
} from './distance.ts'
export { EARTH_RADIUS_KM, greatCircleKm, type LatLon } from './great-circle.ts'
export {
  createOsrmRouter,
  DEFAULT_ROUTING_TIMEOUT_MS,
  formulaRouter,
  type OsrmRouterOptions,
  type RoadRouter,
  roadRouterFromEnv,
} from './road-router.ts'
