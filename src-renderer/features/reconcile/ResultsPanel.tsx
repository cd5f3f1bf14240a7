import { useState } from 'react';
import { displayCode } from '../../../src-shared/assets';
import type { RunResult } from '../../../src-shared/contract/reconcile';
import { dec } from '../../../src-shared/money';
import { fractionToPercent } from '../../../src-shared/percent';
import type {
  ActivityGroup,
  IntegrityCheck,
  IntegrityStatus,
  NonPosition,
  ReconcileRow,
  ReconcileStatus,
} from '../../../src-shared/reconcile';
import { Badge } from '../../components/Badge';
import { Panel } from '../../components/Panel';
import { Amount } from '../../components/Amount';
import { CopyId } from '../../components/CopyId';
import { SweepLine, sweepsOf } from './SweepLine';
import { formatDateTime } from '../../components/DateTime';
import { GROUP_WORDS, INTEGRITY_WORDS, STATUS_ORDER, STATUS_WORDS } from './reconcile-words';
import styles from './reconcile.module.css';
import noticeStyles from '../../components/notice.module.css';

// the row's edge marks what needs a look: drifts and missing rows in the warning colour, orphans in the accent
const STATUS_CLASS: Partial<Record<ReconcileStatus, string>> = {
  drift: styles.resultDrift,
  missing: styles.resultMissing,
  orphan: styles.resultOrphan,
};
const PROOF_CLASS: Record<IntegrityStatus, string | undefined> = {
  pass: styles.proofPass,
  fail: styles.proofFail,
  unchecked: styles.proofUnchecked,
};

type Shown = RunResult['assets'];

function codeOf(assets: Shown, id: string): string {
  return assets[id]?.code ?? displayCode(id);
}

function decimalsOf(assets: Shown, id: string): number {
  return assets[id]?.displayDecimals ?? 8;
}

function GroupLine({ group, assets, asset }: { group: ActivityGroup; assets: Shown; asset: string }) {
  return (
    <li className={styles.groupLine}>
      <Badge className={styles.oneLine} tone="neutral">
        {GROUP_WORDS[group.kind]}
      </Badge>
      <Amount value={group.change} decimals={decimalsOf(assets, asset)} signed />
      <CopyId id={group.refid} what="ledger reference" />
    </li>
  );
}

