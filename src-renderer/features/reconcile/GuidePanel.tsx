import { displayCode } from '../../../src-shared/assets';
import type { RunResult, TradesLookup } from '../../../src-shared/contract/reconcile';
import type { GuideRow, PriceEvidence, Resolution } from '../../../src-shared/reconcile-guide';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Panel } from '../../components/Panel';
import { Amount } from '../../components/Amount';
import { formatDateTime } from '../../components/DateTime';
import { NumberField } from '../../components/NumberField';
import { SweepLine, sweepsOf } from './SweepLine';
import { chosenOption, isDraftReady, readEntryPrice, useReconcileStore, type Draft } from './reconcile-store';
import { ACTION_WORDS, QUOTE_CHOICES, STATUS_ORDER, STATUS_WORDS } from './reconcile-words';
import styles from './reconcile.module.css';
import noticeStyles from '../../components/notice.module.css';

type Shown = RunResult['assets'];

function code(assets: Shown, id: string | null): string {
  return id === null ? '' : (assets[id]?.code ?? displayCode(id));
}

function Outcome({ option, asset, assets }: { option: Resolution; asset: string; assets: Shown }) {
  const quantity =
    option.quantity === null ? null : (
      <Amount value={option.quantity} decimals={assets[asset]?.displayDecimals ?? 8} suffix={code(assets, asset)} />
    );
  const price =
    option.entryPrice === null || option.quoteCurrency === null ? null : (
      <Amount
        value={option.entryPrice}
        decimals={assets[option.quoteCurrency]?.displayDecimals ?? 2}
        suffix={code(assets, option.quoteCurrency)}
      />
    );
  switch (option.action) {
    case 'close-record':
      return <>The book drops {code(assets, asset)}.</>;
    case 'mark-as-dust':
      return <>The book ignores {quantity} as dust until the balance changes.</>;
    case 'enter-entry-price':
      return <>The book holds {quantity} at the price you type.</>;
    case 'accept-exchange-quantity':
      return price === null ? (
        <>The book keeps ignoring {quantity} as dust.</>
      ) : (
        <>
          The book holds {quantity} at {price}.
        </>
      );
    case 'adopt-trades-entry-price':
      return (
        <>
          The book holds {quantity} at {price}, from trade history.
        </>
      );
    case 'adopt-market-price':
      return (
        <>
          The book holds {quantity} at {price}, the market’s price now.
        </>
      );
  }
}

/** Where an offered price comes from: the trades behind an average, or the bid with its pair and time. */
function Evidence({ evidence, assets }: { evidence: PriceEvidence; assets: Shown }) {
  const price = (
    <Amount
      value={evidence.kind === 'trades' ? evidence.average : evidence.bid}
      decimals={assets[evidence.quoteCurrency]?.displayDecimals ?? 2}
      suffix={code(assets, evidence.quoteCurrency)}
    />
  );
  if (evidence.kind === 'trades') {
    return (
      <span className={`${styles.guideEvidence} faint small`}>
        {evidence.trades} {evidence.trades === 1 ? 'trade' : 'trades'}, average {price}
      </span>
    );
  }
  return (
    <span className={`${styles.guideEvidence} faint small`}>
      Bid {price} on {evidence.pairs.join(' then ')}, {formatDateTime(evidence.at)}
    </span>
  );
}

/** The label of an option; taking Kraken's smaller quantity after a sweep reduces the record. */
function optionTitle(option: Resolution, row: GuideRow): string {
  if (
    option.action === 'accept-exchange-quantity' &&
    row.status === 'changed-explained' &&
    option.quantity !== null &&
    row.summary.startsWith('Swept by')
  ) {
    return 'Reduce the record to Kraken’s quantity';
  }
  return ACTION_WORDS[option.action];
}

