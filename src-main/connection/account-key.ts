// The key under which a service keeps one Kraken account's records: the same account gets the same key every run.
import type { Connection } from './connection-manager';

/** A stored account by its id (two keys may share a name and last four); the demo by its one label. */
export function accountKey(connection: Pick<Connection, 'mode' | 'label' | 'accountId'>): string {
  return connection.accountId === null ? `${connection.mode}:${connection.label}` : `${connection.mode}:${connection.accountId}`;
}
