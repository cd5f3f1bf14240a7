// One conversion proven against Kraken's ledger: what was received, the fee Kraken kept, and every small balance with
// what it became. Used for the receipt after a hand-off and for "View transaction" in History.
import { displayCode } from '../../../src-shared/assets';
import type { ReactNode } from 'react';
import type { AssetLabel } from '../../../src-shared/contract/asset-label';
import type { HistoryEntry } from '../../../src-shared/contract/history';
import { dec, formatAmount } from '../../../src-shared/money';
import { formatFractionAsPercent } from '../../../src-shared/percent';
import type { ReceiptLine, ReceiptLineStatus } from '../../../src-shared/receipt';
import { Amount } from '../../components/Amount';
import { Badge, type Tone } from '../../components/Badge';
import { Button, buttonClassName } from '../../components/Button';
import { CopyId } from '../../components/CopyId';
import { useHistoryStore } from './history-store';
import { DateTime } from '../../components/DateTime';
import styles from './receipt.module.css';
import noticeStyles from '../../components/notice.module.css';

const STATUS: Record<ReceiptLineStatus, { text: string; tone: Tone }> = {
  'as-planned': { text: 'As planned', tone: 'positive' },
  'amount-changed': { text: 'Amount changed', tone: 'warning' },
  'not-swept': { text: 'Not swept', tone: 'warning' },
  'not-expected': { text: 'Not expected', tone: 'info' },
  swept: { text: 'Swept', tone: 'neutral' },
  'other-currency': { text: 'Other currency', tone: 'warning' },
};

function labelOf(labels: readonly AssetLabel[], asset: string): AssetLabel {
  return labels.find((l) => l.assetId === asset) ?? { assetId: asset, code: displayCode(asset), displayDecimals: 8 };
}

