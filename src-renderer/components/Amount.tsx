import { dec, formatAmount } from '../../src-shared/money';
import './amount.css';

interface AmountProps {
  value: string;
  decimals: number;
  /** The currency or asset code after the number. */
  suffix?: string;
  /** Show a + on amounts above zero (differences, changes). */
  signed?: boolean;
}

/** An amount to its display decimals, full precision on hover; dust that would round to 0 is shown whole. */
export function Amount({ value, decimals, suffix, signed = false }: AmountProps) {
  const amount = dec(value);
  const rounded = formatAmount(amount, decimals);
  const lost = !amount.isZero() && dec(rounded.replace(/,/g, '')).isZero();
  const text = lost ? amount.toFixed() : rounded;
  return (
    <span className="num" title={`${amount.toFixed()}${suffix ? ` ${suffix}` : ''}`}>
      {signed && amount.gt(0) ? `+${text}` : text}
      {suffix ? <span className="amount-suffix"> {suffix}</span> : null}
    </span>
  );
}
