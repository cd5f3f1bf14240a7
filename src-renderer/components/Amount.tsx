import { dec, formatAmount } from '../../src-shared/money';

/** An amount to its display decimals, with the full-precision value on hover. */
export function Amount({ value, decimals, suffix }: { value: string; decimals: number; suffix?: string }) {
  return (
    <span className="num" title={suffix ? `${value} ${suffix}` : value}>
      {formatAmount(dec(value), decimals)}
      {suffix ? <span className="amount-suffix"> {suffix}</span> : null}
    </span>
  );
}
