// When small balances were last converted, and a nudge when they have waited longer than the OC9 guide's month.
import { useEffect, useState } from 'react';
import type { CleanupSummary } from '../../../src-shared/contract/history';
import { cleanupDue } from '../../../src-shared/dust-sweep';
import { useNavigation } from '../../app/navigation';
import { useApi } from '../../app/store-context';
import { Button } from '../../components/Button';
import { DateTime, formatDateTime } from '../../components/DateTime';
import { useConversionStore } from '../conversion/conversion-store';
import styles from './portfolio.module.css';
import noticeStyles from '../../components/notice.module.css';

const DAY_MS = 24 * 60 * 60 * 1000;

function daysAgo(at: number, now: number): string {
  const days = Math.floor((now - at) / DAY_MS);
  return days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

export function LastCleanup({ waiting }: { waiting: number }) {
  const api = useApi();
  const [summary, setSummary] = useState<CleanupSummary | null>(null);
  const go = useNavigation((state) => state.go);
  const watching = useConversionStore((state) => (state.active?.status === 'watching' ? state.active : null));
  useEffect(() => {
    const load = () => void api['conversion.summary']({}).then(setSummary, () => setSummary(null));
    load();
    return api.subscribe('conversion.historyChanged', ({ scan }) => {
      if (scan.status === 'scanning') setSummary((current) => (current ? { ...current, scan } : current));
      else load();
    });
  }, [api]);
  if (watching) {
    return (
      <div className={`${noticeStyles.notice} ${noticeStyles.noticeInfo} ${styles.cleanup}`} role="status" data-testid="last-cleanup">
        <div>
          <strong>A conversion is waiting for Kraken</strong>
          <p>
            Planned <DateTime ms={watching.plan.createdAt} />: {watching.plan.items.length} small balances into {watching.target.code}.
            Finish it on Kraken’s page; the receipt appears here as soon as Kraken books it.
          </p>
        </div>
        <Button size="sm" variant="primary" onClick={() => go('convert')}>
          Open the hand-off
        </Button>
      </div>
    );
  }
  if (!summary) return null;
  const now = Date.now();
  const due = cleanupDue({ waiting, lastSweepAt: summary.lastSweepAt, ledgerSearched: summary.ledgerSearched, nowMs: now });
  const when =
    summary.lastSweepAt !== null ? (
      <>
        Last small-balance conversion:{' '}
        <time dateTime={new Date(summary.lastSweepAt).toISOString()} title={formatDateTime(summary.lastSweepAt, { zone: true })}>
          {daysAgo(summary.lastSweepAt, now)}
        </time>
        .
      </>
    ) : summary.ledgerSearched ? (
      'No small-balance conversion in this account’s ledger yet.'
    ) : summary.scan.status === 'scanning' ? (
      <>
        Last small-balance conversion: copying Kraken’s ledger
        {summary.scan.total !== null &&
          summary.scan.total > 0 &&
          ` (${Math.floor((summary.scan.entries * 100) / summary.scan.total)} % read)`}
        …
      </>
    ) : (
      <>
        Last small-balance conversion: not known yet.{' '}
        <button type="button" className="link-button" onClick={() => go('history')}>
          Copy the ledger in History
        </button>
      </>
    );
  return (
    <div
      className={
        due ? `${noticeStyles.notice} ${noticeStyles.noticeWarning} ${styles.cleanup}` : `${styles.cleanup} ${styles.cleanupQuiet}`
      }
      role={due ? 'note' : undefined}
      data-testid="last-cleanup"
    >
      <div>
        {due && <strong>Time to clean up small balances</strong>}
        <p className={due ? '' : 'faint small'}>
          {when}
          {due && ' The OC9 guide suggests converting them about once a month, so they never pile up or confuse the bot’s books.'}
        </p>
      </div>
      {due && (
        <Button size="sm" variant="primary" onClick={() => go('convert')}>
          Review conversion
        </Button>
      )}
    </div>
  );
}
