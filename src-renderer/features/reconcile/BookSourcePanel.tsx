import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useIntent, useNavigation } from '../../app/navigation';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { useReconcileStore, type MomentRequest } from './reconcile-store';
import { formatDateTime } from '../../components/DateTime';
import { SOURCE_WORDS } from './reconcile-words';
import styles from './reconcile.module.css';
import noticeStyles from '../../components/notice.module.css';
import copyIdStyles from '../../components/copy-id.module.css';

/** A moment as `<input type="datetime-local">` writes it: local time, to the second. */
function toLocalInput(iso: string | null): string {
  if (iso === null) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A version 1 file never said when OC9 wrote it: ask, proposing the file's own time, and say why it matters. */
function MomentPrompt({ request }: { request: MomentRequest }) {
  const importAtMoment = useReconcileStore((s) => s.importAtMoment);
  const cancelMoment = useReconcileStore((s) => s.cancelMoment);
  const busy = useReconcileStore((s) => s.busy);
  const [value, setValue] = useState(() => toLocalInput(request.proposedAsOf));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const at = new Date(value);
    if (value === '' || Number.isNaN(at.getTime())) {
      setProblem('Give the date and time OC9 wrote the file, such as 4 Dec 2026, 09:15.');
      return;
    }
    setProblem(null);
    void importAtMoment(at.toISOString());
  };
  return (
    <form
      className={`${styles.momentPrompt} ${noticeStyles.notice} ${noticeStyles.noticeInfo}`}
      onSubmit={submit}
      aria-labelledby="moment-title"
    >
      <div>
        <strong id="moment-title">When did OC9 write {request.fileName}?</strong>
        <p>{request.why}</p>
        <div className={styles.momentFields}>
          <label className={styles.field}>
            <span>Written at ({ZONE})</span>
            <input
              type="datetime-local"
              step={1}
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={problem !== null}
              aria-describedby="moment-help"
            />
          </label>
          <Button type="submit" variant="primary" size="sm" disabled={busy !== null}>
            {busy === 'import' ? 'Importing…' : 'Import as of this moment'}
          </Button>
          <Button size="sm" variant="ghost" onClick={cancelMoment} disabled={busy !== null}>
            Cancel
          </Button>
        </div>
        <p
          id="moment-help"
          className={problem === null ? 'faint small' : 'negative-text small'}
          role={problem === null ? undefined : 'alert'}
        >
          {problem ??
            (request.proposedAsOf === null ? 'The file’s time is not known; type it.' : 'Proposed: the file’s last modification time.')}
        </p>
      </div>
    </form>
  );
}

/** Opened from the conversion review to load the book: once there is one, the way back. */
function ReturnToReview() {
  const intent = useIntent('load-book');
  const go = useNavigation((s) => s.go);
  const hasBook = useReconcileStore((s) => (s.state?.source ?? null) !== null);
  if (intent === null) return null;
  return (
    <div
      className={`${noticeStyles.notice} ${hasBook ? noticeStyles.noticeInfo : noticeStyles.noticeWarning} ${styles.returnToReview}`}
      role="status"
    >
      <div>
        <strong>{hasBook ? 'OC9’s book is loaded.' : 'Load OC9’s book, then go back to the conversion.'}</strong>
        <p>
          {hasBook
            ? 'Reconcile can now explain the conversion. Go back to the review to finish it.'
            : 'Import OC9’s positions file below, or rebuild the book from trade history.'}
        </p>
      </div>
      <Button size="sm" variant={hasBook ? 'primary' : 'secondary'} onClick={() => go(intent.returnTo)}>
        Back to the conversion review
      </Button>
    </div>
  );
}

