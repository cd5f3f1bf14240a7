// A consistent read of the account for Reconcile: balances and the ledger since the checkpoint that agree with each
// other (read on while an entry lands between the two), a starting point taken at one moment, and the trade history
// rebuilt into a book. Every ledger and trade read goes through the account mirror.
import type { Clock } from '../../../src-shared/clock';
import type { Book } from '../../../src-shared/book';
import { bookFromTrades, tradeBasisOf, type TradesBook } from '../../../src-shared/book-from-trades';
import { AppError } from '../../../src-shared/errors';
import { netChangeByAsset, type LedgerCursor, type LedgerEntry } from '../../../src-shared/ledger';
import { dec, ZERO } from '../../../src-shared/money';
import type { Checkpoint } from '../../../src-shared/reconcile';
import type { Connection } from '../../connection/connection-manager';
import type { KrakenClient } from '../../kraken/client';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { SyncHooks, SyncRun } from '../../mirror/mirror-sync';
import type { ProgressControl } from './reconcile-progress';
import { cashAssetIds, pairInfo, type MarketView } from './reconcile-market';

/** Rounds of "read the ledger again" when balances moved while the ledger was being read. */
const CONFIRM_ROUNDS = 2;

/** True when every balance equals the checkpoint's plus what the ledger since then says moved it. */
function ledgerAccountsForBalances(checkpoint: Checkpoint, entries: readonly LedgerEntry[], balances: Record<string, string>): boolean {
  const moved = netChangeByAsset(entries);
  const ids = new Set([...Object.keys(balances), ...Object.keys(checkpoint.balances), ...moved.keys()]);
  return [...ids].every((id) =>
    dec(checkpoint.balances[id] ?? '0')
      .plus(moved.get(id) ?? ZERO)
      .equals(dec(balances[id] ?? '0')),
  );
}

async function readBalances(client: Pick<KrakenClient, 'balanceEx'>): Promise<Record<string, string>> {
  const balances = await client.balanceEx();
  return Object.fromEntries(Object.entries(balances).map(([asset, entry]) => [asset, entry.balance]));
}

/** Reads of the mirror that show their pages and waits on the task's progress. */
export function syncHooks(control: ProgressControl): SyncHooks {
  return {
    priority: 'foreground',
    onPage: (run) => control.page(run.pages, run.records, run.total ?? undefined),
    onRateWait: (ms) => control.rateWait(ms),
  };
}

/** The hooks of a trade-history read, shown as the task's "trades" phase. */
export function tradeHooks(control: ProgressControl): SyncHooks {
  control.phase('trades');
  return syncHooks(control);
}

export interface TradesRead {
  trades: ReturnType<ReturnType<AccountMirrors['of']>['mirror']['trades']>;
  book: Book;
  notes: TradesBook['notes'];
  basis: ReturnType<typeof tradeBasisOf>;
}

export interface ConsistentRead {
  /** Balances and the newest ledger entry at one moment: the ledger's head read on both sides of the balances. */
  baseline(connection: Connection, control: ProgressControl): Promise<Checkpoint>;
  /** Ledger entries since the checkpoint (from the mirror, brought up to date) and balances that agree with them. */
  sinceCheckpoint(
    connection: Connection,
    checkpoint: Checkpoint,
    control: ProgressControl,
  ): Promise<{ entries: LedgerEntry[]; head: LedgerCursor | null; balances: Record<string, string>; pages: number; newEntries: number }>;
  /** Every trade of the account (from the mirror, with what Kraken has that is newer), rebuilt into a book. */
  tradesBook(connection: Connection, view: MarketView, hooks: SyncHooks): Promise<TradesRead>;
}

export function createConsistentRead(deps: { mirrors: Pick<AccountMirrors, 'of'>; clock: Clock }): ConsistentRead {
  const headOf = (connection: Connection): LedgerCursor | null => {
    const head = deps.mirrors.of(connection).mirror.state('ledger').head;
    return head === null ? null : { id: head.id, time: head.time };
  };

  return {
    async baseline(connection, control) {
      const { sync } = deps.mirrors.of(connection);
      const head = async () => {
        control.phase('ledger');
        await sync.catchUp('ledger', syncHooks(control));
        return headOf(connection);
      };
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = await head();
        control.phase('balances');
        const balances = await readBalances(connection.client);
        const after = await head();
        if (before?.id === after?.id) return { at: deps.clock.now(), ledgerCursor: after, balances };
      }
      throw new AppError('busy', 'Kraken’s ledger kept changing while OC9 Console took its starting point. Try again in a minute.', true);
    },

    async sinceCheckpoint(connection, checkpoint, control) {
      const { mirror, sync } = deps.mirrors.of(connection);
      const read: SyncRun = { pages: 0, records: 0, total: null, rateWaits: 0, rateWaitMs: 0 };
      const readNewer = async () => {
        control.phase('ledger');
        const run = await sync.catchUp('ledger', syncHooks(control));
        read.pages += run.pages;
        read.records += run.records;
        return run.records;
      };
      await readNewer();
      // the checkpoint's entry must be in the mirror (it is, unless the mirror was rebuilt since): read back to it
      const older = await sync.backfill('ledger', checkpoint.ledgerCursor?.time ?? null, syncHooks(control));
      read.pages += older.pages;
      read.records += older.records;
      let entries = mirror.ledgerAfter(checkpoint.ledgerCursor);
      control.phase('balances');
      let balances = await readBalances(connection.client);
      // an entry booked between reading the ledger and the balances would make the two disagree: read on once more
      for (let round = 0; round < CONFIRM_ROUNDS && !ledgerAccountsForBalances(checkpoint, entries, balances); round++) {
        if ((await readNewer()) === 0) break;
        entries = mirror.ledgerAfter(checkpoint.ledgerCursor);
        control.phase('balances');
        balances = await readBalances(connection.client);
      }
      return { entries, head: headOf(connection), balances, pages: read.pages, newEntries: read.records };
    },

    async tradesBook(connection, view, hooks) {
      const { mirror, sync } = deps.mirrors.of(connection);
      await sync.catchUp('trades', hooks);
      await sync.backfill('trades', null, hooks);
      const trades = mirror.trades();
      const cash = new Set(cashAssetIds(view.catalog));
      const rebuilt: TradesBook = bookFromTrades(trades, pairInfo(view.pairs));
      const book: Book = { positions: rebuilt.book.positions.filter((p) => !cash.has(p.asset)), ignoredDust: [] };
      return { trades, book, notes: rebuilt.notes, basis: tradeBasisOf({ ...rebuilt, book }) };
    },
  };
}