/** Trade history for an orphan's entry price: read in the background, its progress and result on the card. */
function TradesLookupLine({ row, run, lookup, name }: { row: GuideRow; run: RunResult; lookup: TradesLookup | null; name: string }) {
  const lookUp = useReconcileStore((s) => s.lookUpTrades);
  const basis = run.trades.byAsset[row.asset];
  if (run.trades.read) {
    return basis === undefined ? (
      <p className={`${styles.orphanHint} small`}>No {name} trades in your history, so there is no average to adopt.</p>
    ) : (
      <p className={`${styles.orphanHint} small`}>
        Trade history: {basis.trades} {basis.trades === 1 ? 'trade' : 'trades'}, average{' '}
        <Amount
          value={basis.average}
          decimals={run.assets[basis.quoteCurrency]?.displayDecimals ?? 2}
          suffix={code(run.assets, basis.quoteCurrency)}
        />
        .
      </p>
    );
  }
  if (lookup?.status === 'reading') {
    return (
      <p className={`${styles.orphanHint} ${styles.orphanHintReading} small`} role="status">
        <span className="spinner" aria-hidden="true" />
        <span>
          Reading trade history: page {lookup.pages}, {lookup.records.toLocaleString()}
          {lookup.total !== null && ` of ${lookup.total.toLocaleString()}`} trades
          {lookup.waitMs !== null && lookup.waitMs > 0 && ' · waiting for Kraken’s rate limit'}. You can decide the other rows meanwhile.
        </span>
      </p>
    );
  }
  return (
    <div className={`${styles.orphanHint} small`}>
      <p>
        {lookup?.status === 'failed'
          ? `Trade history could not be read: ${lookup.error?.message ?? 'unknown error'}`
          : `Trade history can give ${name} an entry price (weighted average, fees included). The look-up runs in the background.`}
      </p>
      <Button size="sm" onClick={() => void lookUp()}>
        {lookup?.status === 'failed' ? 'Try the look-up again' : 'Look up in trade history'}
      </Button>
    </div>
  );
}

interface GuideRowProps {
  row: GuideRow;
  draft: Draft;
  run: RunResult;
  locked: boolean;
}

