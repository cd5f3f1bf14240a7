// `npm run serve`: browser mode. The same services as the desktop app, behind 127.0.0.1 with a per-run token.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, defaultDataDir } from '../app/create-app';
import { startBrowserServer } from './http-server';
import packageJson from '../../package.json' with { type: 'json' };

const USAGE = `usage: npm run serve -- [--port N] [--data-dir DIR] [--json]
  --port N        listen on 127.0.0.1:N (default: a free port)
  --data-dir DIR  where settings and history are kept (default: the desktop app's folder)
  --json          print the address as one JSON line (for scripts and tests)
  --watch-seconds N  how often a handed-off conversion re-reads Kraken's ledger (default 10)
  --no-live-feed  poll Kraken's REST API only, without the WebSocket feed`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
      json: { type: 'boolean', default: false },
      'watch-seconds': { type: 'string', default: '10' },
      'no-live-feed': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number.parseInt(values.port, 10);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a number from 0 to 65535, not "${values.port}".\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const watchSeconds = Number(values['watch-seconds']);
  if (!Number.isFinite(watchSeconds) || watchSeconds < 1 || watchSeconds > 3600) {
    console.error(`--watch-seconds must be a number from 1 to 3600, not "${values['watch-seconds']}".\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir(homedir(), process.platform, process.env);
  const app = await createApp({
    dataDir,
    transport: 'browser',
    version: packageJson.version,
    watchIntervalMs: watchSeconds * 1000,
    liveFeed: !values['no-live-feed'],
  });
  const server = await startBrowserServer({ host: app.host, rendererDir: join(import.meta.dirname, '../renderer'), port });

  if (values.json) {
    console.log(
      JSON.stringify({ event: 'listening', url: server.url, origin: server.origin, token: server.token, simulatorUrl: app.simulatorUrl }),
    );
  } else {
    console.log(`OC9 Console (browser mode) is running.\n\n  Open: ${server.url}\n\nData folder: ${dataDir}`);
    if (app.simulatorUrl) console.log(`Demo mode: the embedded Kraken simulator is at ${app.simulatorUrl}`);
    console.log('Press Ctrl-C to stop.');
  }

  const shutdown = (): void => {
    void Promise.all([server.stop(), app.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main().catch((error: unknown) => {
  console.error(`OC9 Console could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
