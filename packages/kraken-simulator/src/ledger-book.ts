// The account's ledger, oldest first, and the balances it implies: a balance is always the last running balance,
// so `balance = previous + amount − fee` holds by construction for every entry.
import { laterKrakenTime } from '../../../src-shared/kraken-time';
import { dec, ZERO, type Dec } from '../../../src-shared/money';
import type { IdGenerator } from './ids';
import type { Market } from './market';
import type { ScenarioLedgerEntry } from './scenario';

export interface LedgerEntry {
  id: string;
  refid: string;
  /** Seconds as Kraken writes them. */
  time: string;
  type: string;
  subtype: string;
  aclass: string;
  asset: string;
  amount: Dec;
  fee: Dec;
  balance: Dec;
}

export interface LedgerLeg {
  asset: string;
  amount: Dec;
  fee?: Dec;
  type: string;
  subtype?: string;
}

export class LedgerBook {
  private readonly entries: LedgerEntry[] = [];
  private readonly positions = new Map<string, number>();
  private readonly balances = new Map<string, Dec>();
  private readonly listeners = new Set<(entries: readonly LedgerEntry[]) => void>();

  constructor(
    private readonly market: Market,
    private readonly ids: IdGenerator,
  ) {}

  /** Takes a validated, chronological history (see parseScenario) plus zero balances without history. */
  load(history: readonly ScenarioLedgerEntry[], balanceAssets: readonly string[]): void {
    for (const asset of balanceAssets) this.touch(asset);
    for (const entry of history) {
      this.ids.reserve(entry.id);
      this.append({ ...entry, amount: dec(entry.amount), fee: dec(entry.fee), balance: dec(entry.balance) });
    }
  }

  /** Books one group of legs atomically under one refid; refuses any leg that would leave a negative balance. */
  post(refid: string, time: string, legs: readonly LedgerLeg[]): LedgerEntry[] {
    const projected = new Map<string, Dec>();
    for (const leg of legs) {
      const before = projected.get(leg.asset) ?? this.balanceOf(leg.asset);
      const after = before.plus(leg.amount).minus(leg.fee ?? ZERO);
      if (after.isNegative()) throw new Error(`ledger leg would leave ${leg.asset} negative`);
      projected.set(leg.asset, after);
    }
    const last = this.entries.at(-1);
    const bookedAt = last ? laterKrakenTime(time, last.time) : time;
    const posted = legs.map((leg) => {
      const asset = this.market.ensureAsset(leg.asset).id;
      const amount = this.market.round(asset, leg.amount);
      const fee = this.market.round(asset, leg.fee ?? ZERO);
      const entry: LedgerEntry = {
        id: this.ids.ledgerId(),
        refid,
        time: bookedAt,
        type: leg.type,
        subtype: leg.subtype ?? '',
        aclass: 'currency',
        asset,
        amount,
        fee,
        balance: this.balanceOf(asset).plus(amount).minus(fee),
      };
      this.append(entry);
      return entry;
    });
    for (const listener of this.listeners) listener(posted);
    return posted;
  }

  /** Hears every group booked from now on (the WebSocket feed streams them). */
  onPost(listener: (entries: readonly LedgerEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  balanceOf(asset: string): Dec {
    return this.balances.get(asset) ?? ZERO;
  }

  /** Every asset that ever held a balance, in order of first appearance. */
  assets(): string[] {
    return [...this.balances.keys()];
  }

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  get(id: string): LedgerEntry | undefined {
    const position = this.positions.get(id);
    return position === undefined ? undefined : this.entries[position];
  }

  positionOf(id: string): number | undefined {
    return this.positions.get(id);
  }

  private touch(asset: string): void {
    this.market.ensureAsset(asset);
    if (!this.balances.has(asset)) this.balances.set(asset, ZERO);
  }

  private append(entry: LedgerEntry): void {
    this.touch(entry.asset);
    this.positions.set(entry.id, this.entries.length);
    this.entries.push(entry);
    this.balances.set(entry.asset, entry.balance);
  }
}
