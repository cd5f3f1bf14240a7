// Converting small balances spans two features that share the conversions file: Conversion (the plan, the hand-off
// and its watch) and History (every receipt the ledger holds). This wires them to each other.
import type { Clock } from '../../src-shared/clock';
import type { BookView } from '../../src-shared/conversion-plan';
import type { ConnectionManager } from '../connection/connection-manager';
import { createConversionService } from '../features/conversion/conversion-service';
import { createConversionsFile } from '../features/conversion/conversions-file';
import { createHistoryService } from '../features/history/history-service';
import type { PortfolioService } from '../features/portfolio/portfolio-service';
import type { SettingsService } from '../features/settings/settings-service';
import type { AccountMirrors } from '../mirror/account-mirrors';
import type { StoreBackendFactory } from '../store/backend';
import type { StoreProblem } from '../store/json-store';
import type { Emit } from './contract-host';

export interface ConversionJourneyDeps {
  dataDir: string;
  backend?: StoreBackendFactory;
  /** Told when conversions.json had to be set aside or partly recovered. */
  onStoreProblem?: (problem: StoreProblem) => void;
  connections: Pick<ConnectionManager, 'current' | 'externalOrigins'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: Pick<SettingsService, 'current'>;
  portfolio: Pick<PortfolioService, 'load'>;
  book: () => BookView;
  clock: Clock;
  emit: Emit;
  openExternal?: (url: string, extraOrigins: readonly string[]) => Promise<boolean>;
  watchIntervalMs?: number;
  receiveLegWaitMs?: number;
}

export function createConversionJourney(deps: ConversionJourneyDeps) {
  const file = createConversionsFile({
    dataDir: deps.dataDir,
    ...(deps.backend ? { backend: deps.backend } : {}),
    ...(deps.onStoreProblem ? { onCorrupt: deps.onStoreProblem } : {}),
  });
  const history = createHistoryService({ ...deps, file, onReceipts: (key) => conversion.receiptsChanged(key) });
  const conversion = createConversionService({ ...deps, file, onReceipt: (connection) => history.announce(connection) });
  return {
    handlers: { ...conversion.handlers, ...history.handlers },
    /** Refids of the current account's conversions that have a receipt. */
    receiptRefids: () => history.receiptRefids(),
    /** Resumes the watch of a plan saved before a restart. */
    resume: () => conversion.resume(),
    stop(): void {
      conversion.stop();
      history.stop();
    },
  };
}

export type ConversionJourney = ReturnType<typeof createConversionJourney>;
