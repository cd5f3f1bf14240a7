// "Look up entry prices in trade history": trade history read in the background, its averages added to the held
// run's guide when it ends; the guide stays usable meanwhile.
import type { TradesLookup } from '../../../src-shared/contract/reconcile';
import { toAppError } from '../../../src-shared/errors';
import { buildGuide } from '../../../src-shared/reconcile-guide';
import { detached } from '../../call-signal';
import { accountKey } from '../../connection/account-key';
import type { Connection } from '../../connection/connection-manager';
import { assetDisplays, readMarket } from './reconcile-market';
import { currentRun, type ReconcileSession } from './reconcile-session';

export function lookUpTrades(session: ReconcileSession, connection: Connection): void {
  const key = accountKey(connection);
  const held = currentRun(session, key);
  if (session.lookups.get(key)?.status === 'reading') return;
  const lookup: TradesLookup = { status: 'reading', pages: 0, records: 0, total: null, waitMs: null, error: null };
  session.lookups.set(key, lookup);
  const publish = (change: Partial<TradesLookup>) => {
    Object.assign(lookup, change);
    session.emit('reconcile.tradesLookup', { ...lookup });
  };
  const runId = held.result.id;
  // the lookup outlives the call that started it: it never inherits that call's abort signal
  void detached(async () => {
    try {
      const view = await readMarket(connection.metadata, connection.client);
      const read = await session.reads.tradesBook(connection, view, {
        priority: 'background',
        onPage: (run) => publish({ pages: run.pages, records: run.records, total: run.total, waitMs: null }),
        onRateWait: (ms) => publish({ waitMs: Math.max(0, Math.round(ms)) }),
      });
      const current = session.runs.get(key);
      if (current !== undefined && current.result.id === runId && current.result.appliedAuditId === null) {
        const guide = buildGuide(current.result.report, { ...current.guideContext, trades: read.basis });
        const trades = { read: true, count: read.trades.length, notes: read.notes, problem: null, byAsset: read.basis };
        const quotes = Object.values(read.basis).map((b) => b.quoteCurrency);
        const assets = { ...assetDisplays(view.catalog, quotes), ...current.result.assets };
        session.runs.set(key, { ...current, result: { ...current.result, guide, trades, assets } });
      }
      publish({ status: 'done', waitMs: null });
    } catch (error) {
      publish({ status: 'failed', waitMs: null, error: toAppError(error).toShape() });
    }
  });
}
