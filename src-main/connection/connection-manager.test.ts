import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src-shared/clock';
import { createConnectionManager, type ConnectionManager } from './connection-manager';

let connections: ConnectionManager;
beforeAll(async () => {
  connections = await createConnectionManager({ clock: systemClock });
});
afterAll(() => connections.stop());

describe('connection manager', () => {
  it('lets the simulator’s page open in the system browser in demo mode only', () => {
    const simulatorOrigin = new URL(connections.simulator()?.url ?? '').origin;
    expect(connections.externalOrigins()).toEqual([simulatorOrigin]);
    connections.use({
      id: 'acct-1',
      label: 'bot',
      baseUrl: 'https://api.kraken.com',
      tier: 'starter',
      credentials: { apiKey: 'k', secret: 's' },
    });
    expect(connections.current().mode).toBe('live');
    expect(connections.externalOrigins()).toEqual([]);
    connections.use(null);
    expect(connections.externalOrigins()).toEqual([simulatorOrigin]);
  });
});
