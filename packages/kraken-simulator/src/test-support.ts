// What the app's tests use besides the server: a minimal Kraken caller that can also get things wrong on purpose, the
// test scenario and its keys, and the simulator's own wire formats and call-counter model as oracles.
export { callAdmin, callPrivate, callPublic, httpCall, nextNonce, postPrivate, type Credentials, type Envelope } from './test-client';
export {
  CLOCK_START,
  FIXTURE_FUNDING,
  FIXTURE_NOW,
  makeTestScenario,
  makeTestScenarioInput,
  testKeys,
  type Movement,
} from './test-fixtures';
export { ledgerWire } from './wire';
export { DecayingCounter, REST_LIMITS } from './rate-counter';
export { UNKNOWN_LEDGER_TYPE } from './schema-drift';