function GuideRowView({ row, draft, run, locked }: GuideRowProps) {
  const editDraft = useReconcileStore((s) => s.editDraft);
  const lookup = useReconcileStore((s) => s.state?.tradesLookup ?? null);
  const { assets } = run;
  const options = [row.proposed, ...row.alternatives];
  const chosen = chosenOption(row, draft);
  const price = readEntryPrice(draft);
  // a message once something is typed: an empty field is simply not done yet
  const priceError = draft.entryPrice.trim() === '' || price.ok ? null : price.message;
  const name = code(assets, row.asset);
  const status = STATUS_WORDS[row.status];
  const fieldId = `guide-${row.asset.replace(/[^A-Za-z0-9]/g, '-')}`;
  const reportRow = run.report.rows.find((r) => r.asset === row.asset);
  const sweeps = reportRow === undefined ? [] : sweepsOf(reportRow);
  return (
    <li className={`${styles.guideRow} ${draft.accepted ? styles.guideRowAccepted : ''}`} aria-labelledby={`${fieldId}-title`}>
      <div className={styles.guideRowHead}>
        <h3 id={`${fieldId}-title`}>
          {name}{' '}
          <Badge className={styles.oneLine} tone={status.tone}>
            {status.label}
          </Badge>
        </h3>
        {sweeps.length === 0 ? (
          <p className="muted small">{row.summary}</p>
        ) : (
          <div className="muted small">
            {sweeps.map((group) => (
              <SweepLine key={group.refid} group={group} receipt={run.receipts.includes(group.refid)} />
            ))}
          </div>
        )}
        {row.status === 'orphan' && <TradesLookupLine row={row} run={run} lookup={lookup} name={name} />}
      </div>
      <div className={styles.guideRowBody}>
        <fieldset className={styles.guideOptions} disabled={locked}>
          <legend className="visually-hidden">Resolution for {name}</legend>
          {options.map((option) => (
            <label
              key={option.action}
              className={`${styles.guideOption} ${option.action === draft.action ? styles.guideOptionChosen : ''}`}
            >
              <input
                type="radio"
                name={`${fieldId}-action`}
                value={option.action}
                checked={option.action === draft.action}
                onChange={() =>
                  editDraft(row.asset, {
                    action: option.action,
                    quoteCurrency: option.quoteCurrency ?? draft.quoteCurrency,
                    confirmed: false,
                  })
                }
              />
              <span className={styles.guideOptionText}>
                <span className={styles.guideOptionTitle}>
                  {optionTitle(option, row)}
                  {option === row.proposed && (
                    <Badge className={styles.oneLine} tone="accent">
                      Proposed
                    </Badge>
                  )}
                </span>
                <span className={styles.guideOptionOutcome}>
                  <Outcome option={option} asset={row.asset} assets={assets} />
                </span>
                {option.evidence !== null && <Evidence evidence={option.evidence} assets={assets} />}
              </span>
            </label>
          ))}
        </fieldset>
        <p className={`faint small ${styles.guideWhy}`}>{chosen.why}</p>
        {chosen.confirmation !== null && (
          <label className={styles.guideConfirm}>
            <input
              type="checkbox"
              checked={draft.confirmed}
              onChange={(e) => editDraft(row.asset, { confirmed: e.target.checked })}
              disabled={locked}
            />
            <span>{chosen.confirmation}</span>
          </label>
        )}
        <div className={styles.guideRowEdit}>
          {chosen.action === 'enter-entry-price' && (
            <>
              <NumberField
                className={styles.field}
                label={`Entry price per ${name}`}
                placeholder="e.g. 64000.50"
                value={draft.entryPrice}
                error={priceError}
                onChange={(entryPrice) => editDraft(row.asset, { entryPrice })}
                disabled={locked}
              />
              <label className={styles.field}>
                <span>In</span>
                <select
                  value={draft.quoteCurrency}
                  onChange={(e) => editDraft(row.asset, { quoteCurrency: e.target.value })}
                  disabled={locked}
                >
                  <option value="">Choose…</option>
                  {[...new Set([...(chosen.quoteCurrency ? [chosen.quoteCurrency] : []), ...QUOTE_CHOICES])].map((id) => (
                    <option key={id} value={id}>
                      {code(assets, id) === id ? id.replace(/^Z(?=[A-Z]{3}$)/, '') : code(assets, id)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
        </div>
        <details className={styles.guideReason} open={draft.why !== '' || undefined}>
          <summary>Add your reason</summary>
          <label className={styles.field}>
            <span>Your reason for {name} (kept in the audit log instead of the guide’s)</span>
            <input value={draft.why} maxLength={500} onChange={(e) => editDraft(row.asset, { why: e.target.value })} disabled={locked} />
          </label>
        </details>
      </div>
      <div className={styles.guideRowAccept}>
        <Button
          variant={draft.accepted ? 'primary' : 'secondary'}
          size="sm"
          aria-pressed={draft.accepted}
          aria-label={`Accept for ${name}`}
          disabled={locked || !isDraftReady(row, draft)}
          onClick={() => editDraft(row.asset, { accepted: !draft.accepted })}
        >
          {draft.accepted ? '✓ Accepted' : 'Accept'}
        </Button>
      </div>
    </li>
  );
}

/** Rows that need a real decision first (drift, missing, orphans), then explained changes; by name within. */
function byAttention(run: RunResult): GuideRow[] {
  return [...run.guide].sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || code(run.assets, a.asset).localeCompare(code(run.assets, b.asset)),
  );
}

/** One row per asset that needs attention; nothing is written until Apply, and every row needs a decision. */
export function GuidePanel({ run, undoable }: { run: RunResult; undoable: boolean }) {
  const drafts = useReconcileStore((s) => s.drafts);
  const note = useReconcileStore((s) => s.note);
  const busy = useReconcileStore((s) => s.busy);
  const setNote = useReconcileStore((s) => s.setNote);
  const apply = useReconcileStore((s) => s.apply);
  const undo = useReconcileStore((s) => s.undo);
  const acceptAllProposals = useReconcileStore((s) => s.acceptAllProposals);
  const lookUpTrades = useReconcileStore((s) => s.lookUpTrades);
  const lookupReading = useReconcileStore((s) => s.state?.tradesLookup?.status === 'reading');
  const locked = busy !== null;
  const accepted = run.guide.filter((row) => drafts[row.asset]?.accepted === true).length;
  const total = run.guide.length;

  if (run.appliedAuditId !== null) {
    return (
      <Panel title="Guide" labelledBy="guide-title">
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeInfo}`} role="status">
          <div>
            <strong>Applied.</strong>
            <p>The new book and checkpoint are saved, and the audit log has the record. Run Reconcile again to check.</p>
          </div>
          {undoable && (
            <ConfirmButton
              variant="danger"
              title="Undo this apply?"
              body={
                <p>
                  The book and the checkpoint go back to how they were before it, reverting{' '}
                  {run.guide.length === 0 ? 'the saved snapshot' : `${run.guide.length} ${run.guide.length === 1 ? 'change' : 'changes'}`}.
                  The audit log keeps the record, marked undone. An apply can be undone only once.
                </p>
              }
              confirmLabel={
                run.guide.length === 0 ? 'Undo the apply' : `Undo ${run.guide.length} ${run.guide.length === 1 ? 'change' : 'changes'}`
              }
              onConfirm={() => void undo(run.appliedAuditId ?? '')}
              disabled={locked}
            >
              Undo this apply
            </ConfirmButton>
          )}
        </div>
      </Panel>
    );
  }

  const couldUseTrades = !run.trades.read && !lookupReading && run.guide.some((row) => row.status === 'drift' || row.status === 'missing');
  return (
    <Panel
      title="Guide"
      labelledBy="guide-title"
      actions={
        total > 0 && (
          <Button size="sm" variant="ghost" onClick={acceptAllProposals} disabled={locked || accepted === total}>
            Accept all proposals
          </Button>
        )
      }
    >
      {total === 0 ? (
        <p className="muted">
          Nothing to resolve: the book matches Kraken. Saving writes this book as the snapshot and moves the checkpoint here, so the next
          run reads only newer ledger entries.
        </p>
      ) : (
        <>
          <p className={`muted ${styles.guideIntro}`}>
            Choose how to resolve each row, then accept it. Nothing is written until you apply.
            {couldUseTrades && (
              <>
                {' '}
                Entry prices from trade history were not read for this run.{' '}
                <button type="button" className="link-button" onClick={() => void lookUpTrades()} disabled={locked}>
                  Look them up
                </button>
              </>
            )}
          </p>
          <ol className="plain-list">
            {byAttention(run).map((row) => {
              const draft = drafts[row.asset];
              return draft ? <GuideRowView key={row.asset} row={row} draft={draft} run={run} locked={locked} /> : null;
            })}
          </ol>
        </>
      )}
      <div className={styles.applyBar}>
        <label className={`${styles.field} ${styles.fieldGrow}`}>
          <span>Why (for the audit log)</span>
          <input
            value={note}
            maxLength={500}
            placeholder="e.g. Converted small balances on Kraken"
            onChange={(e) => setNote(e.target.value)}
            disabled={locked}
          />
        </label>
        <div className={styles.applyActions}>
          {total > 0 && (
            <span className="muted small" role="status">
              {accepted} of {total} accepted
            </span>
          )}
          <Button variant="primary" onClick={() => void apply()} disabled={locked || accepted < total}>
            {busy === 'apply' ? 'Applying…' : total === 0 ? 'Save snapshot' : `Apply ${total} ${total === 1 ? 'decision' : 'decisions'}`}
          </Button>
        </div>
      </div>
    </Panel>
  );
}
