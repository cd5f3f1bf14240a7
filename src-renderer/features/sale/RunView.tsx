// One run of orders as it happens and after: every order with its client id, Kraken's order id and what came of it;
// what the run waits for; why it stopped; and the receipt proven against Kraken's ledger.
import type { ReactNode } from 'react';
import { displayCode } from '../../../src-shared/assets';
import type { AssetLabel } from '../../../src-shared/contract/asset-label';
import type { SaleRun, SaleStep, StepStatus } from '../../../src-shared/contract/sale';
import { Amount } from '../../components/Amount';
import { Badge, type Tone } from '../../components/Badge';
import { CopyId } from '../../components/CopyId';
import { DateTime } from '../../components/DateTime';
import { ExactAmount } from './ExactAmount';
import styles from './sale.module.css';
import noticeStyles from '../../components/notice.module.css';

const STEP: Record<StepStatus, { text: string; tone: Tone }> = {
  planned: { text: 'Waiting its turn', tone: 'neutral' },
  placed: { text: 'Placed', tone: 'info' },
  filled: { text: 'Filled', tone: 'positive' },
  'partly-filled': { text: 'Filled in part', tone: 'warning' },
  'not-filled': { text: 'Not filled', tone: 'warning' },
  refused: { text: 'Refused by Kraken', tone: 'negative' },
  skipped: { text: 'Not placed', tone: 'neutral' },
};

export const RUN_STATUS: Record<SaleRun['status'], { text: string; tone: Tone }> = {
  running: { text: 'Placing orders', tone: 'info' },
  done: { text: 'Done', tone: 'positive' },
  stopped: { text: 'Stopped', tone: 'warning' },
};

function labelOf(run: SaleRun, asset: string): AssetLabel {
  return run.labels.find((l) => l.assetId === asset) ?? { assetId: asset, code: displayCode(asset), displayDecimals: 8 };
}

function Step({ step, run }: { step: SaleStep; run: SaleRun }) {
  const asset = labelOf(run, step.asset);
  const quote = labelOf(run, step.quote);
  const money = (value: string) => <Amount value={value} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} precision={8} />;
  const status = STEP[step.status];
  const traded = step.status === 'filled' || step.status === 'partly-filled';
  return (
    <li className={styles.orderStep} data-testid="order-step" data-status={step.status} data-asset={asset.code}>
      <div className={styles.orderStepHead}>
        <strong>
          {step.side === 'buy' ? 'Buy' : 'Sell'} <ExactAmount value={step.volume} suffix={asset.code} /> at{' '}
          <ExactAmount value={step.price} suffix={quote.code} />
        </strong>
        <span className="faint small">{step.pairName} · limit, immediate-or-cancel</span>
        <Badge tone={status.tone} className={styles.orderStepBadge}>
          {status.text}
        </Badge>
      </div>
      {traded && (
        <span className="small">
          Filled <ExactAmount value={step.filled} suffix={asset.code} /> for {money(step.cost)}, fee {money(step.fee)}
        </span>
      )}
      {step.krakenMessage !== null && <span className="small muted">Kraken: {step.krakenMessage}</span>}
      <span className={`${styles.runIds} faint small`}>
        client id <code>{step.clOrdId}</code>
        {step.txid !== null && (
          <>
            {' '}
            · order <CopyId id={step.txid} what="order id" />
          </>
        )}
        {step.at !== null && (
          <>
            {' '}
            · <DateTime ms={step.at} />
          </>
        )}
      </span>
    </li>
  );
}

function Receipt({ run }: { run: SaleRun }) {
  if (run.receipt === null || run.receipt.length === 0) return null;
  return (
    <table className="data-table" aria-label="Receipt">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" className="num-cell">
            Bought
          </th>
          <th scope="col" className="num-cell">
            Sold
          </th>
          <th scope="col" className="num-cell">
            Fees
          </th>
          <th scope="col" className="num-cell">
            Received, net
          </th>
          <th scope="col" className="num-cell">
            Left in balance
          </th>
          <th scope="col">Ledger</th>
        </tr>
      </thead>
      <tbody>
        {run.receipt.map((line) => {
          const asset = labelOf(run, line.asset);
          const quote = labelOf(run, line.quote);
          const money = (value: string) => (
            <Amount value={value} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} precision={8} signed />
          );
          return (
            <tr key={line.asset} data-asset={asset.code}>
              <th scope="row">{asset.code}</th>
              <td className="num-cell">
                <ExactAmount value={line.bought} />
              </td>
              <td className="num-cell">
                <ExactAmount value={line.sold} />
              </td>
              <td className="num-cell">
                <Amount value={line.fee} decimals={Math.max(quote.displayDecimals, 2)} suffix={quote.code} precision={8} />
              </td>
              <td className="num-cell">{money(line.proceeds)}</td>
              <td className="num-cell">
                <ExactAmount value={line.leftover} suffix={asset.code} />
              </td>
              <td>
                <Badge tone={line.matched ? 'positive' : 'warning'} className={styles.oneLine} title={line.ledgerIds.join(', ')}>
                  {line.matched ? `Matches ${line.ledgerIds.length} ledger entries` : 'Does not match the orders'}
                </Badge>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function RunView({ run, actions }: { run: SaleRun; actions?: ReactNode }) {
  const status = RUN_STATUS[run.status];
  return (
    <div className={styles.runView} data-testid="sale-run" data-status={run.status}>
      <p className={`${styles.runMeta} small muted`}>
        <Badge tone={status.tone}>{status.text}</Badge> {run.kind === 'free' ? 'Top-up, then sale' : 'Sale'} placed{' '}
        <DateTime ms={run.createdAt} /> by {run.who} on the {run.mode === 'live' ? 'live' : 'demo'} account
      </p>
      {run.waiting !== null && (
        <p className={`${noticeStyles.notice} ${noticeStyles.noticeWarning} small`} role="status">
          {run.waiting}
        </p>
      )}
      {run.stopReason !== null && (
        <p className={`${noticeStyles.notice} ${noticeStyles.noticeWarning}`} role="alert">
          {run.stopReason}
        </p>
      )}
      <ol className={styles.orderSteps}>
        {run.steps.map((step) => (
          <Step key={step.clOrdId} step={step} run={run} />
        ))}
      </ol>
      <Receipt run={run} />
      {actions !== undefined && <div className={styles.runActions}>{actions}</div>}
    </div>
  );
}
