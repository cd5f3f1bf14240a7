// The key under which a service keeps one Kraken account's records: the same account gets the same key every run.
import type { Connection } from './connection-manager';

export function accountKey(connection: Pick<Connection, 'mode' | 'label'>): string {
  return `${connection.mode}:${connection.label}`;
}
