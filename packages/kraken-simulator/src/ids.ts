// Identifiers shaped like Kraken's: base32 groups such as L4UESK-KG3EQ-UFO4T5 (ledger), OQCLML-BW3P3-BUCMWZ (order),
// THVRQM-33VKH-UCI7BS (trade; a trade's id is also its ledger refid) and TSDEF5I-HNFS4-PZQ2KE (other groups).
import type { Random } from './random';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export type GroupKind = 'funding' | 'sweep' | 'earn' | 'reward' | 'adjustment';
const GROUP_PREFIX: Record<GroupKind, string> = { funding: 'F', sweep: 'T', earn: 'B', reward: 'R', adjustment: 'A' };

export interface IdGenerator {
  ledgerId(): string;
  orderId(): string;
  tradeId(): string;
  groupRefid(kind: GroupKind): string;
  /** Marks ids that came from a scenario so no generated id can collide with them. */
  reserve(id: string): void;
}

export function createIdGenerator(random: Random): IdGenerator {
  const taken = new Set<string>();
  const chars = (count: number): string => Array.from({ length: count }, () => BASE32[random.int(32)]).join('');
  const fresh = (make: () => string): string => {
    for (;;) {
      const id = make();
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
  return {
    ledgerId: () => fresh(() => `L${chars(5)}-${chars(5)}-${chars(6)}`),
    orderId: () => fresh(() => `O${chars(5)}-${chars(5)}-${chars(6)}`),
    tradeId: () => fresh(() => `T${chars(5)}-${chars(5)}-${chars(6)}`),
    groupRefid: (kind) => fresh(() => `${GROUP_PREFIX[kind]}${chars(6)}-${chars(5)}-${chars(6)}`),
    reserve: (id) => {
      taken.add(id);
    },
  };
}
