// Splitting one amount Kraken credited into per-asset shares that are written at the currency's own precision and
// still add up to exactly what Kraken credited (the largest-remainder method).
import { D, sum, ZERO, type Dec } from './money';

/**
 * Splits `total` by `weights`, each share rounded down to `decimals`, then the units left over go one each to the
 * shares that lost the most to rounding (ties: larger weight, then earlier). The shares add up to `total` exactly;
 * should `total` carry more decimals than `decimals`, its own precision is used so that nothing is lost.
 */
export function apportionRounded(total: Dec, weights: readonly Dec[], decimals: number): Dec[] {
  if (weights.length === 0) return [];
  const weightSum = sum(weights);
  if (!weightSum.greaterThan(ZERO)) throw new Error('apportionRounded needs weights with a positive sum');
  const places = Math.max(decimals, total.decimalPlaces());
  const unit = new D(1).dividedBy(new D(10).pow(places));
  const negative = total.isNegative();
  const size = total.abs();
  const exact = weights.map((w) => size.times(w).dividedBy(weightSum));
  const shares = exact.map((e) => e.toDecimalPlaces(places, D.ROUND_DOWN));
  let left = size.minus(sum(shares)).dividedBy(unit).round();
  const order = exact
    .map((e, index) => ({ index, lost: e.minus(shares[index] ?? ZERO), weight: weights[index] ?? ZERO }))
    .sort((a, b) => b.lost.comparedTo(a.lost) || b.weight.comparedTo(a.weight) || a.index - b.index);
  for (const { index } of order) {
    if (!left.greaterThan(ZERO)) break;
    shares[index] = (shares[index] ?? ZERO).plus(unit);
    left = left.minus(1);
  }
  return negative ? shares.map((share) => share.negated()) : shares;
}
