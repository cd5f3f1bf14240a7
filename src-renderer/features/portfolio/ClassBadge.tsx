import type { BalanceClass } from '../../../src-shared/classify';
import { Badge, type Tone } from '../../components/Badge';

const TONES: Record<BalanceClass, Tone> = {
  sweepable: 'accent',
  borderline: 'warning',
  stranded: 'negative',
  sellable: 'neutral',
  unpriced: 'info',
  earn: 'positive',
};

export const CLASS_LABELS: Record<BalanceClass, string> = {
  sweepable: 'Dust',
  borderline: 'Borderline',
  stranded: 'Stranded',
  sellable: 'Tradable',
  unpriced: 'No price',
  earn: 'Earn',
};

export function ClassBadge({ value }: { value: BalanceClass }) {
  return <Badge tone={TONES[value]}>{CLASS_LABELS[value]}</Badge>;
}
