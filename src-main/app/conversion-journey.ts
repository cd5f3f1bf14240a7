// Converting small balances spans two features that share the conversions file: Conversion (the plan, the hand-off
// and its watch) and History (every receipt the ledger holds). This wires them to each other.
import { createConversionService, type ConversionServiceDeps } from '../features/conversion/conversion-service';
import { createConversionsFile } from '../features/conversion/conversions-file';
import { createHistoryService } from '../features/history/history-service';
import type { StoreBackendFactory } from '../store/backend';
import type { StoreProblem } from '../store/json-store';

export interface ConversionJourneyDeps extends Omit<ConversionServiceDeps, 'file' | 'onReceipt'> {
  dataDir: string;
  backend?: StoreBackendFactory;
  /** Told when conversions.json had to be set aside or partly recovered. */
  onStoreProblem?: (problem: StoreProblem) => void;
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
