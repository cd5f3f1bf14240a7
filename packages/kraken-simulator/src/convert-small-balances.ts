// Kraken's web-only "Convert small balances": every spot balance worth less than the threshold (about 1 USD, valued
// at the bid through the best route) is swept into one cash currency, for a fee, at most once per 24 hours. The
// ledger shows N `spend` legs and one `receive` leg, all `dustsweeping`, one refid, one time; no trade is recorded.
import { krakenTimeCeilMs } from '../../../src-shared/kraken-time';
import { D, dec, sum, ZERO, type Dec } from '../../../src-shared/money';
import type { SimAccount } from './account';
import type { LedgerEntry, LedgerLeg } from './ledger-book';
import { conversionRate, usdAssetId, usdValue } from './small-balance-value';

export interface SweepCandidate {
  asset: string;
  amount: Dec;
  usd: Dec;
}

export interface SweepResult {
  refid: string;
  time: string;
  target: string;
  feeLeg: 'receive' | 'spend';
  legs: LedgerEntry[];
  /** The receive leg held back (`receiveLater`), booked by `bookHeldReceive`; undefined when booked with the rest. */
  heldReceive?: LedgerLeg;
}

export interface SweepOptions {
  /** Books only the spend legs now, as a ledger read can see a sweep half-booked; the receive leg waits. */
  receiveLater?: boolean;
}

export type SweepRefusal = 'cooldown' | 'nothing-to-convert' | 'bad-target';

export class SweepRefused extends Error {
  constructor(
    readonly reason: SweepRefusal,
    message: string,
    readonly availableAtMs?: number,
  ) {
    super(message);
    this.name = 'SweepRefused';
  }
}

export const SWEEP_SUBTYPE = 'dustsweeping';

/** Unix seconds of the newest sweep in the ledger, scenario history included. */
export function lastSweepTime(account: SimAccount): string | undefined {
  return account.ledger.all().findLast((entry) => entry.subtype === SWEEP_SUBTYPE)?.time;
}

/** When the next sweep is allowed (ms), or undefined if it is allowed now. */
export function sweepAvailableAt(account: SimAccount): number | undefined {
  const last = lastSweepTime(account);
  if (last === undefined) return undefined;
  // whole milliseconds, rounded up: a sweep at .0004 ms past a millisecond is not 24 hours old at that millisecond
  const availableAt = krakenTimeCeilMs(last) + account.settings.sweepCooldownMs;
  return account.clock.now() < availableAt ? availableAt : undefined;
}

/** What a sweep into `target` would take now. Amounts held by open orders stay with their orders: Kraken sweeps
 * the available balance, so such an asset keeps exactly its held amount. */
export function sweepCandidates(account: SimAccount, target: string): SweepCandidate[] {
  const threshold = dec(account.settings.dustThresholdUsd);
  const candidates: SweepCandidate[] = [];
  for (const asset of account.ledger.assets()) {
    if (asset.includes('.') || asset === target) continue;
    const amount = account.available(asset);
    if (!amount.isPositive() || amount.isZero()) continue;
    const usd = usdValue(account.market, asset, amount);
    if (usd !== undefined && usd.lt(threshold)) candidates.push({ asset, amount, usd });
  }
  return candidates;
}

export function convertSmallBalances(account: SimAccount, targetName: string, options: SweepOptions = {}): SweepResult {
  const { market, settings } = account;
  const target = market.resolveAsset(targetName);
  if (!target || target.id.includes('.') || !settings.sweepTargets.includes(target.altname)) {
    const choices = settings.sweepTargets.filter((name) => market.resolveAsset(name)).join(', ');
    throw new SweepRefused('bad-target', `Small balances can only be converted into ${choices}.`);
  }
  const availableAt = sweepAvailableAt(account);
  if (availableAt !== undefined) {
    const when = new Date(availableAt).toISOString();
    throw new SweepRefused('cooldown', `You can only convert small balances once every 24 hours. Next: ${when}.`, availableAt);
  }
  const candidates = sweepCandidates(account, target.id);
  if (candidates.length === 0) throw new SweepRefused('nothing-to-convert', 'There are no small balances to convert.');

  const usdToTarget = conversionRate(market, usdAssetId(market), target.id);
  if (!usdToTarget) throw new SweepRefused('bad-target', `${target.altname} has no price, so nothing can be converted into it.`);
  // Two hops at most per route; an asset three hops away (e.g. via XBT to USD to EUR) is valued through USD.
  const proceeds = (c: SweepCandidate): Dec => {
    const rate = conversionRate(market, c.asset, target.id);
    return rate ? c.amount.times(rate) : c.usd.times(usdToTarget);
  };
  const rate = dec(settings.sweepFeeRate);
  const feeLeg = settings.sweepFeeLeg === 'random' ? account.random.pick(['receive', 'spend'] as const) : settings.sweepFeeLeg;
  const spendLegs = new Map<string, LedgerLeg>(
    candidates.map((c) => [c.asset, { asset: c.asset, amount: c.amount.neg(), type: 'spend', subtype: SWEEP_SUBTYPE }]),
  );
  let gross = sum(candidates.map(proceeds));
  let receiveFee = ZERO;
  if (feeLeg === 'receive') {
    receiveFee = market.round(target.id, gross.times(rate), D.ROUND_HALF_UP);
  } else {
    // Each swept balance pays its share in its own units, rounded to its asset's decimals, and is still cleared to
    // zero: a tiny balance's share rounds to nothing, so a sweep can book a fee on one spend leg and none on others.
    for (const c of candidates) {
      const fee = market.round(c.asset, c.amount.times(rate), D.ROUND_HALF_UP);
      if (fee.isZero()) continue;
      spendLegs.set(c.asset, { asset: c.asset, amount: fee.minus(c.amount), fee, type: 'spend', subtype: SWEEP_SUBTYPE });
      gross = gross.minus(proceeds(c).times(fee).div(c.amount));
    }
  }
  const received = market.round(target.id, D.max(gross, ZERO), D.ROUND_DOWN);
  const receiveLeg: LedgerLeg = {
    asset: target.id,
    amount: received,
    fee: D.min(receiveFee, received),
    type: 'receive',
    subtype: SWEEP_SUBTYPE,
  };
  const legs: LedgerLeg[] = options.receiveLater === true ? [...spendLegs.values()] : [...spendLegs.values(), receiveLeg];
  const refid = account.ids.groupRefid('sweep');
  const entries = account.ledger.post(refid, account.nowSeconds(), legs);
  const result: SweepResult = { refid, time: entries[0]?.time ?? account.nowSeconds(), target: target.id, feeLeg, legs: entries };
  return options.receiveLater === true ? { ...result, heldReceive: receiveLeg } : result;
}

/** Books a receive leg held back by `receiveLater` under its sweep's refid, at the simulator's time now. */
export function bookHeldReceive(account: SimAccount, refid: string, leg: LedgerLeg): LedgerEntry[] {
  return account.ledger.post(refid, account.nowSeconds(), [leg]);
}
