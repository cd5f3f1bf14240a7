// The simulated account: ledger and balances, open and closed orders, trades, and the funding moves that happen
// outside the API (deposits, withdrawals, adjustments, staking rewards, earn transfers).
import type { Clock } from '../../../src-shared/clock';
import { dec, toWire, ZERO, type Dec } from '../../../src-shared/money';
import { createIdGenerator, type GroupKind, type IdGenerator } from './ids';
import { KrakenError } from './kraken-error';
import { LedgerBook, type LedgerEntry, type LedgerLeg } from './ledger-book';
import { Market } from './market';
import { ordersFromScenario, type Order, type Trade } from './order-records';
import { holdsOf } from './orders';
import { createRandom, type Random } from './random';
import { chronological, ScenarioError, type Scenario } from './scenario';
import type { SimulatorSettings } from './simulator-settings';

export type EarnDirection = 'to-earn' | 'from-earn';

export interface AccountOptions {
  scenario: Scenario;
  clock: Clock;
  settings: SimulatorSettings;
  /** Shift every scenario time so the scenario's `now` is the clock's start. */
  anchorToClock: boolean;
}

export class SimAccount {
  readonly market: Market;
  readonly ledger: LedgerBook;
  readonly ids: IdGenerator;
  readonly random: Random;
  readonly clock: Clock;
  readonly settings: SimulatorSettings;
  readonly openOrders = new Map<string, Order>();
  readonly closedOrders: Order[] = [];
  readonly trades: Trade[] = [];
  /** Unix seconds at which the loaded history ends (after anchoring), as Kraken would write it. */
  readonly historyEnd: string;
  private lastTradeNumber = 0;
  /** Base volume the book holds at the touch, per pair; absent = unlimited (every order fills whole). */
  private readonly touchDepth = new Map<string, Dec>();

  constructor(options: AccountOptions) {
    const { scenario, clock, settings } = options;
    this.clock = clock;
    this.settings = settings;
    this.random = createRandom(settings.seed ?? clock.now());
    this.ids = createIdGenerator(this.random);
    this.market = Market.fromScenario(scenario);
    this.ledger = new LedgerBook(this.market, this.ids);
    const shift = options.anchorToClock ? dec(String(clock.now())).div(1000).minus(dec(scenario.now)) : ZERO;
    const at = (time: string): string => dec(time).plus(shift).toDecimalPlaces(TIME_DECIMALS).toFixed();
    this.historyEnd = at(scenario.now);
    this.ledger.load(
      chronological(scenario.ledger).map((entry) => ({ ...entry, time: at(entry.time) })),
      Object.keys(scenario.balances),
    );
    const loaded = ordersFromScenario(scenario, at, this.ledger.all());
    for (const order of loaded.open) this.openOrders.set(order.txid, order);
    this.closedOrders.push(...loaded.closed);
    this.trades.push(...loaded.trades);
    for (const id of [...loaded.open, ...loaded.closed].map((o) => o.txid)) this.ids.reserve(id);
    for (const trade of loaded.trades) {
      this.ids.reserve(trade.txid);
      this.lastTradeNumber = Math.max(this.lastTradeNumber, trade.trade_id);
    }
    for (const asset of this.ledger.assets()) {
      if (this.available(asset).isNegative()) {
        throw new ScenarioError(`open orders hold more ${asset} than its balance ${toWire(this.balance(asset))}`);
      }
    }
  }

