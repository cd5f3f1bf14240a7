// app.info and Kraken's system status: what the header and Settings › About show.
import type { appCalls } from '../../../src-shared/contract/app';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Clock } from '../../../src-shared/clock';
import type { StorageNotice } from '../../../src-shared/contract/app';
import type { ConnectionManager } from '../../connection/connection-manager';

export interface AppServiceDeps {
  version: string;
  transport: 'electron' | 'browser';
  connections: ConnectionManager;
  clock: Clock;
  /** Saved files set aside or partly recovered at start. */
  storageNotices: () => StorageNotice[];
}

export function createAppService(deps: AppServiceDeps): HandlerTable<typeof appCalls> {
  return {
    'app.storageNotices': () => Promise.resolve(deps.storageNotices()),
    'app.info': () => {
      const connection = deps.connections.current();
      return Promise.resolve({
        name: 'OC9 Console',
        version: deps.version,
        mode: connection.mode,
        apiBaseUrl: connection.baseUrl,
        transport: deps.transport,
      });
    },
    'kraken.systemStatus': async () => {
      const { client } = deps.connections.current();
      const [status, time] = await Promise.all([client.systemStatus(), client.time()]);
      return { status: status.status, timestamp: status.timestamp, serverTime: time.unixtime, fetchedAt: deps.clock.now() };
    },
  };
}
