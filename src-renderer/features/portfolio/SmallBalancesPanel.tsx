import type { PortfolioView } from '../../../src-shared/contract/portfolio';
import { dec, formatAmount } from '../../../src-shared/money';
import { fractionToPercent } from '../../../src-shared/percent';
import { SMALL_BALANCE_CLASSES, type PortfolioRowWire } from '../../../src-shared/portfolio';
import { useNavigation } from '../../app/navigation';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { usePortfolioStore } from './portfolio-store';
import { ClassBadge, CLASS_LABELS } from './ClassBadge';

type SmallClass = (typeof SMALL_BALANCE_CLASSES)[number];

function groupLine(cls: SmallClass, view: PortfolioView, proceeds: string | null): string {
  const money = (value: string): string => `${formatAmount(dec(value), view.quote.displayDecimals)} ${view.quote.code}`;
  const fee = fractionToPercent(view.feeRate);
  switch (cls) {
    case 'sweepable':
      return `Each is worth less than ${view.thresholdUsd} USD. Kraken's “Convert small balances” sweeps all of them at once into one currency (${fee} % fee, once every 24 hours)${proceeds ? `: about ${money(proceeds)} after the fee` : ''}.`;
    case 'borderline':
      return `Close to Kraken's ${view.thresholdUsd} USD line: a small price move decides whether Kraken sweeps it. Under the line it goes with the rest; over it, it stays.`;
    case 'stranded':
      return `Worth more than ${view.thresholdUsd} USD, so Kraken will not sweep it, but below the smallest order any pair accepts. To clear it, top up to the pair's minimum, then sell.`;
    case 'unpriced':
      return 'Kraken lists no price route for these, so they are shown apart and never valued by guess.';
  }
}

function TopUpLine({ row, view }: { row: PortfolioRowWire; view: PortfolioView }) {
  if (!row.topUp) return null;
  return (
    <span className="faint topup">
      top up {formatAmount(dec(row.topUp.amount), row.displayDecimals)} {row.code}
      {row.topUp.value !== null && ` (≈ ${formatAmount(dec(row.topUp.value), view.quote.displayDecimals)} ${view.quote.code})`} to reach the{' '}
      {row.topUp.pairId} minimum of {row.topUp.minimum}
    </span>
  );
}

export function SmallBalancesPanel({ view }: { view: PortfolioView }) {
  const open = usePortfolioStore((state) => state.panelOpen);
  const toggle = usePortfolioStore((state) => state.togglePanel);
  const go = useNavigation((state) => state.go);
  const rows = [...view.spot, ...view.earn];
  const groups = SMALL_BALANCE_CLASSES.map((cls) => ({
    cls,
    rows: rows.filter((row) => row.class === cls),
    group: view.groups.find((g) => g.class === cls),
  })).filter(({ rows: members }) => members.length > 0);

  return (
    <section className="small-panel" aria-labelledby="small-balances-toggle">
      <button
        id="small-balances-toggle"
        type="button"
        className="small-toggle"
        aria-expanded={open}
        aria-controls="small-balances-body"
        onClick={toggle}
      >
        <span className={`chevron ${open ? 'open' : ''}`} aria-hidden="true">
          ▸
        </span>
        <span className="small-title">{open ? 'Hide small balances' : 'Show small balances'}</span>
        <span className="faint">
          {view.smallBalances.count} {view.smallBalances.count === 1 ? 'balance' : 'balances'} ·{' '}
          <Amount value={view.smallBalances.value} decimals={view.quote.displayDecimals} suffix={view.quote.code} />
        </span>
      </button>
      {open && (
        <div id="small-balances-body" className="small-body">
          {groups.length === 0 && <p className="muted">No small balances: the account is clean.</p>}
          {groups.map(({ cls, rows: members, group }) => (
            <section key={cls} className="small-group" aria-label={CLASS_LABELS[cls]} data-class={cls}>
              <header>
                <ClassBadge value={cls} />
                <span className="faint">
                  {members.length} · <Amount value={group?.value ?? '0'} decimals={view.quote.displayDecimals} suffix={view.quote.code} />
                </span>
              </header>
              <p className="muted group-line">{groupLine(cls, view, group?.proceeds ?? null)}</p>
              <ul>
                {members.map((row) => (
                  <li key={row.name} data-asset={row.code}>
                    <span className="asset-code">{row.code}</span>
                    <Amount value={row.amount} decimals={Math.max(row.displayDecimals, 2)} suffix={row.code} />
                    <span className="small-value">
                      {row.value === null ? <span className="faint">no price</span> : <Amount value={row.value} decimals={view.quote.displayDecimals} suffix={view.quote.code} />}
                    </span>
                    {row.inUse && <span className="warn-text">in use</span>}
                    <TopUpLine row={row} view={view} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <div className="small-actions">
            <Button variant="primary" disabled={view.sweep.count === 0} onClick={() => go('convert')}>
              Convert small balances
            </Button>
            <span className="faint">Kraken converts every eligible balance at once; there is no per-asset choice.</span>
          </div>
        </div>
      )}
    </section>
  );
}
