import { useState, type ReactNode, type UIEvent } from 'react';
import './virtual-rows.css';

interface VirtualRowsProps<T> {
  items: readonly T[];
  rowHeight: number;
  /** The visible height; rows beyond it are not rendered until scrolled to. */
  height: number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  header: ReactNode;
}

const OVERSCAN = 8;

/** A fixed-row-height window over a long list: 1,000 rows cost the same to paint as 20. */
export function VirtualRows<T>({ items, rowHeight, height, renderRow, label, header }: VirtualRowsProps<T>) {
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + OVERSCAN);
  const viewport = Math.min(height, items.length * rowHeight);
  return (
    <div className="vrows" role="table" aria-label={label} aria-rowcount={items.length + 1}>
      <div role="rowgroup" className="vrows-head">
        {header}
      </div>
      <div
        className="vrows-viewport"
        role="rowgroup"
        style={{ height: viewport }}
        onScroll={(event: UIEvent<HTMLDivElement>) => setScrollTop(event.currentTarget.scrollTop)}
        tabIndex={items.length * rowHeight > height ? 0 : undefined}
      >
        <div style={{ height: items.length * rowHeight, position: 'relative' }}>
          {items.slice(first, last).map((item, offset) => (
            <div key={first + offset} className="vrows-slot" style={{ top: (first + offset) * rowHeight, height: rowHeight }}>
              {renderRow(item, first + offset)}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
