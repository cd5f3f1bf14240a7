// Each account's sales in one file: every run with every order and what came of it (the audit record of trading here,
// never trimmed), and whether a live account has confirmed trading through the app once.
import { z } from 'zod';
import { SaleRun } from '../../../src-shared/contract/sale';
import type { StoreBackendFactory } from '../../store/backend';
import type { StoreProblem } from '../../store/json-store';
import { createAccountRecords, type AccountRecords } from '../../store/account-records';

export const AccountSales = z.object({
  /** Oldest first. */
  runs: z.array(SaleRun),
  /** ms; set when the operator first confirmed placing orders on this live account. */
  liveConfirmedAt: z.number().int().nullable(),
});
export type AccountSales = z.infer<typeof AccountSales>;

export type SalesFile = AccountRecords<AccountSales>;

export function createSalesFile(options: {
  dataDir: string;
  backend?: StoreBackendFactory;
  onCorrupt?: (problem: StoreProblem) => void;
}): SalesFile {
  return createAccountRecords({
    ...options,
    name: 'sales',
    record: AccountSales,
    empty: { runs: [], liveConfirmedAt: null },
    stillWorks: 'Orders already placed are on Kraken; its order history lists them.',
  });
}
