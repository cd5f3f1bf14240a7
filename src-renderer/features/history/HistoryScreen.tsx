import { useEffect } from 'react';
import type { HistoryEntry, LedgerScan } from '../../../src-shared/contract/history';
import { ScreenHeader } from '../../app/ScreenHeader';
import { StorageNotices } from '../../app/StorageNotices';
import { useIntent, useNavigation } from '../../app/navigation';
import { useApi } from '../../app/store-context';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { useConversionStore } from '../conversion/conversion-store';
import { useHistoryStore } from './history-store';
import { ReceiptView } from './ReceiptView';
import { DateTime } from '../../components/DateTime';
import styles from './history.module.css';
import screenStyles from '../../components/screen.module.css';

function ScanLine({ scan }: { scan: LedgerScan }) {
  if (scan.status === 'scanning') {
    const waiting = scan.rateWaitUntil !== null && scan.rateWaitUntil > Date.now();
    return (
      <div className={styles.scanLine} role="status">
        <span className="spinner" aria-hidden="true" />
        <span>
          Copying Kraken’s ledger to this computer, for conversions made elsewhere: {scan.entries.toLocaleString()}
          {scan.total !== null && ` of ${scan.total.toLocaleString()}`} entries read
          {waiting && ' · waiting for Kraken’s rate limit'}
        </span>
        {scan.total !== null && scan.total > 0 && <progress max={scan.total} value={scan.entries} aria-label="Ledger copy progress" />}
      </div>
    );
  }
  if (scan.status === 'failed') {
    return (
      <p className={`${styles.scanLine} negative-text`} role="status">
        Copying Kraken’s ledger stopped: {scan.error?.message ?? 'unknown error'} It goes on from there the next time you open History.
      </p>
    );
  }
  if (scan.status === 'done') {
    return (
      <p className={`${styles.scanLine} faint`} role="status">
        Kraken’s whole ledger is copied to this computer, conversions made anywhere included · <UpdatedAgo at={scan.scannedAt} />
      </p>
    );
  }
  return null;
}

const ORIGIN_WORDS: Record<HistoryEntry['origin'], string> = {
  app: 'Planned and confirmed in OC9 Console, then matched to its plan',
  kraken: 'Made on Kraken directly, and found in your ledger',
};

/** The conversion handed off to Kraken and not booked yet, first in the list. */
function PendingEntry() {
  const watching = useConversionStore((state) => (state.active?.status === 'watching' ? state.active : null));
  const go = useNavigation((state) => state.go);
  if (watching === null) return null;
  return (
    <ul className={styles.historyList} aria-label="Waiting for Kraken">
      <li className={`${styles.historyEntry} ${styles.pending}`} data-testid="pending-conversion">
        <div className={styles.historySummary}>
          <DateTime ms={watching.plan.createdAt} />
          <Badge tone="warning">Waiting for Kraken</Badge>
          <span className="muted">
            {watching.plan.items.length} small {watching.plan.items.length === 1 ? 'balance' : 'balances'} → {watching.target.code}, planned
            here and not booked by Kraken yet
          </span>
          <span className="spacer" />
          <Button size="sm" variant="ghost" onClick={() => go('convert')}>
            Open the hand-off
          </Button>
        </div>
      </li>
    </ul>
  );
}

