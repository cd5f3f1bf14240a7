import { dec, formatAmount, type Dec } from '../../src-shared/money';
import styles from './amount.module.css';

interface AmountProps {
  value: string;
  decimals: number;
  /** The currency or asset code after the number. */
  suffix?: string;
  /** Show a + on amounts above zero (differences, changes). */
  signed?: boolean;
  /** Kraken's own precision for the asset (its `decimals`), shown on hover. */
  precision?: number;
}

/** Without the asset's own precision, hover shows no more than this: enough for any amount Kraken books. */
const HOVER_DECIMALS = 10;

/** The full amount for the hover: to Kraken's precision for the asset, with no trailing zeros past it. */
function hoverText(amount: Dec, precision: number | undefined): string {
  const rounded = amount.toDecimalPlaces(precision ?? HOVER_DECIMALS);
  return precision === undefined ? rounded.toFixed() : rounded.toFixed(precision);
}

/** An amount to its display decimals, Kraken's precision on hover; dust that would round to 0 is shown whole. */
export function Amount({ value, decimals, suffix, signed = false, precision }: AmountProps) {
  const amount = dec(value);
  const rounded = formatAmount(amount, decimals);
  const lost = !amount.isZero() && dec(rounded.replace(/,/g, '')).isZero();
  const text = lost ? hoverText(amount, precision) : rounded;
  return (
    <span className="num" title={`${hoverText(amount, precision)}${suffix ? ` ${suffix}` : ''}`}>
      {signed && amount.gt(0) ? `+${text}` : text}
      {suffix ? <span className={styles.amountSuffix}> {suffix}</span> : null}
    </span>
  );
}
