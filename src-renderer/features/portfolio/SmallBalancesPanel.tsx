import type { PortfolioView } from '../../../src-shared/contract/portfolio';
import { dec, formatAmount } from '../../../src-shared/money';
import { fractionToPercent } from '../../../src-shared/percent';
import { SMALL_PANEL_CLASSES, type PortfolioRowWire } from '../../../src-shared/portfolio';
import { useNavigation } from '../../app/navigation';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { VirtualRows } from '../../components/VirtualRows';
import { usePortfolioStore } from './portfolio-store';
import { ClassBadge, CLASS_LABELS } from './ClassBadge';
import styles from './portfolio.module.css';

type SmallClass = (typeof SMALL_PANEL_CLASSES)[number];

function groupLine(cls: SmallClass, view: PortfolioView, proceeds: string | null): string {
  const money = (value: string): string => `${formatAmount(dec(value), view.quote.displayDecimals)} ${view.quote.code}`;
  const fee = fractionToPercent(view.feeRate);
  switch (cls) {
    case 'sweepable':
      return `Each is worth less than ${view.thresholdUsd} USD. Kraken's “Convert small balances” sweeps all of them at once into one currency (${fee} % fee, once every 24 hours)${proceeds ? `: about ${money(proceeds)} after the fee` : ''}.`;
    case 'borderline':
      return `Close to Kraken's ${view.thresholdUsd} USD line: a small price move decides whether Kraken sweeps it. Under the line it goes with the rest; over it, it stays.`;
    case 'sellable':
      return `Worth less than your small-balance limit of ${view.smallLimitUsd} USD, but above Kraken's sweep limit and within every minimum of a pair: an order can sell each one, and you choose which.`;
    case 'stranded':
      return `Worth more than ${view.thresholdUsd} USD, so Kraken will not sweep it, but below the smallest order any pair accepts. To clear it, top up to the pair's minimum, then sell.`;
    case 'unpriced':
      return 'Kraken lists no price route for these, so they are shown apart and never valued by guess.';
  }
}

function TopUpLine({ row, view }: { row: PortfolioRowWire; view: PortfolioView }) {
  if (!row.topUp) return null;
  const units = (value: string) => `${formatAmount(dec(value), Math.min(row.displayDecimals, dec(value).decimalPlaces()))} ${row.code}`;
  return (
    <span className={`faint ${styles.topup}`}>
      Top up by {units(row.topUp.amount)}
      {row.topUp.value !== null && ` (≈ ${formatAmount(dec(row.topUp.value), view.quote.displayDecimals)} ${view.quote.code})`}, the
      smallest {row.topUp.pairName} order that reaches its minimum of {units(row.topUp.minimum)}, then sell it all
    </span>
  );
}

/** A row with a top-up carries a second line, so a group with one has taller slots. */
const ROW_HEIGHT = 44;
const ROW_WITH_TOP_UP_HEIGHT = 64;

function SmallRow({ row, view }: { row: PortfolioRowWire; view: PortfolioView }) {
  const go = useNavigation((state) => state.go);
  return (
    <div className={styles.smallRow} data-asset={row.code}>
      <span className={styles.assetCode}>{row.code}</span>
      <Amount value={row.amount} decimals={Math.max(row.displayDecimals, 2)} suffix={row.code} precision={row.decimals} />
      <span className={styles.smallValue}>
        {row.value === null ? (
          <span className="faint">no price</span>
        ) : (
          <Amount value={row.value} decimals={view.quote.displayDecimals} suffix={view.quote.code} precision={view.quote.decimals} />
        )}
      </span>
      {row.class === 'borderline' && (
        <span className={row.sweptByKraken ? styles.warnText : 'faint small'}>
          {row.sweptByKraken ? 'under the line now: swept' : 'over the line now: stays'}
        </span>
      )}
      {row.inUse && <span className={styles.warnText}>in use</span>}
      {row.class === 'stranded' && row.topUp !== null && (
        <Button
          size="sm"
          variant="ghost"
          onClick={() => go('sell', { kind: 'free', asset: row.assetId })}
          aria-label={`Free ${row.code}: top up, then sell`}
        >
          Free it…
        </Button>
      )}
      <TopUpLine row={row} view={view} />
    </div>
  );
}

