// A form's number fields read together: every value as the operator meant it, or every problem at once, per field.
import { readDecimalInput, type DecimalRule } from '../../src-shared/decimal-input';

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export function readNumberFields<K extends string, D extends Readonly<Record<K, string>> = Readonly<Record<K, string>>>(
  draft: D,
  rules: Readonly<Record<K, DecimalRule>>,
): { values: Record<K, string> | null; errors: FieldErrors<K> } {
  // `draft` may hold more fields (a currency choice): only those with a rule are numbers
  const values = {} as Record<K, string>;
  const errors: FieldErrors<K> = {};
  for (const field of Object.keys(rules) as K[]) {
    const read = readDecimalInput(draft[field], rules[field]);
    if (read.ok) values[field] = read.value;
    else errors[field] = read.message;
  }
  return { values: Object.keys(errors).length === 0 ? values : null, errors };
}
