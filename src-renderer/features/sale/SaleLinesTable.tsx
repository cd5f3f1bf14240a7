// Every small balance an order can sell, each one a choice: for a chosen one, the order Kraken checked (pair, volume
// in its lots, a limit at the bid on its tick grid), what lands after the taker fee, and what rounding leaves behind.
import type { SaleReview, SaleLineView } from '../../../src-shared/contract/sale';
import { dec } from '../../../src-shared/money';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import { ExactAmount } from './ExactAmount';
import { OrderCheck } from './OrderCheck';
import styles from './sale.module.css';

function LineCells({ line, review }: { line: SaleLineView; review: SaleReview }) {
  const quote = line.pair?.quote ?? review.target;
  if (line.pair === null || line.sell === null) {
    return (
      <td colSpan={3} className={styles.saleProblem}>
        {line.problem}
      </td>
    );
  }
  const feePercent = review.takerFeePercent[line.pair.id];
  return (
    <>
      <td>
        <span>
          Sell <ExactAmount value={line.sell.volume} suffix={line.asset.code} />
        </span>
        <span className="faint small">
          at <ExactAmount value={line.sell.price} suffix={quote.code} /> on {line.pair.name}
        </span>
        <span className="faint small" data-testid="leftover">
          {dec(line.leftover ?? '0').isZero() ? (
            'Nothing stays behind'
          ) : (
            <>
              <ExactAmount value={line.leftover ?? '0'} suffix={line.asset.code} /> stays behind (below the lot size)
            </>
          )}
        </span>
      </td>
      <td className="num-cell">
        <Amount value={line.proceeds ?? '0'} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} precision={8} />
        <span className="faint small">
          after fee <Amount value={line.sell.fee} decimals={Math.max(quote.displayDecimals, 2)} precision={8} />
          {feePercent !== undefined && ` (${dec(feePercent).toFixed()} %)`}
        </span>
      </td>
      <td>
        {line.problem === null ? (
          <OrderCheck validation={line.sell.validation} />
        ) : (
          <span className="negative-text small">{line.problem}</span>
        )}
      </td>
    </>
  );
}

/** `chosen` is the operator's choice as it stands (it shows at once); the lines follow when Kraken has checked them. */
export function SaleLinesTable({
  review,
  chosen,
  disabled,
  onChoose,
}: {
  review: SaleReview;
  chosen: readonly string[];
  disabled: boolean;
  onChoose: (asset: string, on: boolean) => void;
}) {
  return (
    <table className={`data-table ${styles.saleTable}`} aria-label="Small balances an order can sell">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col">Order</th>
          <th scope="col" className="num-cell">
            You receive
          </th>
          <th scope="col">Kraken’s check</th>
        </tr>
      </thead>
      <tbody>
        {review.candidates.map((candidate) => {
          const isChosen = chosen.includes(candidate.asset.assetId);
          const line = isChosen ? review.lines.find((l) => l.asset.assetId === candidate.asset.assetId) : undefined;
          return (
            <tr key={candidate.asset.assetId} data-asset={candidate.asset.code} className={isChosen ? '' : styles.notChosen}>
              <th scope="row">
                <label className={styles.choose}>
                  <input
                    type="checkbox"
                    checked={isChosen}
                    disabled={disabled}
                    onChange={(event) => onChoose(candidate.asset.assetId, event.target.checked)}
                    aria-label={`Sell ${candidate.asset.code}`}
                  />
                  <span>
                    <span>
                      {candidate.asset.code}
                      {line !== undefined && (line.inUse.position || line.inUse.openOrders) && (
                        <>
                          {' '}
                          <Badge tone="warning" className={styles.oneLine}>
                            in use
                          </Badge>
                        </>
                      )}
                    </span>
                    {line !== undefined && (
                      <span className="faint small">
                        <ExactAmount value={line.available} />
                      </span>
                    )}
                    {candidate.value !== null && (
                      <span className="faint small">
                        ≈{' '}
                        <Amount
                          value={candidate.value}
                          decimals={Math.max(review.valueIn.displayDecimals, 2)}
                          suffix={review.valueIn.code}
                        />
                      </span>
                    )}
                  </span>
                </label>
              </th>
              {line === undefined ? (
                <td colSpan={3} className="faint small">
                  Not chosen: it stays as it is.
                </td>
              ) : (
                <LineCells line={line} review={review} />
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