function EntryRow({ entry }: { entry: HistoryEntry }) {
  const go = useNavigation((state) => state.go);
  const open = useHistoryStore((state) => state.openRefid === entry.receipt.refid);
  const toggle = useHistoryStore((state) => state.toggle);
  const { receipt } = entry;
  const target = entry.labels.find((l) => l.assetId === receipt.target);
  const detailId = `receipt-${receipt.refid}`;
  const swept = receipt.lines.filter((line) => line.sweptAmount !== null);
  return (
    <li className={`${styles.historyEntry} ${open ? styles.open : ''}`} data-refid={receipt.refid}>
      <div className={styles.historySummary}>
        <DateTime ms={receipt.at} />
        <Badge tone={entry.origin === 'app' ? 'accent' : 'neutral'} title={ORIGIN_WORDS[entry.origin]}>
          {entry.origin === 'app' ? 'OC9 Console' : 'Kraken'}
        </Badge>
        <span className="muted">
          {swept.length} small {swept.length === 1 ? 'balance' : 'balances'} → {target?.code ?? 'no receive leg found yet'}
        </span>
        <span className={styles.historyReceived}>
          {receipt.netReceived === null ? (
            <Badge tone="warning">Provisional</Badge>
          ) : (
            <Amount value={receipt.netReceived} decimals={target?.displayDecimals ?? 2} suffix={target?.code ?? ''} />
          )}
        </span>
        <Button size="sm" variant="ghost" aria-expanded={open} aria-controls={detailId} onClick={() => toggle(receipt.refid)}>
          {open ? 'Hide transaction' : 'View transaction'}
        </Button>
      </div>
      {open && (
        <div id={detailId} className={styles.historyDetail}>
          <ReceiptView
            entry={entry}
            actions={
              <Button size="sm" variant="primary" onClick={() => go('reconcile', { kind: 'run-reconcile' })}>
                Reconcile now
              </Button>
            }
          />
        </div>
      )}
    </li>
  );
}

export function HistoryScreen() {
  const api = useApi();
  const history = useHistoryStore((state) => state.history);
  const error = useHistoryStore((state) => state.error);
  const load = useHistoryStore((state) => state.load);
  const setScan = useHistoryStore((state) => state.setScan);
  const open = useHistoryStore((state) => state.open);
  const receiptIntent = useIntent('open-receipt');
  const clearIntent = useNavigation((state) => state.clearIntent);

  useEffect(() => {
    void load();
  }, [load]);
  // opened from Reconcile's "View receipt": show that conversion, in view
  const wanted = receiptIntent?.refid ?? null;
  const listed = history?.entries.some((entry) => entry.receipt.refid === wanted) === true;
  useEffect(() => {
    if (wanted === null || !listed) return;
    open(wanted);
    clearIntent();
    requestAnimationFrame(() => document.querySelector(`[data-refid="${CSS.escape(wanted)}"]`)?.scrollIntoView({ block: 'start' }));
  }, [wanted, listed, open, clearIntent]);
  // a finished search or a new receipt changes the list; progress alone changes only the status line
  useEffect(
    () =>
      api.subscribe('conversion.historyChanged', ({ scan }) => {
        if (scan.status === 'scanning') setScan(scan);
        else void load();
      }),
    [api, load, setScan],
  );

  return (
    <div className={screenStyles.screen}>
      <ScreenHeader title="History" subtitle="Small-balance conversions, each proven against Kraken’s ledger." />
      <StorageNotices files={['conversions']} />
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {!history && !error && <p className="muted">Loading…</p>}
      {history && (
        <Panel title="Conversions">
          <ScanLine scan={history.scan} />
          <p className={`faint small ${styles.historyLegend}`}>
            <Badge tone="accent">OC9 Console</Badge> planned and confirmed here, then matched to its plan.{' '}
            <Badge tone="neutral">Kraken</Badge> made on Kraken directly, and found in your ledger.
          </p>
          <PendingEntry />
          {history.entries.length === 0 ? (
            <EmptyState title={history.scan.status === 'scanning' ? 'No conversions found so far' : 'No conversions yet'}>
              When you convert small balances, the receipt appears here with every asset and its converted amount. Conversions made on
              Kraken directly appear too, once the copy of Kraken’s ledger holds them.
            </EmptyState>
          ) : (
            <ul className={styles.historyList} aria-label="Conversions">
              {history.entries.map((entry) => (
                <EntryRow key={entry.receipt.refid} entry={entry} />
              ))}
            </ul>
          )}
        </Panel>
      )}
    </div>
  );
}
