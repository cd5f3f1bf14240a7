import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMainPane } from './main-pane';
import styles from './virtual-rows.module.css';

interface VirtualRowsProps<T> {
  items: readonly T[];
  /** Every row's height; rows are laid out in one column of equal slots. */
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  keyOf: (item: T, index: number) => string;
  label: string;
  /** A table header row; omitted for a plain list. */
  header?: ReactNode;
  role?: 'table' | 'list';
}

const OVERSCAN = 10;

/** Where `element` starts inside the pane's scrolled content. */
function offsetIn(pane: HTMLElement, element: HTMLElement): number {
  return element.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
}

/**
 * A long list rendered only where the main pane shows it: it scrolls with the page (never inside it), and 5,000 rows
 * cost about what 20 do.
 */
export function VirtualRows<T>({ items, rowHeight, renderRow, keyOf, label, header, role = 'table' }: VirtualRowsProps<T>) {
  const pane = useMainPane();
  const body = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  // content above the list grows and shrinks (a panel opens, a notice appears): follow where the list starts
  useLayoutEffect(() => {
    const list = body.current;
    if (pane === null || list === null) return undefined;
    const measure = () => setMargin(offsetIn(pane, list));
    measure();
    const observer = new ResizeObserver(measure);
    if (pane.firstElementChild) observer.observe(pane.firstElementChild);
    return () => observer.disconnect();
  }, [pane]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => pane,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    scrollMargin: margin,
    getItemKey: (index) => {
      const item = items[index];
      return item === undefined ? index : keyOf(item, index);
    },
  });
  const rowRole = role === 'table' ? undefined : 'listitem';
  return (
    <div role={role} aria-label={label} {...(role === 'table' ? { 'aria-rowcount': items.length + 1 } : {})}>
      {header !== undefined && <div role="rowgroup">{header}</div>}
      <div
        ref={body}
        role={role === 'table' ? 'rowgroup' : undefined}
        className={styles.vrowsBody}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          return (
            <div
              key={row.key}
              className={styles.vrowsSlot}
              role={rowRole}
              style={{ height: rowHeight, transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)` }}
            >
              {renderRow(item, row.index)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