  /** Kraken's time now: seconds with 7 decimals, as real ledgers show (the clock gives milliseconds; the rest is
   * what Kraken's own clock would add). */
  nowSeconds(): string {
    const ms = Math.floor(this.clock.now());
    const subMs = String(this.random.int(10_000)).padStart(4, '0');
    // a JSON number as Kraken writes it: no trailing zeros
    return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}${subMs}`.replace(/\.?0+$/, '');
  }

  /** Order open and close times: seconds as a number, which is all they need. */
  clockSeconds(): number {
    return Math.floor(this.clock.now()) / 1000;
  }

  /** How much an immediate order can fill at once on a pair; undefined when the book is deep enough for anything. */
  liquidityAtTouch(pairId: string): Dec | undefined {
    return this.touchDepth.get(pairId);
  }

  /** Sets (or with null lifts) the volume the book holds at the touch: a test's thin market. */
  setLiquidityAtTouch(pairId: string, volume: Dec | null): void {
    if (volume === null) this.touchDepth.delete(pairId);
    else this.touchDepth.set(pairId, volume);
  }

  nextTradeNumber(): number {
    this.lastTradeNumber += 1;
    return this.lastTradeNumber;
  }

  balance(asset: string): Dec {
    return this.ledger.balanceOf(asset);
  }

  /** Amounts reserved by open orders (BalanceEx `hold_trade`). */
  held(asset: string): Dec {
    return holdsOf(this, asset);
  }

  available(asset: string): Dec {
    return this.balance(asset).minus(this.held(asset));
  }

  /** Every balance as a wire string at the asset's decimals, zero balances included. */
  balances(): Record<string, string> {
    return Object.fromEntries(this.ledger.assets().map((asset) => [asset, this.market.format(asset, this.balance(asset))]));
  }

  book(kind: GroupKind, legs: readonly LedgerLeg[]): LedgerEntry[] {
    return this.ledger.post(this.ids.groupRefid(kind), this.nowSeconds(), legs);
  }

  deposit(asset: string, amount: Dec, fee: Dec = ZERO): LedgerEntry[] {
    const id = this.spendableAsset(asset);
    requirePositive(amount);
    return this.book('funding', [{ asset: id, amount, fee, type: 'deposit' }]);
  }

  withdraw(asset: string, amount: Dec, fee: Dec = ZERO): LedgerEntry[] {
    const id = this.spendableAsset(asset);
    requirePositive(amount);
    if (amount.plus(fee).gt(this.available(id))) throw new KrakenError('EFunding:Insufficient funds');
    return this.book('funding', [{ asset: id, amount: amount.neg(), fee, type: 'withdrawal' }]);
  }

  /** A signed correction by Kraken; a negative one can never take more than is available. */
  adjust(asset: string, amount: Dec): LedgerEntry[] {
    const id = this.spendableAsset(asset);
    if (amount.isNegative() && amount.neg().gt(this.available(id))) throw new KrakenError('EFunding:Insufficient funds');
    return this.book('adjustment', [{ asset: id, amount, type: 'adjustment' }]);
  }

  /** A staking reward credited to a spot asset or to an earn variant such as `DOT.F`. */
  reward(asset: string, amount: Dec): LedgerEntry[] {
    requirePositive(amount);
    return this.book('reward', [{ asset: this.spendableAsset(asset), amount, type: 'staking' }]);
  }

  /** Moves an amount between a spot asset and its `.F` earn variant: two `transfer` legs under one refid. */
  earn(asset: string, amount: Dec, direction: EarnDirection): LedgerEntry[] {
    requirePositive(amount);
    const spot = this.market.spotAssetOf(this.market.asset(asset).id).id;
    const earn = this.market.ensureAsset(this.market.variantId(spot, 'F')).id;
    const [from, to] = direction === 'to-earn' ? [spot, earn] : [earn, spot];
    if (amount.gt(this.available(from))) throw new KrakenError('EFunding:Insufficient funds');
    const [outSubtype, inSubtype] = direction === 'to-earn' ? ['spottostaking', 'stakingfromspot'] : ['stakingtospot', 'spotfromstaking'];
    return this.book('earn', [
      { asset: from, amount: amount.neg(), type: 'transfer', subtype: outSubtype },
      { asset: to, amount, type: 'transfer', subtype: inSubtype },
    ]);
  }

  /** The asset id behind an id or altname, registered so Assets lists it from now on. */
  private spendableAsset(name: string): string {
    const asset = this.market.resolveAsset(name);
    if (!asset) throw new KrakenError('EQuery:Unknown asset');
    return this.market.ensureAsset(asset.id).id;
  }
}

/** Real ledgers write times with up to seven decimals. */
const TIME_DECIMALS = 7;

function requirePositive(amount: Dec): void {
  if (!amount.isPositive() || amount.isZero()) throw new KrakenError('EGeneral:Invalid arguments:amount');
}