/** Why Kraken's sweep can take more than the dust group: borderline balances that are under the line right now. */
function SweepCountLine({ view, dust }: { view: PortfolioView; dust: number }) {
  const alsoSwept = [...view.spot, ...view.earn].filter((row) => row.class === 'borderline' && row.sweptByKraken).map((row) => row.code);
  if (view.sweep.count === 0)
    return <span className="faint">Nothing is under Kraken’s limit right now, so there is nothing to convert.</span>;
  return (
    <span className="faint">
      Kraken converts all {view.sweep.count} at once:{' '}
      {dust === view.sweep.count ? 'every dust balance' : `the ${dust} dust ${dust === 1 ? 'balance' : 'balances'}`}
      {alsoSwept.length > 0 && `, plus ${alsoSwept.join(', ')}, near the limit and under it right now`}. There is no per-asset choice.
    </span>
  );
}

export function SmallBalancesPanel({ view }: { view: PortfolioView }) {
  const open = usePortfolioStore((state) => state.panelOpen);
  const toggle = usePortfolioStore((state) => state.togglePanel);
  const go = useNavigation((state) => state.go);
  const rows = [...view.spot, ...view.earn].filter((row) => row.small);
  const groups = SMALL_PANEL_CLASSES.map((cls) => ({
    cls,
    rows: rows.filter((row) => row.class === cls),
    group: view.smallBalances.groups.find((g) => g.class === cls),
  })).filter(({ rows: members }) => members.length > 0);

  return (
    <section className={styles.smallPanel} aria-labelledby="small-balances-toggle">
      <button
        id="small-balances-toggle"
        type="button"
        className={styles.smallToggle}
        aria-expanded={open}
        aria-controls="small-balances-body"
        onClick={toggle}
      >
        <span className={`${styles.chevron} ${open ? styles.open : ''}`} aria-hidden="true">
          ▸
        </span>
        <span className={styles.smallTitle}>{open ? 'Hide small balances' : 'Show small balances'}</span>
        <span className="faint">
          {view.smallBalances.count} {view.smallBalances.count === 1 ? 'balance' : 'balances'} ·{' '}
          <Amount value={view.smallBalances.value} decimals={view.quote.displayDecimals} suffix={view.quote.code} />
        </span>
      </button>
      {open && (
        <div id="small-balances-body" className={styles.smallBody}>
          {groups.length === 0 && <p className="muted">No small balances: the account is clean.</p>}
          {groups.map(({ cls, rows: members, group }) => (
            <section key={cls} className={styles.smallGroup} aria-label={CLASS_LABELS[cls]} data-class={cls}>
              <header>
                <ClassBadge value={cls} />
                <span className="faint">
                  {members.length} ·{' '}
                  {cls === 'unpriced' ? (
                    'no price'
                  ) : (
                    <Amount value={group?.value ?? '0'} decimals={view.quote.displayDecimals} suffix={view.quote.code} />
                  )}
                </span>
              </header>
              <p className={`muted ${styles.groupLine}`}>{groupLine(cls, view, group?.proceeds ?? null)}</p>
              <VirtualRows
                role="list"
                items={members}
                rowHeight={members.some((row) => row.topUp !== null) ? ROW_WITH_TOP_UP_HEIGHT : ROW_HEIGHT}
                label={`${CLASS_LABELS[cls]} balances`}
                keyOf={(row) => row.name}
                renderRow={(row) => <SmallRow row={row} view={view} />}
              />
              {cls === 'sellable' && (
                <div className={styles.smallActions}>
                  <Button onClick={() => go('sell', { kind: 'sell', assets: members.map((row) => row.assetId) })}>
                    Sell through the API…
                  </Button>
                  <span className="faint">
                    One limit order each, reviewed and checked by Kraken before you swipe. Needs a key that may create orders.
                  </span>
                </div>
              )}
            </section>
          ))}
          <div className={styles.smallActions}>
            <Button variant="primary" disabled={view.sweep.count === 0} onClick={() => go('convert')}>
              Convert small balances
            </Button>
            <SweepCountLine view={view} dust={groups.find((g) => g.cls === 'sweepable')?.rows.length ?? 0} />
          </div>
        </div>
      )}
    </section>
  );
}
