// An order's volume or price exactly as it goes to Kraken: every decimal it has, at least `min`.
import { dec } from '../../../src-shared/money';
import { Amount } from '../../components/Amount';

export function ExactAmount({ value, min = 0, suffix }: { value: string; min?: number; suffix?: string }) {
  return <Amount value={value} decimals={Math.max(min, dec(value).decimalPlaces())} {...(suffix === undefined ? {} : { suffix })} />;
}
