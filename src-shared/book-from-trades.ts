// Rebuilds the position book from TradesHistory at weighted average cost, for when the bot's own file is missing
// or its entry prices are doubtful. Fees (reported in the quote currency) are part of the cost of a buy.
import { dec, toWire, ZERO } from './money';
import type { Dec } from './money';
import type { Book, Position } from './book';
import { compareKrakenTimes, krakenTimeMs } from './kraken-time';
import type { Trade } from './ledger';
import type { TradeBasis } from './reconcile-guide';

/** Base and quote asset ids of a pair id, from AssetPairs (e.g. XXBTZUSD → XXBT / ZUSD). */
export interface PairInfo {
  base: string;
  quote: string;
}

export interface TradesBookNote {
  /** The base asset, or the pair id when the pair is unknown. */
  subject: string;
  /** The trade concerned; null when the note is about the whole holding. */
  tradeId: string | null;
  text: string;
}

export interface TradesBook {
  book: Book;
  notes: TradesBookNote[];
  /** Trades behind each position's average: every buy and sell since the holding last started from zero. */
  tradeCounts: Record<string, number>;
}

/** Entry prices keep this many decimals: far beyond any Kraken tick, short enough to read in a file. */
export const ENTRY_PRICE_DECIMALS = 12;

interface Holding {
  trades: number;
  quantity: Dec;
  cost: Dec;
  quote: string;
  mixedQuotes: boolean;
  openedAtMs: number;
}

/**
 * Weighted average cost per base asset: a buy adds its volume and cost + fee; a sell removes volume at the current
 * average cost (the sell's fee is realised, not carried). A holding that reaches zero starts afresh.
 */
export function bookFromTrades(trades: readonly Trade[], pairs: Readonly<Record<string, PairInfo>>): TradesBook {
  const notes: TradesBookNote[] = [];
  const holdings = new Map<string, Holding>();
  const ordered = [...trades].sort((a, b) => compareKrakenTimes(a.time, b.time) || a.id.localeCompare(b.id));

  for (const trade of ordered) {
    const pair = pairs[trade.pair];
    if (pair === undefined) {
      notes.push({ subject: trade.pair, tradeId: trade.id, text: 'Unknown pair; this trade was left out.' });
      continue;
    }
    const vol = dec(trade.vol);
    const held = holdings.get(pair.base);
    if (trade.type === 'buy') {
      const start: Holding = held ?? {
        trades: 0,
        quantity: ZERO,
        cost: ZERO,
        quote: pair.quote,
        mixedQuotes: false,
        openedAtMs: krakenTimeMs(trade.time),
      };
      holdings.set(pair.base, {
        trades: start.trades + 1,
        quantity: start.quantity.plus(vol),
        cost: start.cost.plus(dec(trade.cost)).plus(dec(trade.fee)),
        quote: start.quote,
        mixedQuotes: start.mixedQuotes || start.quote !== pair.quote,
        openedAtMs: start.openedAtMs,
      });
      continue;
    }
    if (held === undefined || vol.greaterThanOrEqualTo(held.quantity)) {
      if (held === undefined || vol.greaterThan(held.quantity)) {
        notes.push({
          subject: pair.base,
          tradeId: trade.id,
          text: 'Sold more than the trades show bought (the history may start later); the holding restarts at zero.',
        });
      }
      holdings.delete(pair.base);
      continue;
    }
    const averageCost = held.cost.dividedBy(held.quantity);
    const cost = held.cost.minus(averageCost.times(vol));
    holdings.set(pair.base, { ...held, trades: held.trades + 1, quantity: held.quantity.minus(vol), cost });
  }

  const positions: Position[] = [];
  const tradeCounts: Record<string, number> = {};
  for (const [asset, holding] of [...holdings].sort(([a], [b]) => a.localeCompare(b))) {
    tradeCounts[asset] = holding.trades;
    if (holding.mixedQuotes) {
      notes.push({
        subject: asset,
        tradeId: null,
        text: 'Bought against more than one quote currency, so there is no single entry price.',
      });
    }
    positions.push({
      asset,
      quantity: toWire(holding.quantity),
      entryPrice: holding.mixedQuotes ? null : toWire(holding.cost.dividedBy(holding.quantity).toDecimalPlaces(ENTRY_PRICE_DECIMALS)),
      quoteCurrency: holding.quote,
      openedAt: new Date(holding.openedAtMs).toISOString(),
      source: 'trades',
    });
  }
  return { book: { positions, ignoredDust: [] }, notes, tradeCounts };
}

/** Per asset with an entry price: how many trades give which average, for the guide's "adopt from trades". */
export function tradeBasisOf(traded: TradesBook): Record<string, TradeBasis> {
  const basis: Record<string, TradeBasis> = {};
  for (const position of traded.book.positions) {
    const trades = traded.tradeCounts[position.asset] ?? 0;
    if (position.entryPrice === null || trades === 0) continue;
    basis[position.asset] = { trades, average: position.entryPrice, quoteCurrency: position.quoteCurrency, openedAt: position.openedAt };
  }
  return basis;
}
