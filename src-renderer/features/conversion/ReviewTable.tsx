// Every balance Kraken will sweep, with its value and what it should bring after the fee, in the chosen currency.
import type { ConversionReview } from '../../../src-shared/contract/conversion';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import styles from './conversion.module.css';

export function ReviewTable({ review }: { review: ConversionReview }) {
  const { target } = review;
  const money = (value: string) => <Amount value={value} decimals={Math.max(target.displayDecimals, 2)} suffix={target.code} />;
  return (
    <table className={`data-table ${styles.reviewTable}`} aria-label="Balances Kraken will convert">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" className="num-cell">
            Amount
          </th>
          <th scope="col" className="num-cell">
            Value
          </th>
          <th scope="col" className="num-cell">
            After Kraken’s fee
          </th>
        </tr>
      </thead>
      <tbody>
        {review.items.map((item) => (
          <tr key={item.asset.assetId} data-asset={item.asset.code}>
            <th scope="row">
              {item.asset.code}
              {item.inUse && (
                <>
                  {' '}
                  <Badge tone="warning">in use</Badge>
                </>
              )}
              {item.borderline && (
                <>
                  {' '}
                  <Badge tone="info">near the limit</Badge>
                </>
              )}
            </th>
            <td className="num-cell">
              <Amount value={item.amount} decimals={Math.max(item.asset.displayDecimals, 2)} />
            </td>
            <td className="num-cell">{money(item.value)}</td>
            <td className="num-cell">{money(item.estimatedProceeds)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td />
          <td className="num-cell">{money(review.totalValue)}</td>
          <td className="num-cell" data-testid="estimated-total">
            {money(review.estimatedTotal)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
