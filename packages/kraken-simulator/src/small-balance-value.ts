// What a balance is worth, the way Kraken values small balances: at the bid, through the best route — a direct
// pair with the target, else through USD, XBT, EUR or USDT.
import { D, type Dec } from '../../../src-shared/money';
import type { Market } from './market';

const INTERMEDIATES = ['USD', 'XBT', 'EUR', 'USDT'];

/** One hop: sell `from` for `to` at the bid, or buy `to` with `from` on the inverse pair at the ask. */
function hopRate(market: Market, from: string, to: string): Dec | undefined {
  if (from === to) return new D(1);
  const direct = market.findPair(from, to);
  if (direct) return market.quote(direct.id).bid;
  const inverse = market.findPair(to, from);
  if (inverse) {
    const ask = market.quote(inverse.id).ask;
    return ask.isZero() ? undefined : new D(1).div(ask);
  }
  return undefined;
}

/** Units of `to` that one unit of `from` fetches, or undefined when no route exists. */
export function conversionRate(market: Market, from: string, to: string): Dec | undefined {
  const direct = hopRate(market, from, to);
  if (direct) return direct;
  for (const altname of INTERMEDIATES) {
    const via = market.resolveAsset(altname);
    if (!via || via.id === from || via.id === to) continue;
    const first = hopRate(market, from, via.id);
    const second = first && hopRate(market, via.id, to);
    if (first && second) return first.times(second);
  }
  return undefined;
}

export function usdAssetId(market: Market): string {
  const usd = market.resolveAsset('USD');
  if (!usd) throw new Error('the scenario has no USD asset');
  return usd.id;
}

/** The USD value of an amount of a spot asset, or undefined when the asset has no price route. */
export function usdValue(market: Market, assetId: string, amount: Dec): Dec | undefined {
  return conversionRate(market, assetId, usdAssetId(market))?.times(amount);
}
