import { displayCode } from '../../../src-shared/assets';
import type { AuditEntry } from '../../../src-shared/contract/reconcile';
import type { AssetState, AuditChange, PriceEvidence } from '../../../src-shared/reconcile-guide';
import { Badge } from '../../components/Badge';
import { ConfirmButton } from '../../components/ConfirmButton';
import { EmptyState } from '../../components/EmptyState';
import { Panel } from '../../components/Panel';
import { useReconcileStore } from './reconcile-store';
import { formatDateTime } from '../../components/DateTime';
import { ACTION_WORDS, AUDIT_SOURCE_WORDS } from './reconcile-words';
import styles from './reconcile.module.css';

type Codes = Readonly<Record<string, { code: string }>>;

/** After an undo or a restart there is no run to name the assets: Kraken's legacy names still say USD, not ZUSD. */
function codeOf(codes: Codes, id: string): string {
  return codes[id]?.code ?? displayCode(id);
}

/** Full precision on purpose: the audit log records exactly what the book held. */
function describeState(state: AssetState | null, codes: Codes): string {
  if (state === null) return 'not in the book';
  if (state.ignoredAsDust) return `${state.quantity} ignored as dust`;
  if (state.entryPrice === null) return `${state.quantity} with no entry price`;
  const quote = state.quoteCurrency === null ? '' : ` ${codeOf(codes, state.quoteCurrency)}`;
  return `${state.quantity} at ${state.entryPrice}${quote}`;
}

/** Where an adopted price came from, as the audit log keeps it. */
function describeEvidence(evidence: PriceEvidence, codes: Codes): string {
  const quote = codeOf(codes, evidence.quoteCurrency);
  if (evidence.kind === 'trades') {
    return `Source: trade history, ${evidence.trades} ${evidence.trades === 1 ? 'trade' : 'trades'}, average ${evidence.average} ${quote}`;
  }
  return `Source: market, bid ${evidence.bid} ${quote} on ${evidence.pairs.join(' then ')} at ${formatDateTime(evidence.at)}`;
}

function ChangeLine({ change, codes }: { change: AuditChange; codes: Codes }) {
  return (
    <li>
      <span className={styles.assetCode}>{codeOf(codes, change.asset)}</span> <span className="muted">{ACTION_WORDS[change.action]}:</span>{' '}
      <span className="num">{describeState(change.from, codes)}</span> → <span className="num">{describeState(change.to, codes)}</span>
      <div className="faint small">{change.why}</div>
      {change.evidence && <div className="faint small">{describeEvidence(change.evidence, codes)}</div>}
      {change.confirmed && <div className="faint small">Confirmed: {change.confirmed}</div>}
    </li>
  );
}

function AuditItem({ entry, undoable, codes }: { entry: AuditEntry; undoable: boolean; codes: Codes }) {
  const undo = useReconcileStore((s) => s.undo);
  const busy = useReconcileStore((s) => s.busy);
  const { record } = entry;
  const count = record.changes.length;
  return (
    <li className={styles.auditItem}>
      <div className={styles.auditHead}>
        <div>
          <strong>{formatDateTime(record.at)}</strong>{' '}
          <span className="muted">
            by {record.who} · {AUDIT_SOURCE_WORDS[entry.bookKind]} ·{' '}
            {count === 0 ? 'no change to the book' : `${count} ${count === 1 ? 'change' : 'changes'}`}
          </span>{' '}
          {entry.undoneAt !== null && (
            <Badge className={styles.oneLine} tone="warning">
              Undone {formatDateTime(entry.undoneAt)}
            </Badge>
          )}
        </div>
        {undoable && (
          <ConfirmButton
            variant="danger"
            title="Undo this apply?"
            body={
              <p>
                The book and the checkpoint go back to how they were before {formatDateTime(record.at)}, reverting{' '}
                {count === 0
                  ? 'the saved snapshot'
                  : `${count} ${count === 1 ? 'change' : 'changes'} (${record.changes.map((c) => codeOf(codes, c.asset)).join(', ')})`}
                . The audit log keeps the record, marked undone. An apply can be undone only once.
              </p>
            }
            confirmLabel={count === 0 ? 'Undo the apply' : `Undo ${count} ${count === 1 ? 'change' : 'changes'}`}
            onConfirm={() => void undo(record.id)}
            disabled={busy !== null}
          >
            Undo
          </ConfirmButton>
        )}
      </div>
      {entry.note !== '' && <p className={styles.auditNote}>“{entry.note}”</p>}
      {count > 0 && (
        <ul className={styles.auditChanges} aria-label={`Changes applied ${formatDateTime(record.at)}`}>
          {record.changes.map((change) => (
            <ChangeLine key={change.asset} change={change} codes={codes} />
          ))}
        </ul>
      )}
      <p className="faint small">
        Checkpoint {entry.checkpointBefore === null ? 'none' : formatDateTime(entry.checkpointBefore.at)} →{' '}
        {formatDateTime(entry.checkpointAfter.at)} · book {record.before.positions.length} → {record.after.positions.length} positions
      </p>
    </li>
  );
}

const NO_CODES: Codes = {};

/** Every apply, newest first: before and after, when, who and why; the last one can be undone once. */
export function AuditLogPanel() {
  const audit = useReconcileStore((s) => s.state?.audit);
  const undoableId = useReconcileStore((s) => s.state?.undoableAuditId ?? null);
  const codes = useReconcileStore((s) => s.state?.run?.assets ?? NO_CODES);
  return (
    <Panel title="Audit log" labelledBy="audit-title">
      {audit === undefined || audit.length === 0 ? (
        <EmptyState title="Nothing applied yet">Each apply is recorded here with the book before and after, who, when and why.</EmptyState>
      ) : (
        <ol className="plain-list">
          {audit.map((entry) => (
            <AuditItem key={entry.record.id} entry={entry} undoable={entry.record.id === undoableId} codes={codes} />
          ))}
        </ol>
      )}
    </Panel>
  );
}
