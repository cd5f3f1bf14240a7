// Guided reconcile (docs/domain-rules.md, Reconcile): OC9's book against Kraken's balances and the ledger since the
// last checkpoint. Its calls, over the parts that do the work: the book's choice, the run, the trade look-up, apply
// and undo, and the downloads. The ledger and trades are queries on the account mirror.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Clock } from '../../../src-shared/clock';
import type { reconcileCalls } from '../../../src-shared/contract/reconcile';
import type { BookView } from '../../../src-shared/conversion-plan';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Emit } from '../../app/contract-host';
import { settle } from '../../app/settle';
import { accountKey } from '../../connection/account-key';
import type { ConnectionManager } from '../../connection/connection-manager';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import type { StoreBackendFactory } from '../../store/backend';
import type { SettingsService } from '../settings/settings-service';
import { createBookChoice } from './book-choice';
import { createReconcileApply } from './reconcile-apply';
import { reconcileDownload } from './reconcile-downloads';
import { createReconcileFile } from './reconcile-file';
import { createTaskTracker } from './reconcile-progress';
import { createConsistentRead } from './reconcile-read';
import { createReconcileRun } from './reconcile-run';
import { positionsOf, stateOf, type ReconcileSession } from './reconcile-session';
import { lookUpTrades } from './trades-lookup';

export interface ReconcileServiceDeps {
  dataDir: string;
  backend?: StoreBackendFactory;
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  settings: Pick<SettingsService, 'current'>;
  clock: Clock;
  emit: Emit;
  /** Who applies, for the audit log; the operating-system user by default. */
  operator?: string;
  newId?: () => string;
  /** Refids of conversions that have a receipt in History, so a swept row can link to it. */
  receiptRefids?: () => ReadonlySet<string>;
}

export interface ReconcileService {
  handlers: HandlerTable<typeof reconcileCalls>;
  /** Asset ids OC9 holds an open position in (quantity above zero) on the current account. */
  positionAssets(): ReadonlySet<string>;
  /** OC9's book for the conversion review: whether one is loaded, and its positions. */
  bookView(): BookView;
}

function defaultOperator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

export function createReconcileService(deps: ReconcileServiceDeps): ReconcileService {
  const session: ReconcileSession = {
    file: createReconcileFile({ dataDir: deps.dataDir, ...(deps.backend ? { backend: deps.backend } : {}) }),
    mirrors: deps.mirrors,
    reads: createConsistentRead(deps),
    tasks: createTaskTracker(deps.emit),
    runs: new Map(),
    lookups: new Map(),
    clock: deps.clock,
    emit: deps.emit,
  };
  const newId = deps.newId ?? randomUUID;
  const books = createBookChoice(session);
  const run = createReconcileRun(session, {
    settings: deps.settings,
    newId,
    ...(deps.receiptRefids ? { receiptRefids: deps.receiptRefids } : {}),
  });
  const applying = createReconcileApply(session, { operator: deps.operator ?? defaultOperator(), newId });
  const current = () => deps.connections.current();

  const bookNow = () => {
    const state = session.file.get(accountKey(current()));
    return state.source?.book ?? state.snapshot?.book ?? null;
  };

  return {
    positionAssets() {
      const book = bookNow();
      return new Set(book ? positionsOf(book) : []);
    },
    bookView() {
      const book = bookNow();
      return { loaded: book !== null, positions: (book?.positions ?? []).map((p) => ({ asset: p.asset, quantity: p.quantity })) };
    },
    handlers: {
      'reconcile.state': () => settle(() => stateOf(session, current())),
      'reconcile.importPositions': (input) => books.importPositions(current(), input),
      'reconcile.rebuildFromTrades': () => books.rebuildFromTrades(current()),
      'reconcile.useSnapshot': () => books.useSnapshot(current()),
      'reconcile.run': async ({ readTradeHistory }) => {
        const connection = current();
        await run(connection, readTradeHistory);
        return stateOf(session, connection);
      },
      'reconcile.apply': ({ runId, decisions, note }) => settle(() => applying.apply(current(), runId, decisions, note)),
      'reconcile.undo': ({ auditId }) => settle(() => applying.undo(current(), auditId)),
      'reconcile.lookUpTrades': () =>
        settle(() => {
          const connection = current();
          lookUpTrades(session, connection);
          return stateOf(session, connection);
        }),
      'reconcile.export': ({ kind }) => settle(() => reconcileDownload(session, current(), kind)),
    },
  };
}
