// Kraken's answer to an order sent with `validate=true`, in a few words: accepted, refused in its own words with what
// that means, or not sent (and why).
import type { Validation } from '../../../src-shared/contract/sale';
import { Badge } from '../../components/Badge';
import styles from './sale.module.css';

export function OrderCheck({ validation }: { validation: Validation }) {
  switch (validation.status) {
    case 'accepted':
      return (
        <Badge tone="positive" className={styles.checkBadge} title={`Kraken read it as: ${validation.order}`}>
          Kraken accepts it
        </Badge>
      );
    case 'refused':
      return (
        <span className={styles.orderCheckRefused}>
          <Badge tone="negative">Kraken refuses it</Badge>
          <span className="small">
            <code>{validation.krakenError}</code> {validation.reason}
          </span>
        </span>
      );
    case 'not-sent':
      return <span className="faint small">{validation.reason}</span>;
  }
}
