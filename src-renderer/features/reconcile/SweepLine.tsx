// A row changed by Kraken's "Convert small balances": the conversion named with its moment (the app's one date-time
// format) and reference, and the way to its receipt in History.
import type { ActivityGroup, ReconcileRow } from '../../../src-shared/reconcile';
import { krakenTimeMs } from '../../../src-shared/kraken-time';
import { useNavigation } from '../../app/navigation';
import { formatDateTime } from '../../components/DateTime';
import styles from './reconcile.module.css';
import copyIdStyles from '../../components/copy-id.module.css';

/** The conversions that explain a row's change, if a conversion does. */
export function sweepsOf(row: ReconcileRow): ActivityGroup[] {
  return row.status === 'changed-explained' ? (row.explanation?.groups ?? []).filter((g) => g.kind === 'dust-sweep') : [];
}

/** "Swept by the conversion of …": the sweep named with its moment and reference, and the way to its receipt. */
export function SweepLine({ group, receipt }: { group: ActivityGroup; receipt: boolean }) {
  const go = useNavigation((s) => s.go);
  return (
    <p className={styles.sweepLine}>
      Swept by the conversion of {formatDateTime(krakenTimeMs(group.time))} (<code className={copyIdStyles.refid}>{group.refid}</code>).{' '}
      {receipt && (
        <button type="button" className="link-button" onClick={() => go('history', { kind: 'open-receipt', refid: group.refid })}>
          View receipt
        </button>
      )}
    </p>
  );
}
