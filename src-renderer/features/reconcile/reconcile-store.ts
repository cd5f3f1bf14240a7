// The reconcile screen's state: what the main side holds (book, checkpoint, run, audit log), the live progress of
// a run, and the operator's draft decisions, which stay in the page until Apply sends them.
import { create } from 'zustand';
import type { Decision, ExportKind, ReconcileState, RunProgress, RunResult, TradesLookup } from '../../../src-shared/contract/reconcile';
import { toAppError, type AppErrorShape } from '../../../src-shared/errors';
import { readDecimalInput, type DecimalRule } from '../../../src-shared/decimal-input';
import type { GuideRow, ResolutionAction } from '../../../src-shared/reconcile-guide';
import type { ApiClient } from '../../api/api';
import { storeHook } from '../../app/store-context';
import { saveDownload } from '../../components/download';

export type Busy = 'import' | 'rebuild' | 'snapshot' | 'run' | 'apply' | 'undo' | 'export' | null;

export interface Draft {
  action: ResolutionAction;
  entryPrice: string;
  quoteCurrency: string;
  why: string;
  /** The operator ticked the chosen option's confirmation (ignoring a balance worth more than dust). */
  confirmed: boolean;
  accepted: boolean;
}

interface ImportProblem {
  fileName: string;
  errors: string[];
}

/** A version 1 file waits for the operator to say when OC9 wrote it. */
export interface MomentRequest {
  fileName: string;
  text: string;
  /** ISO, the file's modification time, proposed as the answer. */
  proposedAsOf: string | null;
  why: string;
}

interface ReconcileStoreState {
  state: ReconcileState | null;
  progress: RunProgress | null;
  error: AppErrorShape | null;
  importProblem: ImportProblem | null;
  momentRequest: MomentRequest | null;
  busy: Busy;
  drafts: Record<string, Draft>;
  /** The run the drafts belong to. */
  draftsFor: string | null;
  note: string;
  load: () => Promise<void>;
  importFile: (file: File) => Promise<void>;
  /** Imports the waiting version 1 file as true at `asOf` (ISO with a zone). */
  importAtMoment: (asOf: string) => Promise<void>;
  cancelMoment: () => void;
  lookUpTrades: () => Promise<void>;
  setTradesLookup: (lookup: TradesLookup) => void;
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

export const ENTRY_PRICE_RULE: DecimalRule = { what: 'The entry price', example: '64000.50', min: '0', aboveMin: true };

/** A typed entry price as the operator meant it ("1,20" is 1.20), or what is wrong with it. */
export function readEntryPrice(draft: Draft) {
  return readDecimalInput(draft.entryPrice, ENTRY_PRICE_RULE);
}

/** A typed entry price is usable when it reads as a number above zero, in a chosen currency. */
export function isPriceReady(draft: Draft): boolean {
  if (draft.action !== 'enter-entry-price') return true;
  return readEntryPrice(draft).ok && draft.quoteCurrency !== '';
}

/** The option the draft chose, as the guide offered it. */
export function chosenOption(row: GuideRow, draft: Draft) {
  return [row.proposed, ...row.alternatives].find((o) => o.action === draft.action) ?? row.proposed;
}

/** A draft can be accepted once its price is typed and its confirmation (if the choice asks one) is ticked. */
export function isDraftReady(row: GuideRow, draft: Draft): boolean {
  return isPriceReady(draft) && (chosenOption(row, draft).confirmation === null || draft.confirmed);
}

function draftsFor(run: RunResult | null): Record<string, Draft> {
  if (run === null) return {};
  return Object.fromEntries(
    run.guide.map((row) => [
      row.asset,
      {
        action: row.proposed.action,
        entryPrice: '',
        quoteCurrency: row.proposed.quoteCurrency ?? '',
        why: '',
        confirmed: false,
        accepted: false,
      },
    ]),
  );
}

function decisionOf(asset: string, draft: Draft): Decision {
  const price = readEntryPrice(draft);
  const typed = draft.action === 'enter-entry-price';
  return {
    asset,
    action: draft.action,
    ...(typed ? { entryPrice: price.ok ? price.value : draft.entryPrice.trim(), quoteCurrency: draft.quoteCurrency } : {}),
    ...(draft.why.trim() === '' ? {} : { why: draft.why.trim() }),
    ...(draft.confirmed ? { confirmed: true } : {}),
  };
}

export function createReconcileStore(api: ApiClient) {
  return create<ReconcileStoreState>()((set, get) => {
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
      momentRequest: null,
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
          set({ importProblem: null, momentRequest: null });
          const text = await file.text();
          const result = await api['reconcile.importPositions']({ fileName: file.name, text, fileModifiedAt: file.lastModified });
          if (result.outcome === 'imported') receive(result.state);
          else if (result.outcome === 'invalid') set({ importProblem: { fileName: file.name, errors: result.errors } });
          else set({ momentRequest: { fileName: file.name, text, proposedAsOf: result.proposedAsOf, why: result.why } });
        }),
      importAtMoment: (asOf) =>
        attempt('import', async () => {
          const request = get().momentRequest;
          if (!request) return;
          set({ importProblem: null });
          const result = await api['reconcile.importPositions']({ fileName: request.fileName, text: request.text, asOf });
          if (result.outcome === 'imported') {
            set({ momentRequest: null });
            receive(result.state);
          } else if (result.outcome === 'invalid') {
            // the operator's answer stays on screen to correct
            set({ importProblem: { fileName: request.fileName, errors: result.errors } });
          }
        }),
      cancelMoment: () => set({ momentRequest: null }),
      lookUpTrades: async () => {
        try {
          receive(await api['reconcile.lookUpTrades']({}));
        } catch (error) {
          set({ error: toAppError(error).toShape() });
        }
      },
      setTradesLookup: (lookup) => {
        const state = get().state;
        if (state) set({ state: { ...state, tradesLookup: lookup } });
        // the guide gains the averages when the look-up ends: take the run again, drafts kept
        if (lookup.status !== 'reading') void get().load();
      },
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
          drafts[row.asset] = { ...proposal, accepted: isDraftReady(row, proposal) };
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
}

export type ReconcileStore = ReturnType<typeof createReconcileStore>;

export const useReconcileStore = storeHook((stores) => stores.reconcile);
