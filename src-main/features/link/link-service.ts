// One live feed for the account in use: started for it, stopped when the operator switches away, and its state
// (live, reconnecting, polling) served as app.link and announced as app.linkChanged for the header.
import type { Clock } from '../../../src-shared/clock';
import type { LinkState, linkCalls } from '../../../src-shared/contract/link';
import type { HandlerTable } from '../../../src-shared/rpc';
import type { Emit } from '../../app/contract-host';
import { wsUrlsFor } from '../../kraken/ws-endpoints';
import type { AccountMirrors } from '../../mirror/account-mirrors';
import { accountKey } from '../../connection/account-key';
import type { Connection, ConnectionManager } from '../../connection/connection-manager';
import { startLiveFeed, type LiveFeed } from './live-feed';

export interface LinkService {
  handlers: HandlerTable<typeof linkCalls>;
  /** The current account's feed (started if it was not). */
  feed(): LiveFeed;
  stop(): void;
}

export function createLinkService(deps: {
  connections: Pick<ConnectionManager, 'current'>;
  mirrors: Pick<AccountMirrors, 'of'>;
  clock: Clock;
  emit: Emit;
  onProblem?: (message: string) => void;
}): LinkService {
  let running: { key: string; client: Connection['client']; feed: LiveFeed } | null = null;

  const feed = (): LiveFeed => {
    const connection = deps.connections.current();
    const key = accountKey(connection);
    if (running !== null && running.key === key && running.client === connection.client) return running.feed;
    running?.feed.stop();
    const { mirror, sync } = deps.mirrors.of(connection);
    const started = startLiveFeed({
      client: connection.client,
      metadata: connection.metadata,
      mirror,
      sync,
      urls: wsUrlsFor(connection.baseUrl),
      clock: deps.clock,
      onState: (state: LinkState) => {
        if (running?.feed === started) deps.emit('app.linkChanged', { state });
      },
      ...(deps.onProblem ? { onProblem: deps.onProblem } : {}),
    });
    running = { key, client: connection.client, feed: started };
    deps.emit('app.linkChanged', { state: started.state() });
    return started;
  };

  return {
    handlers: { 'app.link': () => Promise.resolve({ state: feed().state() }) },
    feed,
    stop() {
      running?.feed.stop();
      running = null;
    },
  };
}
