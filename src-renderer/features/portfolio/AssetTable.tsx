import type { PortfolioRowWire } from '../../../src-shared/portfolio';
import { dec, formatAmount, formatPercent, formatPrice } from '../../../src-shared/money';
import { Amount } from '../../components/Amount';
import { Badge } from '../../components/Badge';
import { VirtualRows } from '../../components/VirtualRows';
import { ClassBadge } from './ClassBadge';

const ROW_HEIGHT = 48;

interface AssetTableProps {
  rows: readonly PortfolioRowWire[];
  quoteCode: string;
  quoteDecimals: number;
  label: string;
  height?: number;
}

function ChangeCell({ pct }: { pct: string | null }) {
  if (pct === null) return <span className="faint">—</span>;
  const value = dec(pct);
  return <span className={`num ${value.gt(0) ? 'up' : value.lt(0) ? 'down' : ''}`}>{formatPercent(value)}</span>;
}

function AssetRow({ row, quoteCode, quoteDecimals }: { row: PortfolioRowWire; quoteCode: string; quoteDecimals: number }) {
  return (
    <div className="asset-row" role="row">
      <div role="cell" className="cell-asset">
        <span className="asset-code">{row.code}</span>
        {row.inUse && (
          <Badge tone="warning" title="Open orders or an OC9 position use this asset: pause or close them before converting.">
            In use
          </Badge>
        )}
      </div>
      <div role="cell" className="cell-num">
        <Amount value={row.amount} decimals={row.displayDecimals} />
        {dec(row.held).gt(0) && (
          <div className="held faint" title={`${row.held} held by open orders`}>
            {formatAmount(dec(row.held), row.displayDecimals)} held
          </div>
        )}
      </div>
      <div role="cell" className="cell-num" title={row.price ?? undefined}>
        {row.price === null ? <span className="faint">no price</span> : <span className="num">{formatPrice(dec(row.price))}</span>}
      </div>
      <div role="cell" className="cell-num">
        {row.value === null ? <span className="faint">—</span> : <Amount value={row.value} decimals={quoteDecimals} suffix={quoteCode} />}
      </div>
      <div role="cell" className="cell-num">
        <ChangeCell pct={row.change24hPct} />
      </div>
      <div role="cell" className="cell-class">
        <ClassBadge value={row.class} />
      </div>
    </div>
  );
}

export function AssetTable({ rows, quoteCode, quoteDecimals, label, height = 520 }: AssetTableProps) {
  return (
    <VirtualRows
      items={rows}
      rowHeight={ROW_HEIGHT}
      height={height}
      label={label}
      header={
        <div className="asset-row asset-head" role="row">
          <div role="columnheader">Asset</div>
          <div role="columnheader" className="cell-num">Amount</div>
          <div role="columnheader" className="cell-num">Price ({quoteCode})</div>
          <div role="columnheader" className="cell-num">Value</div>
          <div role="columnheader" className="cell-num">24 h</div>
          <div role="columnheader" className="cell-class">Class</div>
        </div>
      }
      renderRow={(row) => <AssetRow row={row} quoteCode={quoteCode} quoteDecimals={quoteDecimals} />}
    />
  );
}
