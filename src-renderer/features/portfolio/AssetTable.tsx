import type { PortfolioRowWire } from '../../../src-shared/portfolio';
import { dec, formatAmount, formatPercent, formatPrice } from '../../../src-shared/money';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import { VirtualRows } from '../../components/VirtualRows';
import { ClassBadge } from './ClassBadge';
import styles from './portfolio.module.css';

const ROW_HEIGHT = 48;

interface AssetTableProps {
  rows: readonly PortfolioRowWire[];
  quote: Quote;
  label: string;
}

/** The currency values are shown in. */
interface Quote {
  code: string;
  displayDecimals: number;
  decimals: number;
}

function ChangeCell({ pct }: { pct: string | null }) {
  if (pct === null) return <span className="faint">—</span>;
  const value = dec(pct);
  return <span className={`num ${value.gt(0) ? styles.up : value.lt(0) ? styles.down : ''}`}>{formatPercent(value)}</span>;
}

function AssetRow({ row, quote }: { row: PortfolioRowWire; quote: Quote }) {
  return (
    <div className={styles.assetRow} role="row">
      <div role="cell" className={styles.cellAsset}>
        <span className={styles.assetCode}>{row.code}</span>
        {row.inUse && (
          <Badge tone="warning" title="Open orders or an OC9 position use this asset: pause or close them before converting.">
            In use
          </Badge>
        )}
      </div>
      <div role="cell" className="num-cell">
        <Amount value={row.amount} decimals={row.displayDecimals} precision={row.decimals} />
        {dec(row.held).gt(0) && (
          <div className={`${styles.held} faint`} title={`${dec(row.held).toFixed(row.decimals)} held by open orders`}>
            {formatAmount(dec(row.held), row.displayDecimals)} held
          </div>
        )}
      </div>
      <div role="cell" className={`num-cell ${styles.cellPrice}`}>
        {row.price === null ? <span className="faint">no price</span> : <span className="num">{formatPrice(dec(row.price))}</span>}
      </div>
      <div role="cell" className="num-cell">
        {row.value === null ? (
          <span className="faint">no price</span>
        ) : (
          <Amount value={row.value} decimals={quote.displayDecimals} suffix={quote.code} precision={quote.decimals} />
        )}
      </div>
      <div role="cell" className={`num-cell ${styles.cellChange}`}>
        <ChangeCell pct={row.change24hPct} />
      </div>
      <div role="cell" className={styles.cellClass}>
        <ClassBadge value={row.class} />
      </div>
    </div>
  );
}

export function AssetTable({ rows, quote, label }: AssetTableProps) {
  return (
    <VirtualRows
      items={rows}
      rowHeight={ROW_HEIGHT}
      label={label}
      keyOf={(row) => row.name}
      header={
        <div className={`${styles.assetRow} ${styles.assetHead}`} role="row">
          <div role="columnheader">Asset</div>
          <div role="columnheader" className="num-cell">
            Amount
          </div>
          <div role="columnheader" className={`num-cell ${styles.cellPrice}`}>
            Price ({quote.code})
          </div>
          <div role="columnheader" className="num-cell">
            Value
          </div>
          <div role="columnheader" className={`num-cell ${styles.cellChange}`}>
            24 h
          </div>
          <div role="columnheader" className={styles.cellClass}>
            Class
          </div>
        </div>
      }
      renderRow={(row) => <AssetRow row={row} quote={quote} />}
    />
  );
}