function Figure({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** How far what landed is from the estimate, to the currency's decimals; a difference below them is no difference. */
function EstimateDifference({ difference, decimals }: { difference: string; decimals: number }) {
  const shown = formatAmount(dec(difference), decimals);
  if (dec(shown.replace(/,/g, '')).isZero()) return <span className="faint small"> · as estimated</span>;
  return (
    <span className={`small ${dec(difference).isNegative() ? 'negative-text' : 'positive-text'}`}>
      {' '}
      ({dec(difference).isNegative() ? '' : '+'}
      {shown} vs. estimate)
    </span>
  );
}

function LineRow({ line, labels, target }: { line: ReceiptLine; labels: readonly AssetLabel[]; target: AssetLabel | null }) {
  const asset = labelOf(labels, line.asset);
  const decimals = Math.max(asset.displayDecimals, 2);
  const status = STATUS[line.status];
  return (
    <tr data-asset={asset.code}>
      <th scope="row">{asset.code}</th>
      <td className="num-cell">
        {line.expectedAmount === null ? <span className="faint">—</span> : <Amount value={line.expectedAmount} decimals={decimals} />}
      </td>
      <td className="num-cell">
        {line.sweptAmount === null ? <span className="faint">—</span> : <Amount value={line.sweptAmount} decimals={decimals} />}
      </td>
      <td className="num-cell">
        {line.convertedAmount === null || target === null ? (
          <span className="faint">—</span>
        ) : (
          <Amount value={line.convertedAmount} decimals={Math.max(target.displayDecimals, 4)} suffix={target.code} />
        )}
      </td>
      <td>
        <Badge tone={status.tone}>{status.text}</Badge>
        {line.reasonText && <p className={`faint small ${styles.receiptReason}`}>{line.reasonText}</p>}
      </td>
    </tr>
  );
}

interface ReceiptViewProps {
  entry: HistoryEntry;
  /** Extra buttons (Reconcile now, Done) after the exports. */
  actions?: ReactNode;
}

/** What the ledger does not (yet) prove comes first: a credit in another currency, or no credit found yet. */
function ReceiptBanner({ entry }: { entry: HistoryEntry }) {
  const { receipt, labels } = entry;
  if (receipt.provisional) {
    return (
      <div className={`${noticeStyles.notice} ${noticeStyles.noticeWarning} ${styles.receiptBanner}`} role="status">
        <div>
          <strong>Provisional: no receive leg found yet</strong>
          <p>
            Kraken’s ledger shows the small balances leaving, but not yet what it credited for them. This receipt is corrected as soon as
            that entry appears.
          </p>
        </div>
      </div>
    );
  }
  if (receipt.plannedTarget !== null && receipt.target !== null && receipt.plannedTarget !== receipt.target) {
    const credited = labelOf(labels, receipt.target).code;
    const planned = labelOf(labels, receipt.plannedTarget).code;
    return (
      <div className={`${noticeStyles.notice} ${noticeStyles.noticeWarning} ${styles.receiptBanner}`} role="alert">
        <div>
          <strong>
            Kraken credited {credited}, not {planned} as planned
          </strong>
          <p>
            The amounts below are what Kraken credited in {credited}; the plan’s estimate in {planned} does not compare.
          </p>
        </div>
      </div>
    );
  }
  return null;
}

export function ReceiptView({ entry, actions }: ReceiptViewProps) {
  const { receipt, labels } = entry;
  const exportReceipt = useHistoryStore((state) => state.exportReceipt);
  const target = receipt.target === null ? null : labelOf(labels, receipt.target);
  const money = (value: string) => <Amount value={value} decimals={target?.displayDecimals ?? 2} suffix={target?.code ?? ''} />;
  const swept = receipt.lines.filter((line) => line.sweptAmount !== null).length;
  return (
    <div className={styles.receipt} data-testid="receipt">
      <ReceiptBanner entry={entry} />
      <dl className={`facts-grid ${styles.receiptFigures}`}>
        <Figure term="Received">
          {receipt.netReceived === null ? <span className="faint">not yet in the ledger</span> : money(receipt.netReceived)}
        </Figure>
        {receipt.estimatedTotal !== null && (
          <Figure term="Estimated">
            {money(receipt.estimatedTotal)}
            {receipt.differenceFromEstimate !== null && (
              <EstimateDifference difference={receipt.differenceFromEstimate} decimals={target?.displayDecimals ?? 2} />
            )}
          </Figure>
        )}
        <Figure term="Kraken’s fee">
          {receipt.effectiveFee === null ? <span className="faint">not priced</span> : money(receipt.effectiveFee)}
          {receipt.effectiveFeeRate !== null && <span className="faint small"> · {formatFractionAsPercent(receipt.effectiveFeeRate)}</span>}
        </Figure>
        <Figure term="Balances converted">{swept}</Figure>
        <Figure term="When">
          <DateTime ms={receipt.at} zone />
        </Figure>
        <Figure term="Ledger reference">
          <CopyId id={receipt.refid} what="ledger reference" />
        </Figure>
      </dl>
      <table className="data-table" aria-label="Converted small balances">
        <thead>
          <tr>
            <th scope="col">Asset</th>
            <th scope="col" className="num-cell">
              Planned
            </th>
            <th scope="col" className="num-cell">
              Swept
            </th>
            <th scope="col" className="num-cell">
              Converted to {target?.code ?? '—'}
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {receipt.lines.map((line) => (
            <LineRow key={line.asset} line={line} labels={labels} target={target} />
          ))}
        </tbody>
      </table>
      {receipt.notes.length > 0 && (
        <ul className={styles.receiptNotes}>
          {receipt.notes.map((note) => (
            <li key={note} className="muted small">
              {note}
            </li>
          ))}
        </ul>
      )}
      <div className={styles.receiptActions}>
        <Button size="sm" onClick={() => void exportReceipt(receipt.refid, 'csv')}>
          Export CSV
        </Button>
        <Button size="sm" onClick={() => void exportReceipt(receipt.refid, 'json')}>
          Export JSON
        </Button>
        {entry.ledgerUrl !== null && (
          <a className={buttonClassName('ghost', 'sm')} href={entry.ledgerUrl} target="_blank" rel="noopener noreferrer">
            Open Kraken’s ledger
          </a>
        )}
        <span className="spacer" />
        {actions}
      </div>
    </div>
  );
}
