// The one sync engine of an account: it alone pages through Kraken's Ledgers and TradesHistory, forward from the
// newest record held (catch-up) and backward to the account's first (backfill), a page per transaction, resumable
// after a restart or a kill. Readers that are waiting go before background reads on the key's one call counter.
import { balanceBefore, walkChain } from '../../src-shared/ledger-chain';
import { compareKrakenTimes } from '../../src-shared/kraken-time';
import type { LedgerEntry, Trade } from '../../src-shared/ledger';
import { dec } from '../../src-shared/money';
import type { Clock } from '../../src-shared/clock';
import type { KrakenClient } from '../kraken/client';
import { currentSignal, detached } from '../call-signal';
import { cancelledCall, KrakenCallError } from '../kraken/kraken-errors';
import { tradeRecord } from '../kraken/schemas';
import { Pending, type AccountMirror, type Placed, type Stream, type SyncState } from './account-mirror';

export type Priority = 'foreground' | 'background';

export interface SyncRun {
  /** Pages read. */
  pages: number;
  /** Records read that were newer (catch-up) or older (backfill) than what was held. */
  records: number;
  /** Kraken's count of the records this read covers, when it said. */
  total: number | null;
  rateWaits: number;
  rateWaitMs: number;
}

export interface SyncHooks {
  priority: Priority;
  onPage?: (run: SyncRun) => void;
  onRateWait?: (waitMs: number) => void;
}

/** A break in an asset's running balance that a second read of Kraken did not mend. */
export interface IntegrityProblem {
  asset: string;
  entryId: string;
  previousId: string | null;
  message: string;
}

export interface MirrorSync {
  /** Reads what Kraken has that is newer than the head; skipped when the head caught up less than `maxAgeMs` ago. */
  catchUp(stream: Stream, hooks: SyncHooks, options?: { maxAgeMs?: number }): Promise<SyncRun>;
  /** Reads older pages until every record at or after `time` is held, or to the account's first when null. */
  backfill(stream: Stream, until: string | null, hooks: SyncHooks): Promise<SyncRun>;
  /** Walks every asset's running balance through the whole ledger held, reading broken ranges again. */
  verifyAll(hooks: SyncHooks): Promise<IntegrityProblem[]>;
  /** Breaks in running balances that reading Kraken again did not mend. */
  problems(): IntegrityProblem[];
  /** Stops between pages: what was written stays, and the next start goes on from there. */
  stop(): void;
}

interface RawPage<R> {
  items: R[];
  count?: number | undefined;
}

type Reader<R> = (
  params: { start?: string; end?: string; ofs: number; asset?: string },
  background: () => boolean,
  onWait: (ms: number) => void,
) => Promise<RawPage<R>>;

const placed = (record: { id: string; time: string }, seq: number): Placed => ({ id: record.id, time: record.time, seq });

function oldestTime(records: readonly { time: string }[]): string | null {
  return records.reduce<string | null>((oldest, r) => (oldest === null || compareKrakenTimes(r.time, oldest) < 0 ? r.time : oldest), null);
}

function refusedStart(error: unknown): boolean {
  return error instanceof KrakenCallError && error.details.krakenError === 'EGeneral:Invalid arguments:start';
}

/** A caller waiting on a read, with the figures of the pages read since it came. */
interface Waiter {
  hooks: SyncHooks;
  run: SyncRun;
  /** For a backfill: the time it needs held (null: the account's beginning). */
  until: string | null;
  resolve: (run: SyncRun) => void;
  reject: (error: unknown) => void;
}

/** One read in progress, shared by every caller that asks for it meanwhile; a backfill's waiters leave as soon as
 * what they need is held, and the read goes on at the priority of those still waiting. */
interface Flight {
  waiters: Set<Waiter>;
}

const noRun = (): SyncRun => ({ pages: 0, records: 0, total: null, rateWaits: 0, rateWaitMs: 0 });

