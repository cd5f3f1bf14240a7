// Kraken as it was at a book's moment: the checkpoint Reconcile compares against. Balances are read first, then the
// ledger from the moment on (into the account mirror), so an entry booked in between is in the ledger read and
// nothing falls in a gap.
import { checkpointAtMoment, heldAtMoment } from '../../../src-shared/book-moment';
import { krakenTimeFromMs, krakenTimeMs } from '../../../src-shared/kraken-time';
import type { LedgerCursor, LedgerEntry } from '../../../src-shared/ledger';
import type { Checkpoint } from '../../../src-shared/reconcile';
import type { KrakenClient } from '../../kraken/client';
import { KrakenCallError } from '../../kraken/kraken-errors';
import type { MirrorOf } from '../../mirror/account-mirrors';
import type { SyncHooks } from '../../mirror/mirror-sync';

/** A book's moment a little ahead of Kraken's clock is a clock difference, not the future. */
const CLOCK_SLACK_MS = 60_000;

export interface MomentRequest {
  /** ms */
  asOf: number;
  /** The newest ledger entry OC9 had applied, when the file names it. */
  ledgerCursor: string | null;
  /** How the operator knows the moment: "asOf" in a file, or the moment they typed for a version 1 file. */
  asOfField: string;
}

export interface MomentHooks {
  onPhase?: (phase: 'balances' | 'ledger') => void;
  onPage?: (pages: number, entries: number, total: number | undefined) => void;
  onRateWait?: (waitMs: number) => void;
}

/** A moment Kraken cannot give balances for; `field` names what the operator should correct. */
export class MomentProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'MomentProblem';
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

async function entryNamed(client: Pick<KrakenClient, 'queryLedgers'>, id: string): Promise<LedgerEntry | undefined> {
  try {
    return (await client.queryLedgers([id])).find((entry) => entry.id === id);
  } catch (error) {
    // Kraken refuses an id it does not know as a bad argument; anything else is a real failure
    if (error instanceof KrakenCallError && /^E(General:Invalid arguments|Query)/.test(error.details.krakenError ?? '')) return undefined;
    throw error;
  }
}

export async function krakenAtMoment(
  client: Pick<KrakenClient, 'time' | 'balanceEx' | 'queryLedgers'>,
  ledger: MirrorOf,
  request: MomentRequest,
  hooks: MomentHooks = {},
): Promise<Checkpoint> {
  const { mirror, sync } = ledger;
  const serverNow = (await client.time()).unixtime * 1000;
  if (request.asOf > serverNow + CLOCK_SLACK_MS) {
    throw new MomentProblem(
      request.asOfField,
      `${iso(request.asOf)} is in the future (Kraken's clock says ${iso(serverNow)}). Give the moment OC9 wrote the file.`,
    );
  }
  hooks.onPhase?.('balances');
  const balancesNow = Object.fromEntries(Object.entries(await client.balanceEx()).map(([asset, entry]) => [asset, entry.balance]));

  hooks.onPhase?.('ledger');
  const syncHooks: SyncHooks = {
    priority: 'foreground',
    onPage: (run) => hooks.onPage?.(run.pages, run.records, run.total ?? undefined),
    ...(hooks.onRateWait ? { onRateWait: hooks.onRateWait } : {}),
  };
  // what was booked since the mirror last read, then back to the moment: the mirror holds the whole stretch
  await sync.catchUp('ledger', syncHooks);
  let cursor: LedgerCursor | null;
  if (request.ledgerCursor !== null) {
    const named = mirror.entry(request.ledgerCursor) ?? (await entryNamed(client, request.ledgerCursor));
    if (named === undefined) {
      throw new MomentProblem(
        'ledgerCursor',
        `Kraken has no ledger entry "${request.ledgerCursor}" on this account. Check the id, or leave ledgerCursor out and ${request.asOfField} alone sets the moment.`,
      );
    }
    if (krakenTimeMs(named.time) > request.asOf + CLOCK_SLACK_MS) {
      throw new MomentProblem(
        'ledgerCursor',
        `entry ${named.id} was booked at ${iso(krakenTimeMs(named.time))}, after ${request.asOfField} (${iso(request.asOf)}). A file cannot have applied an entry booked after it was written.`,
      );
    }
    await sync.backfill('ledger', named.time, syncHooks);
    cursor = { id: named.id, time: named.time };
  } else {
    const moment = krakenTimeFromMs(request.asOf);
    await sync.backfill('ledger', moment, syncHooks);
    cursor = mirror.newestAtOrBefore(moment);
  }

  const entriesAfter = mirror.ledgerAfter(cursor);
  // with no entry before the moment the account held nothing then; holdings say Kraken's ledger starts later
  if (cursor === null && heldAtMoment(balancesNow, entriesAfter).length > 0) {
    const oldest = mirror.oldestEntry();
    const begins = oldest === null ? 'it returns no entries' : `it begins ${iso(krakenTimeMs(oldest.time))}`;
    throw new MomentProblem(
      request.asOfField,
      `${iso(request.asOf)} is older than the ledger Kraken still returns for this account (${begins}), so what the account held then cannot be known. Use a newer positions file.`,
    );
  }
  return checkpointAtMoment({ at: request.asOf, cursor, balancesNow, entriesAfter });
}
