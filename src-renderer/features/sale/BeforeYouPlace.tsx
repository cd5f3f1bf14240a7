// The checks before any order is placed, shared by selling and freeing: the key's permission to trade (said here, at
// the point of use), one acknowledgement per asset OC9 holds or orders use, a live account's second confirmation,
// what still blocks, and the swipe.
import type { InUseLine } from './in-use';
import { Acknowledge } from '../../components/Acknowledge';
import { Badge } from '../../components/Badge';
import { Panel } from '../../components/Panel';
import { SwipeToConfirm } from '../../components/SwipeToConfirm';
import { useSaleStore } from './sale-store';
import styles from './sale.module.css';
import reviewStyles from '../../components/review-layout.module.css';

interface BeforeYouPlaceProps {
  mode: 'demo' | 'live';
  permission: { granted: boolean; advice: string | null };
  inUse: InUseLine[];
  liveConfirmationNeeded: boolean;
  blockers: string[];
  canPlace: boolean;
  swipeLabel: string;
  /** What the swipe starts, in one sentence. */
  explainer: string;
}

export function BeforeYouPlace({
  mode,
  permission,
  inUse,
  liveConfirmationNeeded,
  blockers,
  canPlace,
  swipeLabel,
  explainer,
}: BeforeYouPlaceProps) {
  const loading = useSaleStore((s) => s.loading);
  const placing = useSaleStore((s) => s.placing);
  const attempt = useSaleStore((s) => s.attempt);
  const liveConfirmed = useSaleStore((s) => s.liveConfirmed);
  const acknowledge = useSaleStore((s) => s.acknowledge);
  const setLiveConfirmed = useSaleStore((s) => s.setLiveConfirmed);
  const place = useSaleStore((s) => s.place);
  const needsLive = liveConfirmationNeeded && !liveConfirmed;
  const disabledReason = loading
    ? 'checking with Kraken again'
    : (blockers[0] ?? (needsLive ? 'confirm that the app may trade on this live account' : undefined));
  return (
    <>
      <Panel
        title="Before you place orders"
        actions={<Badge tone={mode === 'live' ? 'warning' : 'info'}>{mode === 'live' ? 'Live' : 'Demo'}</Badge>}
      >
        <ul className={styles.saleChecks}>
          <li className={permission.granted ? styles.ok : styles.block} data-testid="trade-permission">
            {permission.granted ? 'The API key may place orders (Kraken accepted the check).' : permission.advice}
          </li>
          {blockers.map((blocker) => (
            <li key={blocker} className={styles.block}>
              {blocker}
            </li>
          ))}
          {blockers.length === 0 && (
            <li className={styles.ok}>Kraken accepted every order as it stands; nothing is placed until you swipe.</li>
          )}
        </ul>
        {inUse.map((line) => (
          <Acknowledge
            key={line.assetId}
            checked={line.acknowledged}
            disabled={loading || placing}
            onChange={(on) => acknowledge(line.assetId, on)}
          >
            {line.code}: {line.why}. I paused the bot for it and will reconcile afterwards; sell it anyway.
          </Acknowledge>
        ))}
        {liveConfirmationNeeded && (
          <Acknowledge checked={liveConfirmed} disabled={placing} onChange={setLiveConfirmed}>
            This is a live account: the app will place real orders on Kraken with this key. I want it to trade for me here.
          </Acknowledge>
        )}
      </Panel>
      <div className={reviewStyles.confirmBox}>
        <SwipeToConfirm
          key={attempt}
          label={swipeLabel}
          onConfirm={() => void place()}
          disabled={!canPlace || loading || needsLive}
          {...(disabledReason === undefined ? {} : { disabledReason })}
          busy={placing}
        />
        <p className="faint small" role="status">
          {placing ? 'Checking every order with Kraken once more, then placing them one at a time…' : explainer}
        </p>
      </div>
    </>
  );
}