export function createMirrorSync(options: {
  mirror: AccountMirror;
  client: Pick<KrakenClient, 'ledgers' | 'tradesHistory'>;
  clock: Clock;
}): MirrorSync {
  const { mirror, client, clock } = options;
  const readers: { ledger: Reader<LedgerEntry>; trades: Reader<Trade> } = {
    ledger: (params, background, onWait) => client.ledgers(params, { background, onRateWait: onWait }),
    trades: async (params, background, onWait) => {
      const page = await client.tradesHistory(params, { background, onRateWait: onWait });
      return { count: page.count, items: page.items.map(tradeRecord) };
    },
  };
  const flights = new Map<string, Flight>();
  const problems = new Map<string, IntegrityProblem>();
  let stopped = false;

  const fly = (key: string, hooks: SyncHooks, until: string | null, work: (flight: Flight) => Promise<void>): Promise<SyncRun> =>
    new Promise((resolve, reject) => {
      const waiter: Waiter = { hooks, run: noRun(), until, resolve, reject };
      const flight = flights.get(key) ?? { waiters: new Set<Waiter>() };
      flight.waiters.add(waiter);
      // a caller nobody waits for any more leaves; the read goes on for the others, and what it writes stays
      const signal = currentSignal();
      signal?.addEventListener(
        'abort',
        () => {
          flight.waiters.delete(waiter);
          reject(cancelledCall(key.startsWith('trades') ? 'TradesHistory' : 'Ledgers'));
        },
        { once: true },
      );
      if (flights.get(key) === flight) return;
      flights.set(key, flight);
      const settle = (outcome: (w: Waiter) => void) => {
        flights.delete(key);
        for (const w of flight.waiters) outcome(w);
      };
      // shared by every caller, so bound to none of their calls
      void detached(() =>
        work(flight).then(
          () => settle((w) => w.resolve({ ...w.run })),
          (error: unknown) => settle((w) => w.reject(error)),
        ),
      );
    });

  /** Reads one page at the priority of the most urgent caller waiting for it. */
  const readPage = async <R>(stream: Stream, flight: Flight, params: Parameters<Reader<R>>[0]): Promise<RawPage<R>> => {
    if (stopped) throw new Error('The account mirror was closed.');
    // asked again while the page waits for the call counter: a caller who comes meanwhile may be waiting for it
    const background = () => [...flight.waiters].every((w) => w.hooks.priority === 'background');
    const reader = readers[stream] as unknown as Reader<R>;
    const page = await reader(params, background, (ms) => {
      for (const { hooks, run } of flight.waiters) {
        run.rateWaits += 1;
        run.rateWaitMs += ms;
        hooks.onRateWait?.(ms);
      }
    });
    for (const { run } of flight.waiters) run.pages += 1;
    return page;
  };

  const progressed = (flight: Flight, records: number, total: number | null) => {
    for (const { hooks, run } of flight.waiters) {
      run.records += records;
      if (total !== null) run.total = total;
      hooks.onPage?.({ ...run });
    }
  };

  /** The first read of an empty mirror: the newest page sets the head, and the backfill starts below it. */
  const initialRead = async (stream: Stream, flight: Flight): Promise<void> => {
    const page = await readPage<LedgerEntry | Trade>(stream, flight, { ofs: 0 });
    const { items } = page;
    const count = page.count ?? items.length;
    const top = items[0];
    const complete = items.length === 0 || items.length >= count;
    const oldest = oldestTime(items);
    mirror.writePage(stream, {
      records: items,
      seqs: items.map((_, k) => -k),
      pending: (r) => (!complete && r.time === oldest ? Pending.atFloor : Pending.visible),
      state: (current): SyncState => ({
        ...current,
        head: top === undefined ? null : placed(top, 0),
        floor: top === undefined ? null : { end: top.id, endSeq: 0, ofs: items.length, time: oldest },
        complete,
        syncedAt: clock.now(),
        total: count,
      }),
    });
    progressed(flight, items.length, count);
    if (stream === 'ledger') verify(items as LedgerEntry[]);
  };

  /** Reads newest first from the top down to the head; readers see the new records when it arrives there. */
  const catchUpPages = async (stream: Stream, flight: Flight): Promise<void> => {
    let state = mirror.state(stream);
    const head = state.head;
    if (head === null) return;
    if (state.catchUp === null) {
      let start = head.id;
      let page: RawPage<LedgerEntry | Trade>;
      try {
        page = await readPage(stream, flight, { start, ofs: 0 });
      } catch (error) {
        // Kraken refuses an id it does not know: the head's time (exclusive too) does the same job
        if (!refusedStart(error)) throw error;
        start = head.time;
        page = await readPage(stream, flight, { start, ofs: 0 });
      }
      const items = upTo(page.items, head.id);
      const top = items[0];
      if (top === undefined) {
        mirror.writePage(stream, {
          records: [],
          seqs: [],
          pending: () => Pending.visible,
          state: (current) => ({ ...current, syncedAt: clock.now() }),
        });
        progressed(flight, 0, 0);
        return;
      }
      const total = Math.max(page.count ?? items.length, items.length);
      const catchUp = { top: placed(top, head.seq + total), ofs: 0, total, start };
      writeCatchUp(stream, flight, head, catchUp, items, items.length < page.items.length);
      state = mirror.state(stream);
    }
    while (state.catchUp !== null) {
      const { catchUp } = state;
      const page = await readPage<LedgerEntry | Trade>(stream, flight, { start: catchUp.start, end: catchUp.top.id, ofs: catchUp.ofs });
      const items = upTo(page.items, head.id);
      writeCatchUp(stream, flight, head, catchUp, items, items.length < page.items.length || items.length === 0);
      state = mirror.state(stream);
    }
  };

  /** Writes one catch-up page; the last one makes the whole catch-up visible and moves the head to its top. */
  const writeCatchUp = (
    stream: Stream,
    flight: Flight,
    since: Placed,
    catchUp: NonNullable<SyncState['catchUp']>,
    items: (LedgerEntry | Trade)[],
    reachedHead: boolean,
  ) => {
    const ofs = catchUp.ofs + items.length;
    const last = reachedHead || ofs >= catchUp.total;
    mirror.writePage(stream, {
      records: items,
      seqs: items.map((_, k) => catchUp.top.seq - (catchUp.ofs + k)),
      pending: () => (last ? Pending.visible : Pending.catchingUp),
      ...(last ? { reveal: { from: Pending.catchingUp } } : {}),
      state: (current): SyncState =>
        last
          ? { ...current, head: catchUp.top, catchUp: null, syncedAt: clock.now(), total: (current.total ?? 0) + catchUp.total }
          : { ...current, catchUp: { ...catchUp, ofs } },
    });
    progressed(flight, items.length, catchUp.total);
    if (last && stream === 'ledger') verify(mirror.ledgerAfter(since));
  };

  /** One older page below the floor. */
  const backfillPage = async (stream: Stream, flight: Flight): Promise<void> => {
    const { floor } = mirror.state(stream);
    if (floor === null) return;
    const page = await readPage<LedgerEntry | Trade>(stream, flight, { end: floor.end, ofs: floor.ofs });
    const { items } = page;
    const ofs = floor.ofs + items.length;
    const complete = items.length === 0 || (page.count !== undefined && ofs >= page.count);
    const oldest = oldestTime(items) ?? floor.time;
    mirror.writePage(stream, {
      records: items,
      seqs: items.map((_, k) => floor.endSeq - (floor.ofs + k)),
      pending: (r) => (!complete && r.time === oldest ? Pending.atFloor : Pending.visible),
      reveal: complete || oldest === null ? { from: Pending.atFloor } : { from: Pending.atFloor, olderThan: oldest },
      state: (current): SyncState => ({ ...current, floor: { ...floor, ofs, time: oldest }, complete }),
    });
    progressed(flight, items.length, page.count ?? null);
    // the whole ledger is held at last: every running balance is walked once, end to end
    if (stream === 'ledger') verify(complete ? mirror.ledgerAfter(null) : (items as LedgerEntry[]));
  };

  /** Ranges (asset, the entry before, the entry that does not follow) to read again from Kraken. */
  const repairs = new Map<string, { asset: string; previousId: string | null; entryId: string }>();

  /**
   * Each asset's running balance across the entries just written and the held ones on either side. A break means an
   * entry is missing or altered between two held ones: that range is read again, and what stays broken is reported.
   */
  const verify = (written: readonly LedgerEntry[], repairing = false): void => {
    const byAsset = new Map<string, LedgerEntry[]>();
    for (const entry of written) {
      const entries = byAsset.get(entry.asset);
      if (entries === undefined) byAsset.set(entry.asset, [entry]);
      else entries.push(entry);
    }
    for (const [asset, entries] of byAsset) {
      const from = oldestTime(entries) ?? '0';
      const to = entries.map((e) => e.time).reduce((a, b) => (compareKrakenTimes(a, b) >= 0 ? a : b));
      const before = mirror.assetEntryBefore(asset, from);
      const after = mirror.assetEntryAfter(asset, to);
      const held = [...mirror.assetEntriesBetween(asset, from, to), ...(after === null ? [] : [after])];
      const first = held[0];
      if (first === undefined) continue;
      const { breaks } = walkChain(held, before === null ? balanceBefore(first) : dec(before.balance));
      const ids = new Set(held.map((e) => e.id));
      for (const [key, problem] of problems) if (problem.asset === asset && ids.has(problem.entryId)) problems.delete(key);
      for (const { entry, previous, expected } of breaks) {
        const prior = previous ?? before;
        problems.set(`${asset}|${entry.id}`, {
          asset,
          entryId: entry.id,
          previousId: prior?.id ?? null,
          message:
            `${asset}: entry ${entry.id} says the balance became ${entry.balance}, but ` +
            `${prior === null ? 'the entries before it give' : `entry ${prior.id} before it gives`} ${expected.toFixed()}: ` +
            `an entry between them is missing or was changed${repairing ? ', and reading Kraken again did not mend it' : ''}.`,
        });
        // a break that reading Kraken again did not mend is Kraken's own: reported, not read again and again
        if (!repairing) repairs.set(`${asset}|${entry.id}`, { asset, previousId: prior?.id ?? null, entryId: entry.id });
      }
    }
  };

  /** Reads each broken range again (that asset's entries between the two) and checks it once more. */
  const repair = async (flight: Flight): Promise<void> => {
    for (const [key, range] of [...repairs]) {
      repairs.delete(key);
      const page = await readPage<LedgerEntry>('ledger', flight, {
        asset: range.asset,
        ...(range.previousId === null ? {} : { start: range.previousId }),
        end: range.entryId,
        ofs: 0,
      });
      // an entry that was missing takes the place of the one after it: they share Kraken's moment or follow it
      const place = mirror.seqOf('ledger', range.entryId) ?? 0;
      mirror.writePage('ledger', {
        records: page.items,
        seqs: page.items.map(() => place),
        pending: () => Pending.visible,
        state: (current) => current,
      });
      const next = mirror.entry(range.entryId);
      verify([...page.items, ...(next === null ? [] : [next])], true);
    }
  };

  const catchUp: MirrorSync['catchUp'] = (stream, hooks, options = {}) =>
    fly(`${stream}:catch-up`, hooks, null, async (flight) => {
      const state = mirror.state(stream);
      const fresh = state.syncedAt !== null && options.maxAgeMs !== undefined && clock.now() - state.syncedAt < options.maxAgeMs;
      if (fresh && state.catchUp === null && state.head !== null) return;
      if (state.head === null && state.floor === null) await initialRead(stream, flight);
      else await catchUpPages(stream, flight);
      if (repairs.size > 0) await repair(flight);
    });

  const covered = (state: SyncState, until: string | null): boolean =>
    state.complete || (until !== null && state.floor?.time != null && compareKrakenTimes(state.floor.time, until) < 0);

  const backfill: MirrorSync['backfill'] = async (stream, until, hooks) => {
    if (mirror.state(stream).floor === null && !mirror.state(stream).complete) await catchUp(stream, hooks);
    if (covered(mirror.state(stream), until)) return noRun();
    const run = await fly(`${stream}:backfill`, hooks, until, async (flight) => {
      while ([...flight.waiters].some((w) => !covered(mirror.state(stream), w.until))) {
        await backfillPage(stream, flight);
        if (repairs.size > 0) await repair(flight);
        // a caller whose stretch is now held goes on at once; the read goes on for the others
        for (const w of flight.waiters) {
          if (!covered(mirror.state(stream), w.until)) continue;
          flight.waiters.delete(w);
          w.resolve({ ...w.run });
        }
      }
    });
    // came as a read for a newer bound was ending: go on from there
    return covered(mirror.state(stream), until) ? run : backfill(stream, until, hooks);
  };

  return {
    catchUp,
    backfill,
    verifyAll: async (hooks) => {
      verify(mirror.ledgerAfter(null));
      if (repairs.size > 0) await fly('ledger:repair', hooks, null, repair);
      return [...problems.values()];
    },
    problems: () => [...problems.values()],
    stop() {
      stopped = true;
    },
  };
}

/** The records of a page newer than a known id: Kraken should stop there itself (start), but may not. */
function upTo<R extends { id: string }>(items: readonly R[], knownId: string): R[] {
  const at = items.findIndex((item) => item.id === knownId);
  return at === -1 ? [...items] : items.slice(0, at);
}
