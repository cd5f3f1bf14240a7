// Everything a request handler may touch, built once per running simulator.
import type { Clock } from '../../../src-shared/clock';
import type { SimAccount } from './account';
import type { Gatekeeper } from './auth';
import type { FaultQueue } from './faults';
import type { LedgerLeg } from './ledger-book';
import type { CounterSet } from './rate-counter';
import type { SimulatorSettings } from './simulator-settings';
import type { WsFaultQueue } from './ws-faults';
import type { WsTokens } from './ws-tokens';

export interface SimContext {
  account: SimAccount;
  gatekeeper: Gatekeeper;
  settings: SimulatorSettings;
  clock: Clock;
  faults: FaultQueue;
  restCounters: CounterSet;
  engineCounters: CounterSet;
  /** Kraken calls answered, by method name: how tests and benchmarks count the app's API calls per screen. */
  requestCounts: Map<string, number>;
  /** Receive legs of sweeps booked half (`receiveLater`), by refid, until an admin call books them. */
  heldReceives: Map<string, LedgerLeg>;
  /** Tokens GetWebSocketsToken issued, for the WebSocket feed's private channels. */
  wsTokens: WsTokens;
  /** Faults for the WebSocket feed (drop, stall, skipped or repeated sequence numbers, refused tokens). */
  wsFaults: WsFaultQueue;
}
