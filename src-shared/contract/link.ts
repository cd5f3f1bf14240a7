// How the app hears of the account: Kraken's WebSocket feed, or REST on a timer while the feed is down. The header
// shows it; the portfolio and the conversion watch read REST only while it is not live.
import { z } from 'zod';
import { call } from '../rpc';

/** How the app hears of the account: Kraken's WebSocket feed ("live"), trying to get it back ("reconnecting"), or
 * reading REST on a timer while it cannot ("polling"). */
export const LinkState = z.enum(['live', 'reconnecting', 'polling']);
export type LinkState = z.infer<typeof LinkState>;
export const Link = z.object({ state: LinkState });
export type Link = z.infer<typeof Link>;

export const linkCalls = {
  'app.link': call(z.object({}).strict(), Link),
};

export const linkEvents = {
  'app.linkChanged': Link,
};
