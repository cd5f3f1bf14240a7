// Selling small balances through the API: choose the balances and the currency, read every order as Kraken checked
// it, then swipe. Unlike Kraken's sweep, each asset is a choice.
import type { SaleReview } from '../../../src-shared/contract/sale';
import { useNavigation } from '../../app/navigation';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { BeforeYouPlace } from './BeforeYouPlace';
import { inUseLine } from './in-use';
import { SaleLinesTable } from './SaleLinesTable';
import { useSaleStore } from './sale-store';
import reviewStyles from '../../components/review-layout.module.css';

function Sums({ review }: { review: SaleReview }) {
  const { target } = review;
  const money = (value: string) => <Amount value={value} decimals={Math.max(target.displayDecimals, 2)} suffix={target.code} />;
  return (
    <dl className={reviewStyles.reviewSums}>
      <div>
        <dt>Orders</dt>
        <dd>{review.lines.filter((l) => l.sell !== null).length}</dd>
      </div>
      <div>
        <dt>Taker fees</dt>
        <dd>−{money(review.fees)}</dd>
      </div>
      <div className={reviewStyles.reviewTotal}>
        <dt>You receive about</dt>
        <dd data-testid="sale-proceeds">{money(review.proceeds)}</dd>
      </div>
    </dl>
  );
}

export function SellReview() {
  const review = useSaleStore((s) => s.review);
  const chosen = useSaleStore((s) => s.chosen);
  const loading = useSaleStore((s) => s.loading);
  const placing = useSaleStore((s) => s.placing);
  const load = useSaleStore((s) => s.load);
  const choose = useSaleStore((s) => s.choose);
  const setTarget = useSaleStore((s) => s.setTarget);
  const go = useNavigation((s) => s.go);

  if (review === null) return <p className="muted">Reading balances and pairs, and asking Kraken to check each order…</p>;
  if (review.candidates.length === 0) {
    return (
      <EmptyState title="Nothing to sell" action={<Button onClick={() => go('portfolio')}>Back to Portfolio</Button>}>
        No small balance is above its pair’s order minimums right now. Balances under Kraken’s sweep limit go with “Convert small balances”.
      </EmptyState>
    );
  }
  const count = review.lines.filter((l) => l.sell !== null).length;
  const inUse = review.lines.flatMap((line) => inUseLine(line.asset, line.inUse, line.acknowledged));
  return (
    <div className={reviewStyles.reviewLayout}>
      <Panel
        title={`Balances to sell (${review.lines.length} of ${review.candidates.length})`}
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
          Each chosen balance is sold with one limit order at today’s bid, immediate-or-cancel: what the book does not take at that price is
          cancelled, never left open. Volumes are rounded down to the pair’s lot size; what rounding leaves stays in your balance.
        </p>
        <SaleLinesTable review={review} chosen={chosen ?? []} disabled={placing} onChoose={choose} />
      </Panel>
      <div className={reviewStyles.reviewSide}>
        <Panel title="Sell into">
          <label className={reviewStyles.targetField}>
            <span>Currency</span>
            <select
              value={review.target.assetId}
              onChange={(event) => setTarget(event.target.value)}
              disabled={loading || placing}
              aria-describedby="sale-target-help"
            >
              {review.targets.map((target) => (
                <option key={target.assetId} value={target.assetId}>
                  {target.code}
                </option>
              ))}
            </select>
          </label>
          <p id="sale-target-help" className="faint small">
            Only currencies a chosen balance trades into directly on Kraken; the route is the pair each line names.
          </p>
          <Sums review={review} />
        </Panel>
        <BeforeYouPlace
          mode={review.mode}
          permission={review.permission}
          inUse={inUse}
          liveConfirmationNeeded={review.liveConfirmationNeeded}
          blockers={review.blockers}
          canPlace={review.canPlace}
          swipeLabel={`Swipe to sell ${count} ${count === 1 ? 'balance' : 'balances'} into ${review.target.code}`}
          explainer="Drag the thumb to the end, or hold Enter on it. Each order is checked by Kraken once more, then placed one at a time; the receipt follows from Kraken’s ledger."
        />
      </div>
    </div>
  );
}
