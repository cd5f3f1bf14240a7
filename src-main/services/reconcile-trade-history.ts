// OC9's trades as Kraken recorded them, kept per account so that rebuilding entry prices reads only the trades
// newer than the last read (the first read pages through the whole history, at Kraken's call-counter pace).
import { z } from 'zod';
import { LedgerCursor, oldestFirst, Trade } from '../../src-shared/ledger';
import type { KrakenClient } from '../kraken/client';
import { KrakenCallError } from '../kraken/errors';
import { collectNewestFirst, type PagingProgress } from '../kraken/history-paging';
import type { KrakenTrade } from '../kraken/schemas';
import type { StoreBackendFactory } from '../store/backend';
import { createAccountRecords } from '../store/account-records';

const Kept = z.object({
  trades: z.array(Trade),
  /** The newest trade in Kraken's own order, which the next read starts after (equal times are not in id order). */
  head: LedgerCursor.nullable(),
});

export interface TradeReadHooks {
  onPage?: (progress: PagingProgress) => void;
  onRateWait?: (waitMs: number) => void;
}

export interface TradeHistory {
  /** Trades kept for the account. */
  count(account: string): number;
  /** Every trade of the account, oldest first: the kept ones plus whatever Kraken has that is newer. */
  read(account: string, client: Pick<KrakenClient, 'tradesHistory'>, hooks?: TradeReadHooks): Promise<Trade[]>;
}

function toTrade(trade: KrakenTrade): Trade {
  const { id, ordertxid, pair, time, type, ordertype, price, cost, fee, vol } = trade;
  return { id, ordertxid, pair, time, type, ordertype, price, cost, fee, vol };
}


export function createTradeHistory(options: { dataDir: string; backend?: StoreBackendFactory }): TradeHistory {
  // null: this account's trades were never read
  const records = createAccountRecords<z.infer<typeof Kept> | null>({ ...options, name: 'reconcile-trades', record: Kept.nullable(), empty: null });
  const kept = (account: string) => records.get(account) ?? { trades: [], head: null };

  const fetchAfter = async (
    client: Pick<KrakenClient, 'tradesHistory'>,
    newest: LedgerCursor | null,
    hooks: TradeReadHooks,
  ) => {
    const rateHooks = { onRateWait: (waitMs: number) => hooks.onRateWait?.(waitMs) };
    const readFrom = (start: string | undefined) =>
      collectNewestFirst(({ end, ofs }) => client.tradesHistory({ start, end, ofs }, rateHooks), {
        stopAtId: newest?.id,
        onPage: hooks.onPage,
      });
    try {
      return await readFrom(newest?.id);
    } catch (error) {
      // Kraken refuses a start id it does not know: the newest trade's time (exclusive too) does the same job
      const refusedStart = error instanceof KrakenCallError && error.details.krakenError === 'EGeneral:Invalid arguments:start';
      if (newest === null || !refusedStart) throw error;
      return readFrom(String(newest.time));
    }
  };

  return {
    count: (account) => kept(account).trades.length,
    async read(account, client, hooks = {}) {
      const known = kept(account);
      const fresh = await fetchAfter(client, known.head, hooks);
      const ids = new Set(known.trades.map((t) => t.id));
      const all = oldestFirst([...known.trades, ...fresh.map(toTrade).filter((t) => !ids.has(t.id))]);
      const [newest] = fresh;
      if (newest !== undefined || records.get(account) === null) {
        const head = newest === undefined ? known.head : { id: newest.id, time: newest.time };
        records.update(account, () => ({ trades: all, head }));
      }
      return all;
    },
  };
}
