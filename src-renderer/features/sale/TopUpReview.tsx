// Freeing a stranded balance: the two orders that clear it (just enough bought at the ask to reach the pair's
// minimums, then the whole balance sold at the bid), what they cost and pay, and whether waiting for Kraken's sweep
// would be cheaper.
import type { OrderLegView, TopUpReview as TopUpReviewData } from '../../../src-shared/contract/sale';
import { dec } from '../../../src-shared/money';
import { useNavigation } from '../../app/navigation';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { BeforeYouPlace } from './BeforeYouPlace';
import { ExactAmount } from './ExactAmount';
import { inUseLine } from './in-use';
import { OrderCheck } from './OrderCheck';
import { useSaleStore } from './sale-store';
import styles from './sale.module.css';
import reviewStyles from '../../components/review-layout.module.css';

function Leg({ n, leg, review, words }: { n: number; leg: OrderLegView; review: TopUpReviewData; words: string }) {
  const quote = review.pair?.quote;
  if (!quote) return null;
  const money = (value: string) => <Amount value={value} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} precision={8} />;
  return (
    <li className={styles.topupLeg} data-side={leg.side}>
      <strong>
        {n}. {leg.side === 'buy' ? 'Buy' : 'Sell'} <ExactAmount value={leg.volume} suffix={review.asset.code} /> at{' '}
        <ExactAmount value={leg.price} suffix={quote.code} />
      </strong>
      <span className="muted small">{words}</span>
      <span className="small">
        {leg.side === 'buy' ? 'Costs' : 'Pays'} {money(leg.gross)} {leg.side === 'buy' ? '+' : '−'} fee {money(leg.fee)}
      </span>
      <OrderCheck validation={leg.validation} />
    </li>
  );
}

export function TopUpReview() {
  const review = useSaleStore((s) => s.topUp);
  const loading = useSaleStore((s) => s.loading);
  const load = useSaleStore((s) => s.load);
  const go = useNavigation((s) => s.go);
  if (review === null)
    return <p className="muted">Reading the pair’s minimums and today’s prices, and asking Kraken to check the top-up…</p>;
  const quote = review.pair?.quote;
  if (review.pair === null || review.buy === null || review.sell === null || !quote) {
    return (
      <EmptyState
        title={`${review.asset.code} cannot be freed now`}
        action={<Button onClick={() => go('portfolio')}>Back to Portfolio</Button>}
      >
        {review.problem}
      </EmptyState>
    );
  }
  const money = (value: string) => <Amount value={value} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} />;
  const net = dec(review.net ?? '0');
  return (
    <div className={reviewStyles.reviewLayout}>
      <Panel
        title={`Free ${review.asset.code}`}
        actions={
          <>
            <UpdatedAgo at={review.quotedAt} />
            <Button size="sm" variant="ghost" onClick={() => void load()} disabled={loading}>
              {loading ? 'Checking…' : 'Refresh prices'}
            </Button>
          </>
        }
      >
        <p className={`muted small ${reviewStyles.reviewNote}`}>
          <ExactAmount value={review.available} suffix={review.asset.code} />
          {review.valueUsd !== null && (
            <>
              {' '}
              (≈ <Amount value={review.valueUsd} decimals={2} suffix="USD" />)
            </>
          )}{' '}
          is worth more than Kraken’s sweep takes, but less than the smallest order {review.pair.name} accepts. Two orders clear it, in this
          order:
        </p>
        <ol className={styles.topupLegs}>
          <Leg
            n={1}
            leg={review.buy}
            review={review}
            words="Just enough, at the ask and rounded up to the pair’s lots, that both orders reach the pair’s minimums."
          />
          <Leg
            n={2}
            leg={review.sell}
            review={review}
            words="Then the whole balance, at the bid. Placed only once the top-up has filled whole."
          />
        </ol>
        <p className="small">
          If the top-up fills only in part, the app stops there and sells nothing: it never sells what was not bought.
        </p>
      </Panel>
      <div className={reviewStyles.reviewSide}>
        <Panel title="What it costs">
          <dl className={reviewStyles.reviewSums}>
            <div>
              <dt>Top-up, with its fee</dt>
              <dd>−{money(review.cost ?? '0')}</dd>
            </div>
            <div>
              <dt>Sale, after its fee</dt>
              <dd>{money(review.proceeds ?? '0')}</dd>
            </div>
            <div>
              <dt>Stays behind</dt>
              <dd>
                <ExactAmount value={review.leftover ?? '0'} suffix={review.asset.code} />
              </dd>
            </div>
            <div className={reviewStyles.reviewTotal}>
              <dt>{net.isNegative() ? 'Freeing it costs' : 'You gain'}</dt>
              <dd data-testid="topup-net">{money(net.abs().toFixed())}</dd>
            </div>
          </dl>
          {review.waiting && (
            <p
              className={`small ${styles.waitingWords} ${review.waiting.cheaper ? styles.waitingCheaper : ''}`}
              data-testid="topup-waiting"
            >
              {review.waiting.words}
            </p>
          )}
        </Panel>
        <BeforeYouPlace
          mode={review.mode}
          permission={review.permission}
          inUse={inUseLine(review.asset, review.inUse, review.acknowledged)}
          liveConfirmationNeeded={review.liveConfirmationNeeded}
          blockers={review.blockers}
          canPlace={review.canPlace}
          swipeLabel={`Swipe to free ${review.available} ${review.asset.code}`}
          explainer="Drag the thumb to the end, or hold Enter on it. The top-up is placed first; the sale only once the top-up filled whole."
        />
      </div>
    </div>
  );
}
