import { useRef, type ChangeEvent } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Panel } from '../../components/Panel';
import { useReconcileStore } from './reconcile-store';
import { formatTime, SOURCE_WORDS } from './reconcile-words';

/** Where OC9's book comes from: an OC9 positions file, trade history, or the last reconciled snapshot. */
export function BookSourcePanel() {
  const source = useReconcileStore((s) => s.state?.source ?? null);
  const snapshot = useReconcileStore((s) => s.state?.snapshot ?? null);
  const checkpoint = useReconcileStore((s) => s.state?.checkpoint ?? null);
  const tradesKept = useReconcileStore((s) => s.state?.tradesKept ?? 0);
  const importProblem = useReconcileStore((s) => s.importProblem);
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
      <div className="book-current">
        {source === null ? (
          <p className="muted">
            No book chosen yet. Choose where OC9’s positions come from; the first choice also sets the checkpoint: Kraken’s
            balances and ledger as they are now, so later changes can be explained.
          </p>
        ) : (
          <dl className="facts-grid">
            <div>
              <dt>Source</dt>
              <dd>
                <Badge tone="accent">{SOURCE_WORDS[source.kind]}</Badge>
                {source.kind !== 'snapshot' && <span className="book-label">{source.label}</span>}
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
              <dt>Chosen</dt>
              <dd>{formatTime(source.chosenAt)}</dd>
            </div>
            <div>
              <dt>Checkpoint</dt>
              <dd>
                {checkpoint === null ? (
                  'none yet'
                ) : (
                  <>
                    {formatTime(checkpoint.at)}
                    {checkpoint.ledgerCursor && (
                      <span className="faint">
                        {' '}
                        · ledger up to <code className="refid">{checkpoint.ledgerCursor.id}</code>
                      </span>
                    )}
                  </>
                )}
              </dd>
            </div>
          </dl>
        )}
        {source !== null && source.notes.length > 0 && (
          <ul className="book-notes" aria-label="Notes from the rebuild">
            {source.notes.map((note, index) => (
              <li key={index}>
                <strong>{note.subject}</strong> {note.text}
                {note.tradeId && <code className="refid"> {note.tradeId}</code>}
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="source-choices" role="group" aria-label="Choose the book">
        <div className="source-choice">
          <h3>OC9 positions file</h3>
          <p className="muted">The JSON file OC9 keeps (version 1). It is checked entry by entry before anything changes.</p>
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
        <div className="source-choice">
          <h3>Trade history</h3>
          <p className="muted">
            Weighted average cost from Kraken’s trades, fees included.{' '}
            {tradesKept > 0 ? `${tradesKept} trades kept; only newer ones are read.` : 'The first read pages through every trade.'}
          </p>
          <Button size="sm" onClick={() => void rebuild()} disabled={locked}>
            {busy === 'rebuild' ? 'Rebuilding…' : 'Rebuild from trades'}
          </Button>
        </div>
        <div className="source-choice">
          <h3>Last snapshot</h3>
          <p className="muted">
            {snapshot === null ? 'No snapshot yet: one is saved each time you apply.' : `Applied ${formatTime(snapshot.at)}.`}
          </p>
          <Button size="sm" onClick={() => void chooseSnapshot()} disabled={locked || snapshot === null}>
            Use last snapshot
          </Button>
        </div>
      </div>

      {importProblem && (
        <div className="notice notice-error import-errors" role="alert">
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