/** Where OC9's book comes from: an OC9 positions file, trade history, or the last reconciled snapshot. */
export function BookSourcePanel() {
  const source = useReconcileStore((s) => s.state?.source ?? null);
  const snapshot = useReconcileStore((s) => s.state?.snapshot ?? null);
  const checkpoint = useReconcileStore((s) => s.state?.checkpoint ?? null);
  const tradesKept = useReconcileStore((s) => s.state?.tradesKept ?? 0);
  const importProblem = useReconcileStore((s) => s.importProblem);
  const momentRequest = useReconcileStore((s) => s.momentRequest);
  const busy = useReconcileStore((s) => s.busy);
  const running = useReconcileStore((s) => s.state?.running !== null && s.state?.running !== undefined);
  const importFile = useReconcileStore((s) => s.importFile);
  const rebuild = useReconcileStore((s) => s.rebuild);
  const chooseSnapshot = useReconcileStore((s) => s.chooseSnapshot);
  const fileInput = useRef<HTMLInputElement>(null);
  const locked = busy !== null || running;

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // reset so choosing the same file again (after fixing it) fires again
    event.target.value = '';
    if (file) void importFile(file);
  };

  return (
    <Panel title="OC9’s book" labelledBy="book-source-title">
      <ReturnToReview />
      <div className={styles.bookCurrent}>
        {source === null ? (
          <p className="muted">
            No book chosen yet. Choose where OC9’s positions come from. Each book says when it was true, and Reconcile compares it with
            Kraken as it was at that moment, so every change since can be explained.
          </p>
        ) : (
          <dl className="facts-grid">
            <div>
              <dt>Source</dt>
              <dd>
                <Badge className={styles.oneLine} tone="accent">
                  {SOURCE_WORDS[source.kind]}
                </Badge>
                {source.kind !== 'snapshot' && <span className={styles.bookLabel}>{source.label}</span>}
              </dd>
            </div>
            <div>
              <dt>Holds</dt>
              <dd>
                {source.book.positions.length} {source.book.positions.length === 1 ? 'position' : 'positions'},{' '}
                {source.book.ignoredDust.length} ignored dust
              </dd>
            </div>
            <div>
              <dt>True as of</dt>
              <dd>{formatDateTime(source.asOf ?? checkpoint?.at ?? source.chosenAt)}</dd>
            </div>
            <div>
              <dt>Checkpoint</dt>
              <dd>
                {checkpoint === null ? (
                  'none yet'
                ) : (
                  <>
                    Kraken as of {formatDateTime(checkpoint.at)}
                    {checkpoint.ledgerCursor && (
                      <span className="faint">
                        {' '}
                        · ledger up to <code className={copyIdStyles.refid}>{checkpoint.ledgerCursor.id}</code>
                      </span>
                    )}
                  </>
                )}
              </dd>
            </div>
          </dl>
        )}
        {source !== null && source.notes.length > 0 && (
          <ul className={styles.bookNotes} aria-label="Notes from the rebuild">
            {source.notes.map((note, index) => (
              <li key={index}>
                <strong>{note.subject}</strong> {note.text}
                {note.tradeId && <code className={copyIdStyles.refid}> {note.tradeId}</code>}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={styles.sourceChoices} role="group" aria-label="Choose the book">
        <div className={styles.sourceChoice}>
          <h3>OC9 positions file</h3>
          <p className="muted">
            The JSON file OC9 writes (version 2 says when; for version 1 you are asked). It is checked entry by entry before anything
            changes.
          </p>
          <input
            ref={fileInput}
            id="positions-file-input"
            className="visually-hidden"
            type="file"
            accept=".json,application/json"
            aria-label="OC9 positions file"
            onChange={onFile}
            disabled={locked}
          />
          <Button variant="primary" size="sm" onClick={() => fileInput.current?.click()} disabled={locked}>
            {busy === 'import' ? 'Importing…' : 'Import positions file…'}
          </Button>
        </div>
        <div className={styles.sourceChoice}>
          <h3>Trade history</h3>
          <p className="muted">
            Weighted average cost from Kraken’s trades, fees included.{' '}
            {tradesKept > 0 ? `${tradesKept} trades kept; only newer ones are read.` : 'The first read pages through every trade.'}
          </p>
          <Button size="sm" onClick={() => void rebuild()} disabled={locked}>
            {busy === 'rebuild' ? 'Rebuilding…' : 'Rebuild from trades'}
          </Button>
        </div>
        <div className={styles.sourceChoice}>
          <h3>Last snapshot</h3>
          <p className="muted">
            {snapshot === null ? 'No snapshot yet: one is saved each time you apply.' : `Applied ${formatDateTime(snapshot.at)}.`}
          </p>
          <Button size="sm" onClick={() => void chooseSnapshot()} disabled={locked || snapshot === null}>
            Use last snapshot
          </Button>
        </div>
      </div>

      {momentRequest && <MomentPrompt key={`${momentRequest.fileName}-${momentRequest.proposedAsOf ?? ''}`} request={momentRequest} />}
      {importProblem && (
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeError} ${styles.importErrors}`} role="alert">
          <div>
            <strong>{importProblem.fileName} was not imported. Nothing was changed.</strong>
            <p>Fix these entries in the file, then import it again:</p>
            <ul>
              {importProblem.errors.map((error) => (
                <li key={error}>
                  <code>{error}</code>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Panel>
  );
}
