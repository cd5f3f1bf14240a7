import { dec, formatAmount } from '../../../src-shared/money';

interface AmountProps {
  value: string;
  decimals: number;
  code?: string;
  /** Show a + on amounts above zero (differences, changes). */
  signed?: boolean;
}

/** An amount at the asset's display decimals, full precision on hover; dust that would round to 0 is shown whole. */
export function Amount({ value, decimals, code, signed = false }: AmountProps) {
  const amount = dec(value);
  const rounded = formatAmount(amount, decimals);
  const lost = !amount.isZero() && dec(rounded.replace(/,/g, '')).isZero();
  const text = lost ? amount.toFixed() : rounded;
  const shown = signed && amount.gt(0) ? `+${text}` : text;
  return (
    <span className="num amount" title={`${amount.toFixed()}${code ? ` ${code}` : ''}`}>
      {shown}
      {code && <span className="amount-code"> {code}</span>}
    </span>
  );
}
