// "Convert small balances": review → pre-flight checks → swipe → hand-off to Kraken → ledger watch → receipt.
import { useEffect } from 'react';
import { formatFractionAsPercent } from '../../../src-shared/percent';
import { ScreenHeader } from '../../app/ScreenHeader';
import { useNavigation } from '../../app/navigation';
import { useStores } from '../../app/store-context';
import { Acknowledge } from '../../components/Acknowledge';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { ReceiptView } from '../history/ReceiptView';
import { useConversionStore } from './conversion-store';
import { HandoffPanel } from './HandoffPanel';
import { PreflightList } from './PreflightList';
import { ReviewTable } from './ReviewTable';
import { SwipeToConfirm } from '../../components/SwipeToConfirm';
import styles from './conversion.module.css';
import screenStyles from '../../components/screen.module.css';
import reviewStyles from '../../components/review-layout.module.css';

/** A review older than this is fetched again, so the swipe never confirms on stale prices. */
const REVIEW_REFRESH_MS = 60_000;

function Review() {
  const review = useConversionStore((s) => s.review);
  const reviewedAt = useConversionStore((s) => s.reviewedAt);
  const loading = useConversionStore((s) => s.loading);
  const confirming = useConversionStore((s) => s.confirming);
  const attempt = useConversionStore((s) => s.attempt);
  const loadReview = useConversionStore((s) => s.loadReview);
  const confirm = useConversionStore((s) => s.confirm);
  const go = useNavigation((s) => s.go);

  useEffect(() => {
    if (reviewedAt === null || confirming) return undefined;
    const timer = setTimeout(() => void loadReview(), Math.max(0, reviewedAt + REVIEW_REFRESH_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [reviewedAt, confirming, loadReview]);

  if (!review || reviewedAt === null) return <p className="muted">Reading balances, prices and Kraken’s ledger…</p>;
  const blocking = review.checks.find((check) => check.status === 'block');
  const fee = formatFractionAsPercent(review.feeRate, 1);
  const count = review.items.length;

  if (count === 0) {
    return (
      <EmptyState title="Nothing to convert" action={<Button onClick={() => go('portfolio')}>Back to Portfolio</Button>}>
        No balance is under Kraken’s small-balance limit right now.
      </EmptyState>
    );
  }

  return (
    <div className={reviewStyles.reviewLayout}>
      <Panel
        title={`What Kraken will convert (${count})`}
        actions={
          <>
            <UpdatedAgo at={review.quotesAt} />
            <Button size="sm" variant="ghost" onClick={() => void loadReview()} disabled={loading}>
              {loading ? 'Refreshing…' : 'Refresh prices'}
            </Button>
          </>
        }
      >
        <p className={`muted small ${reviewStyles.reviewNote}`}>
          Kraken converts <strong>every</strong> balance under its limit at once; there is no per-asset choice. The amounts are estimates at
          current prices; Kraken’s own rate at the moment you convert decides.
        </p>
        <ReviewTable review={review} />
      </Panel>
      <div className={reviewStyles.reviewSide}>
        <Panel title="Convert into">
          <label className={reviewStyles.targetField}>
            <span>Destination currency</span>
            <select
              value={review.target.assetId}
              onChange={(event) => void loadReview({ target: event.target.value })}
              disabled={loading || confirming}
              aria-describedby="target-help"
            >
              {review.targets.map((target) => (
                <option key={target.assetId} value={target.assetId}>
                  {target.code}
                </option>
              ))}
            </select>
          </label>
          <p id="target-help" className={`${styles.targetHelp} faint small`}>
            The cash currencies Kraken lists, plus USDT and USDC. Your choice is remembered.
          </p>
          <dl className={reviewStyles.reviewSums}>
            <div>
              <dt>Value</dt>
              <dd>
                <Amount value={review.totalValue} decimals={Math.max(review.target.displayDecimals, 2)} suffix={review.target.code} />
              </dd>
            </div>
            <div>
              <dt>Kraken’s fee ({fee})</dt>
              <dd>
                −<Amount value={review.estimatedFee} decimals={Math.max(review.target.displayDecimals, 2)} suffix={review.target.code} />
              </dd>
            </div>
            <div className={reviewStyles.reviewTotal}>
              <dt>You receive about</dt>
              <dd data-testid="review-estimate">
                <Amount value={review.estimatedTotal} decimals={Math.max(review.target.displayDecimals, 2)} suffix={review.target.code} />
              </dd>
            </div>
          </dl>
        </Panel>
        <Panel
          title="Before you convert"
          labelledBy="preflight-title"
          actions={<Badge tone={review.mode === 'live' ? 'warning' : 'info'}>{review.mode === 'live' ? 'Live' : 'Demo'}</Badge>}
        >
          <PreflightList
            checks={review.checks}
            serverTime={review.serverTime}
            reviewedAt={reviewedAt}
            onCooldownOver={() => void loadReview()}
            onLoadBook={() => go('reconcile', { kind: 'load-book', returnTo: 'convert' })}
          />
          {review.needsPositionAck && (
            <Acknowledge
              checked={review.positionsAcknowledged}
              disabled={loading}
              onChange={(positionsAcknowledged) => void loadReview({ positionsAcknowledged })}
            >
              I understand Kraken will sweep these OC9 positions; I paused the bot for them and will reconcile afterwards.
            </Acknowledge>
          )}
          {review.needsOpenOrderAck && (
            <Acknowledge
              checked={review.openOrdersAcknowledged}
              disabled={loading}
              onChange={(openOrdersAcknowledged) => void loadReview({ openOrdersAcknowledged })}
            >
              I understand what Kraken does with these open orders, and I go on.
            </Acknowledge>
          )}
        </Panel>
        <div className={reviewStyles.confirmBox}>
          <SwipeToConfirm
            key={attempt}
            label={`Swipe to convert ${count} ${count === 1 ? 'balance' : 'balances'} into ${review.target.code}`}
            onConfirm={() => void confirm()}
            disabled={!review.canConvert || loading}
            {...(blocking ? { disabledReason: blocking.title } : loading ? { disabledReason: 'checking prices again' } : {})}
            busy={confirming}
          />
          <p className="faint small" role="status">
            {confirming
              ? 'Checking balances and prices once more, saving the plan and opening Kraken…'
              : 'Drag the thumb to the end, or hold Enter on it. Confirming saves this plan and opens Kraken’s page, where you complete the conversion; nothing is converted by the swipe itself.'}
          </p>
        </div>
      </div>
    </div>
  );
}

export function ConversionScreen() {
  const active = useConversionStore((s) => s.active);
  const activeLoaded = useConversionStore((s) => s.activeLoaded);
  const error = useConversionStore((s) => s.error);
  const loadActive = useConversionStore((s) => s.loadActive);
  const loadReview = useConversionStore((s) => s.loadReview);
  const cancel = useConversionStore((s) => s.cancel);
  const dismiss = useConversionStore((s) => s.dismiss);
  const go = useNavigation((s) => s.go);

  const conversion = useStores().conversion;
  useEffect(() => {
    void loadActive().then(() => {
      if (!conversion.getState().active) void loadReview();
    });
  }, [conversion, loadActive, loadReview]);

  const subtitle =
    active?.status === 'completed'
      ? 'Kraken booked the conversion. Here is what it did, proven against your ledger.'
      : active
        ? 'Complete the conversion on Kraken; the app watches the ledger for it.'
        : 'Review what Kraken will sweep, then complete it on Kraken.';

  return (
    <div className={screenStyles.screen}>
      <ScreenHeader title="Convert small balances" subtitle={subtitle} />
      {error && <ErrorNotice error={error} onRetry={() => void loadReview()} />}
      {!activeLoaded ? null : active?.status === 'completed' && active.receipt ? (
        <Panel title="Receipt">
          <ReceiptView
            entry={active.receipt}
            actions={
              <>
                <Button size="sm" onClick={() => void dismiss().then(() => go('history'))}>
                  View in History
                </Button>
                <Button size="sm" variant="primary" onClick={() => void dismiss().then(() => go('reconcile', { kind: 'run-reconcile' }))}>
                  Reconcile now
                </Button>
              </>
            }
          />
        </Panel>
      ) : active ? (
        <HandoffPanel active={active} onCancel={() => void cancel()} />
      ) : (
        <Review />
      )}
    </div>
  );
}
