// The account mirror's state the operator should know about: a file that was rebuilt or cannot be kept, and running
// balances that do not add up.
import { z } from 'zod';
import { call } from '../rpc';

export const MirrorNotice = z.object({
  /** rebuilt: the file could not be read, was moved aside and is being rebuilt; unavailable: kept in memory only. */
  kind: z.enum(['rebuilt', 'unavailable']),
  message: z.string(),
});

export const MirrorStatus = z.object({
  notice: MirrorNotice.nullable(),
  /** Breaks in running balances that reading Kraken again did not mend, one line each. */
  problems: z.array(z.string()),
});
export type MirrorStatus = z.infer<typeof MirrorStatus>;

export const mirrorCalls = {
  'mirror.status': call(z.object({}).strict(), MirrorStatus),
};

export const mirrorEvents = {
  /** The current account's mirror status changed. */
  'mirror.changed': MirrorStatus,
};
