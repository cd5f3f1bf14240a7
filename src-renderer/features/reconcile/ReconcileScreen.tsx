import { useEffect } from 'react';
import { ScreenHeader } from '../../app/ScreenHeader';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useStores } from '../../app/store-context';
import { AuditLogPanel } from './AuditLogPanel';
import { BookSourcePanel } from './BookSourcePanel';
import { GuidePanel } from './GuidePanel';
import { ResultsPanel } from './ResultsPanel';
import { RunProgressPanel } from './RunProgressPanel';
import { TolerancesPanel } from './TolerancesPanel';
import { useReconcileStore, type Busy } from './reconcile-store';
import { CHECKPOINT_STEPS, REBUILD_STEPS, RUN_STEPS, type PhaseStep } from './reconcile-words';
import styles from './reconcile.module.css';
import screenStyles from '../../components/screen.module.css';
import noticeStyles from '../../components/notice.module.css';

function progressView(busy: Busy): { title: string; steps: readonly PhaseStep[] } {
  if (busy === 'rebuild') return { title: 'Rebuilding the book from trade history', steps: REBUILD_STEPS };
  if (busy === 'import' || busy === 'snapshot') return { title: 'Taking the checkpoint', steps: CHECKPOINT_STEPS };
  return { title: 'Reconciling with Kraken', steps: RUN_STEPS };
}

function ExportButtons() {
  const download = useReconcileStore((s) => s.download);
  const busy = useReconcileStore((s) => s.busy);
  const hasBook = useReconcileStore((s) => (s.state?.source ?? s.state?.snapshot ?? null) !== null);
  const hasRun = useReconcileStore((s) => (s.state?.run ?? null) !== null);
  // a disabled export says why: no book to write yet, or no run since the last change (an undo clears it)
  const why = !hasBook ? 'Choose OC9’s book to export it.' : !hasRun ? 'Run Reconcile to export its report.' : null;
  return (
    <div className={styles.exportButtons} role="group" aria-label="Export" aria-describedby={why === null ? undefined : 'export-why'}>
      <span className="faint small">Export</span>
      <Button size="sm" variant="ghost" onClick={() => void download('positions-file')} disabled={!hasBook || busy !== null}>
        Positions file
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void download('report-csv')} disabled={!hasRun || busy !== null}>
        Report CSV
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void download('report-json')} disabled={!hasRun || busy !== null}>
        Report JSON
      </Button>
      {why !== null && (
        <span id="export-why" className={`faint small ${styles.exportWhy}`}>
          {why}
        </span>
      )}
    </div>
  );
}

export function ReconcileScreen() {
  const state = useReconcileStore((s) => s.state);
  const progress = useReconcileStore((s) => s.progress);
  const busy = useReconcileStore((s) => s.busy);
  const error = useReconcileStore((s) => s.error);
  const load = useReconcileStore((s) => s.load);
  const run = useReconcileStore((s) => s.run);
  const setProgress = useReconcileStore((s) => s.setProgress);
  const setTradesLookup = useReconcileStore((s) => s.setTradesLookup);

  const stores = useStores();
  useEffect(() => stores.api.subscribe('reconcile.progress', setProgress), [stores, setProgress]);
  useEffect(() => stores.api.subscribe('reconcile.tradesLookup', setTradesLookup), [stores, setTradesLookup]);
  useEffect(() => {
    // Portfolio's and a receipt's "Reconcile now" open this screen to run at once
    const { intent, clearIntent } = stores.navigation.getState();
    const runNow = intent?.kind === 'run-reconcile';
    if (runNow) clearIntent();
    void load().then(() => {
      const { state: loaded, busy: current } = stores.reconcile.getState();
      if (runNow && loaded?.source && loaded.running === null && current === null) void run();
    });
  }, [stores, load, run]);

  // a run started before this page loaded shows the progress the main side reported last
  const liveProgress = progress ?? (busy === null ? (state?.running ?? null) : null);
  const view = progressView(busy);
  const canRun = state?.source !== null && state?.source !== undefined;

  return (
    <div className={screenStyles.screen}>
      <ScreenHeader
        title="Reconcile"
        subtitle="Compare OC9’s book with Kraken and its ledger, explain every difference, and update the book only as you decide."
        actions={
          <div className={styles.reconcileActions}>
            <ExportButtons />
            <div className={styles.runAction}>
              <Button
                variant="primary"
                onClick={() => void run()}
                disabled={!canRun || busy !== null || (state?.running ?? null) !== null}
                aria-describedby={canRun ? undefined : 'run-why'}
              >
                {busy === 'run' ? 'Reconciling…' : 'Reconcile'}
              </Button>
              {!canRun && state !== null && (
                <span id="run-why" className="faint small">
                  Choose OC9’s book first
                </span>
              )}
            </div>
          </div>
        }
      />
      {state?.storeProblems.map((problem) => (
        <div key={problem} className={`${noticeStyles.notice} ${noticeStyles.noticeWarning}`} role="alert">
          <div>
            <strong>A saved reconcile file was set aside</strong>
            <p>{problem}</p>
          </div>
        </div>
      ))}
      {error && <ErrorNotice error={error} />}
      <BookSourcePanel />
      {liveProgress && <RunProgressPanel progress={liveProgress} title={view.title} steps={view.steps} />}
      {state?.run ? (
        <>
          <ResultsPanel run={state.run} />
          <GuidePanel run={state.run} undoable={state.undoableAuditId !== null && state.undoableAuditId === state.run.appliedAuditId} />
        </>
      ) : (
        canRun &&
        !liveProgress && (
          <EmptyState
            title="Ready to reconcile"
            action={
              <Button variant="primary" onClick={() => void run()} disabled={busy !== null}>
                Reconcile now
              </Button>
            }
          >
            A run reads only the ledger entries new since the checkpoint, then Kraken’s balances and open orders, and explains every
            difference between them and the book. Nothing changes until you apply.
          </EmptyState>
        )
      )}
      <AuditLogPanel />
      <TolerancesPanel />
    </div>
  );
}