function Explanation({ row, run }: { row: ReconcileRow; run: RunResult }) {
  const { assets } = run;
  const explaining = row.explanation?.groups ?? [];
  const named = new Set(explaining.map((g) => g.refid));
  const otherActivity = row.activity.filter((g) => !named.has(g.refid));
  const sweeps = sweepsOf(row);
  const difference = dec(row.difference).isNegative() ? 'less' : 'more';
  return (
    <div className={styles.explanation}>
      {sweeps.length === 0 ? (
        <p>{row.detail}</p>
      ) : (
        <>
          {sweeps.map((g) => (
            <SweepLine key={g.refid} group={g} receipt={run.receipts.includes(g.refid)} />
          ))}
          <p className="faint small">
            Kraken holds <Amount value={dec(row.difference).abs().toFixed()} decimals={decimalsOf(assets, row.asset)} /> {difference} than
            the book.
          </p>
        </>
      )}
      {explaining.length > 0 && (
        <ul className={styles.groupList} aria-label={`Ledger groups explaining ${codeOf(assets, row.asset)}`}>
          {explaining.map((g) => (
            <GroupLine key={g.refid} group={g} assets={assets} asset={row.asset} />
          ))}
        </ul>
      )}
      {otherActivity.length > 0 && (
        <details className={styles.otherActivity}>
          <summary>
            {explaining.length > 0 ? 'Other ledger activity' : 'Ledger activity'} ({otherActivity.length})
          </summary>
          <ul className={styles.groupList}>
            {otherActivity.map((g) => (
              <GroupLine key={g.refid} group={g} assets={assets} asset={row.asset} />
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function ResultRow({ row, run }: { row: ReconcileRow; run: RunResult }) {
  const { assets } = run;
  const status = STATUS_WORDS[row.status];
  const integrity = INTEGRITY_WORDS[row.integrity];
  const decimals = decimalsOf(assets, row.asset);
  const orders = run.openOrders[row.asset] ?? 0;
  const parts = row.exchangeParts.filter((p) => p.asset !== row.asset || row.exchangeParts.length > 1);
  return (
    <tr className={`${styles.resultRow} ${STATUS_CLASS[row.status] ?? ''}`} data-asset={codeOf(assets, row.asset)} data-status={row.status}>
      <th scope="row">
        <span className={styles.assetCode}>{codeOf(assets, row.asset)}</span>
        {codeOf(assets, row.asset) !== row.asset && <span className={`faint ${styles.assetId}`}> {row.asset}</span>}
        <div className={styles.assetFlags}>
          {row.ignoredAsDust && <Badge className={styles.oneLine}>Ignored dust</Badge>}
          {orders > 0 && (
            <Badge className={styles.oneLine} tone="warning">
              {orders === 1 ? '1 open order' : `${orders} open orders`}
            </Badge>
          )}
        </div>
      </th>
      <td className={styles.cellStatus} data-label="Status">
        <Badge className={styles.oneLine} tone={status.tone} title={status.hint}>
          {status.label}
        </Badge>
        <div
          className={`${styles.proof} ${PROOF_CLASS[row.integrity]}`}
          title="Σ (amount − fee) of the ledger since the checkpoint against the balance change"
        >
          {integrity.label}
        </div>
      </td>
      <td className="num-cell" data-label="Book">
        {row.bookQuantity === null ? <span className="faint">not in book</span> : <Amount value={row.bookQuantity} decimals={decimals} />}
        <div className="faint small">
          {row.entryPrice !== null && row.quoteCurrency !== null ? (
            <>
              at{' '}
              <Amount value={row.entryPrice} decimals={decimalsOf(assets, row.quoteCurrency)} suffix={codeOf(assets, row.quoteCurrency)} />
            </>
          ) : row.bookQuantity !== null && !row.ignoredAsDust ? (
            'no entry price'
          ) : null}
        </div>
      </td>
      <td className="num-cell" data-label="Kraken">
        <Amount value={row.exchangeQuantity} decimals={decimals} />
        {parts.length > 0 && (
          <div className="faint small">
            {parts.map((p) => (
              <span key={p.asset} className={styles.part}>
                {codeOf(assets, p.asset)} <Amount value={p.quantity} decimals={decimalsOf(assets, p.asset)} />
              </span>
            ))}
          </div>
        )}
      </td>
      <td className="num-cell" data-label="Difference">
        <Amount value={row.difference} decimals={decimals} signed />
      </td>
      <td className={styles.cellExplanation}>
        <Explanation row={row} run={run} />
      </td>
    </tr>
  );
}

function IntegritySection({ checks, assets }: { checks: readonly IntegrityCheck[]; assets: Shown }) {
  const failed = checks.filter((c) => c.status === 'fail');
  const proven = checks.filter((c) => c.status === 'pass').length;
  return (
    <section className={styles.integrity} aria-labelledby="integrity-title">
      <h3 id="integrity-title">Ledger proof</h3>
      {failed.length === 0 ? (
        <p className="muted">
          For {proven} {proven === 1 ? 'asset' : 'assets'}, the sum of amount − fee of every ledger entry since the checkpoint equals the
          change of Kraken’s balance.
        </p>
      ) : (
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeError}`} role="alert">
          <div>
            <strong>
              The ledger does not add up for {failed.map((c) => codeOf(assets, c.asset)).join(', ')}. Do not apply until this is understood:
              run Reconcile again, and check these entries on Kraken.
            </strong>
            <ul>
              {failed.flatMap((c) =>
                c.problems.map((problem) => (
                  <li key={`${c.asset}-${problem}`}>
                    {codeOf(assets, c.asset)}: {problem}
                  </li>
                )),
              )}
            </ul>
          </div>
        </div>
      )}
      <details>
        <summary>Per asset ({checks.length})</summary>
        <table className="data-table data-table-compact">
          <thead>
            <tr>
              <th scope="col">Asset</th>
              <th scope="col">At checkpoint</th>
              <th scope="col">Ledger change</th>
              <th scope="col">Now</th>
              <th scope="col">Proof</th>
            </tr>
          </thead>
          <tbody>
            {checks.map((c) => (
              <tr key={c.asset}>
                <th scope="row">{codeOf(assets, c.asset)}</th>
                <td className="num-cell">
                  {c.startBalance === null ? '—' : <Amount value={c.startBalance} decimals={decimalsOf(assets, c.asset)} />}
                </td>
                <td className="num-cell">
                  <Amount value={c.ledgerChange} decimals={decimalsOf(assets, c.asset)} signed />
                </td>
                <td className="num-cell">
                  <Amount value={c.endBalance} decimals={decimalsOf(assets, c.asset)} />
                </td>
                <td>
                  <Badge className={styles.oneLine} tone={INTEGRITY_WORDS[c.status].tone}>
                    {INTEGRITY_WORDS[c.status].label}
                  </Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

const NON_POSITION_WORDS: Record<NonPosition['kind'], string> = {
  cash: 'Cash: what positions are priced in',
  'fee-credit': 'Kraken fee credits: spent on trading fees',
};

/** Cash and fee credits are not positions, so never orphans: listed as what they are. */
function NonPositions({ items, assets }: { items: readonly NonPosition[]; assets: Shown }) {
  if (items.length === 0) return null;
  return (
    <section className={styles.nonPositions} aria-labelledby="non-positions-title">
      <h3 id="non-positions-title">Not positions</h3>
      <ul className="plain-list">
        {items.map((item) => (
          <li key={item.asset}>
            <span className={styles.assetCode}>{codeOf(assets, item.asset)}</span>{' '}
            <Amount value={item.quantity} decimals={decimalsOf(assets, item.asset)} />{' '}
            <span className="faint small">· {NON_POSITION_WORDS[item.kind]}</span>
            {!dec(item.ledgerChange).isZero() && (
              <span className="faint small">
                {' '}
                · <Amount value={item.ledgerChange} decimals={decimalsOf(assets, item.asset)} signed /> since the checkpoint
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One status per asset, the ledger groups that explain each change, and the ledger's own proof. */
export function ResultsPanel({ run }: { run: RunResult }) {
  const [onlyAttention, setOnlyAttention] = useState(false);
  const rows = [...run.report.rows].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      codeOf(run.assets, a.asset).localeCompare(codeOf(run.assets, b.asset)),
  );
  const shownRows = onlyAttention ? rows.filter((r) => r.status !== 'in-sync') : rows;
  const counts = STATUS_ORDER.map((status) => ({ status, count: rows.filter((r) => r.status === status).length })).filter(
    (c) => c.count > 0,
  );
  const { sync, report } = run;
  return (
    <Panel
      title="Results"
      labelledBy="results-title"
      actions={
        <label className={styles.inlineCheck}>
          <input type="checkbox" checked={onlyAttention} onChange={(e) => setOnlyAttention(e.target.checked)} />
          Only rows that need attention
        </label>
      }
    >
      <div className={styles.resultsSummary}>
        <ul className={styles.statusCounts} aria-label="Statuses">
          {counts.map(({ status, count }) => (
            <li key={status}>
              <Badge className={styles.oneLine} tone={STATUS_WORDS[status].tone}>
                {count} {STATUS_WORDS[status].label}
              </Badge>
            </li>
          ))}
        </ul>
        <p className="faint small">
          Run {formatDateTime(run.at)} · book: {run.bookKind === 'snapshot' ? 'last reconciled snapshot' : run.bookLabel} · ledger:{' '}
          {sync.newEntries} new {sync.newEntries === 1 ? 'entry' : 'entries'} on {sync.pages} {sync.pages === 1 ? 'page' : 'pages'} (
          {sync.entriesSinceCheckpoint} since the checkpoint
          {sync.fromCheckpointAt === null ? '' : ` of ${formatDateTime(sync.fromCheckpointAt)}`}),{' '}
          {sync.rateWaits === 0 ? 'no rate-limit wait' : `${sync.rateWaits} rate-limit waits (${(sync.rateWaitMs / 1000).toFixed(1)} s)`}.
          Tolerances: {report.tolerances.absolute} units, {fractionToPercent(report.tolerances.relative)} % of the quantity, or{' '}
          {report.tolerances.value} USD.
        </p>
        {run.trades.problem && <p className="small warning-text">{run.trades.problem}</p>}
      </div>
      {shownRows.length === 0 ? (
        <p className="muted">Every asset is in sync.</p>
      ) : (
        <div>
          <table className={`data-table ${styles.resultsTable}`}>
            <colgroup>
              <col className={styles.colAsset} />
              <col className={styles.colStatus} />
              <col className={styles.colNum} />
              <col className={styles.colNum} />
              <col className={styles.colNum} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Status · ledger proof</th>
                <th scope="col" className="num-cell">
                  Book
                </th>
                <th scope="col" className="num-cell">
                  Kraken
                </th>
                <th scope="col" className="num-cell">
                  Difference
                </th>
                <th scope="col">Explanation</th>
              </tr>
            </thead>
            <tbody>
              {shownRows.map((row) => (
                <ResultRow key={row.asset} row={row} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NonPositions items={report.nonPositions} assets={run.assets} />
      <IntegritySection checks={report.integrity} assets={run.assets} />
    </Panel>
  );
}
