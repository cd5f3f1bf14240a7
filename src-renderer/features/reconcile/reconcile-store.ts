// The reconcile screen's state: what the main side holds (book, checkpoint, run, audit log), the live progress of
// a run, and the operator's draft decisions, which stay in the page until Apply sends them.
import { create } from 'zustand';
import type { Decision, ExportKind, ReconcileState, RunProgress, RunResult } from '../../../src-shared/contract/reconcile';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import { DecimalString } from '../../../src-shared/money';
import type { ResolutionAction } from '../../../src-shared/reconcile-guide';
import { api } from '../../api/api';
import { saveDownload } from '../../components/download';

export type Busy = 'import' | 'rebuild' | 'snapshot' | 'run' | 'apply' | 'undo' | 'export' | null;

export interface Draft {
  action: ResolutionAction;
  entryPrice: string;
  quoteCurrency: string;
  why: string;
  accepted: boolean;
}

interface ImportProblem {
  fileName: string;
  errors: string[];
}

interface ReconcileStoreState {
  state: ReconcileState | null;
  progress: RunProgress | null;
  error: AppErrorShape | null;
  importProblem: ImportProblem | null;
  busy: Busy;
  drafts: Record<string, Draft>;
  /** The run the drafts belong to. */
  draftsFor: string | null;
  note: string;
  load: () => Promise<void>;
  importFile: (file: File) => Promise<void>;
  rebuild: () => Promise<void>;
  chooseSnapshot: () => Promise<void>;
  run: (readTradeHistory?: 'when-needed' | 'always') => Promise<void>;
  apply: () => Promise<void>;
  undo: (auditId: string) => Promise<void>;
  download: (kind: ExportKind) => Promise<void>;
  editDraft: (asset: string, patch: Partial<Draft>) => void;
  acceptAllProposals: () => void;
  setNote: (note: string) => void;
  setProgress: (progress: RunProgress) => void;
}

/** A typed entry price is usable when it is a plain decimal above zero. */
export function isPriceReady(draft: Draft): boolean {
  if (draft.action !== 'enter-entry-price') return true;
  const parsed = DecimalString.safeParse(draft.entryPrice.trim());
  return parsed.success && /[1-9]/.test(parsed.data) && !parsed.data.startsWith('-') && draft.quoteCurrency !== '';
}

function draftsFor(run: RunResult | null): Record<string, Draft> {
  if (run === null) return {};
  return Object.fromEntries(
    run.guide.map((row) => [
      row.asset,
      { action: row.proposed.action, entryPrice: '', quoteCurrency: row.proposed.quoteCurrency ?? '', why: '', accepted: false },
    ]),
  );
}

function decisionOf(asset: string, draft: Draft): Decision {
  const typed = draft.action === 'enter-entry-price';
  return {
    asset,
    action: draft.action,
    ...(typed ? { entryPrice: draft.entryPrice.trim(), quoteCurrency: draft.quoteCurrency } : {}),
    ...(draft.why.trim() === '' ? {} : { why: draft.why.trim() }),
  };
}

export const useReconcileStore = create<ReconcileStoreState>((set, get) => {
  /** Takes a fresh state from the main side; drafts survive only while the run stays the same. */
  const receive = (state: ReconcileState) => {
    const runId = state.run?.id ?? null;
    if (runId === get().draftsFor) set({ state, error: null });
    else set({ state, error: null, drafts: draftsFor(state.run), draftsFor: runId, note: '' });
  };

  const attempt = async (busy: Busy, work: () => Promise<void>) => {
    set({ busy, error: null });
    try {
      await work();
    } catch (error) {
      set({ error: toAppError(error).toShape() });
    } finally {
      set({ busy: null, progress: null });
    }
  };

  return {
    state: null,
    progress: null,
    error: null,
    importProblem: null,
    busy: null,
    drafts: {},
    draftsFor: null,
    note: '',
    load: async () => {
      try {
        receive(await api['reconcile.state']({}));
      } catch (error) {
        set({ error: toAppError(error).toShape() });
      }
    },
    importFile: (file) =>
      attempt('import', async () => {
        set({ importProblem: null });
        const text = await file.text();
        const result = await api['reconcile.importPositions']({ fileName: file.name, text });
        if (result.ok) receive(result.state);
        else set({ importProblem: { fileName: file.name, errors: result.errors } });
      }),
    rebuild: () => attempt('rebuild', async () => receive(await api['reconcile.rebuildFromTrades']({}))),
    chooseSnapshot: () => attempt('snapshot', async () => receive(await api['reconcile.useSnapshot']({}))),
    run: (readTradeHistory = 'when-needed') =>
      attempt('run', async () => {
        set({ importProblem: null });
        receive(await api['reconcile.run']({ readTradeHistory }));
      }),
    apply: () =>
      attempt('apply', async () => {
        const { state, drafts, note } = get();
        const run = state?.run;
        if (!run) return;
        const fallback = draftsFor(run);
        const decisions = run.guide.flatMap((row) => {
          const draft = drafts[row.asset] ?? fallback[row.asset];
          return draft === undefined ? [] : [decisionOf(row.asset, draft)];
        });
        receive(await api['reconcile.apply']({ runId: run.id, decisions, note }));
      }),
    undo: (auditId) => attempt('undo', async () => receive(await api['reconcile.undo']({ auditId }))),
    download: (kind) =>
      attempt('export', async () => {
        saveDownload(await api['reconcile.export']({ kind }));
      }),
    editDraft: (asset, patch) => {
      const current = get().drafts[asset];
      if (!current) return;
      // changing the choice withdraws an earlier acceptance: the operator accepts what they see
      const accepted = patch.accepted ?? (Object.keys(patch).length > 0 ? false : current.accepted);
      set({ drafts: { ...get().drafts, [asset]: { ...current, ...patch, accepted } } });
    },
    acceptAllProposals: () => {
      const run = get().state?.run;
      if (!run) return;
      const drafts = { ...get().drafts };
      for (const row of run.guide) {
        const draft = drafts[row.asset];
        // rows the operator already accepted keep their choice
        if (draft === undefined || draft.accepted) continue;
        const proposal = { ...draft, action: row.proposed.action };
        drafts[row.asset] = { ...proposal, accepted: isPriceReady(proposal) };
      }
      set({ drafts });
    },
    setNote: (note) => set({ note }),
    setProgress: (progress) => {
      if (progress.phase === 'done') {
        set({ progress: null });
        // a run started before this page loaded ends here: fetch its result
        if (get().busy === null) void get().load();
        return;
      }
      set({ progress });
    },
  };
});
