/**
 * The demo trading center: demo users, funded accounts and simulated participants (synthetic).
 * @module
 */
export {
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoParties,
  type DemoUser,
  demoParties,
  hasDemoTrading,
  setUpDemoTrading,
} from './setup.ts'
export { Simulator, type SimulatorOptions } from './simulator.ts'
