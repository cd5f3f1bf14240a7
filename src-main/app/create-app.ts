// The composition root shared by both transports: builds every service once and serves the contract.
import { join } from 'node:path';
import { z } from 'zod';
import type { Clock } from '../../src-shared/clock';
import type { Handlers } from '../../src-shared/contract';
import { systemClock } from '../../src-shared/clock';
import { createLogger } from '../logger';
import { createAccountMirrors } from '../mirror/account-mirrors';
import { carryOverLegacyCaches } from '../mirror/legacy-caches';
import { createMirrorService } from '../features/mirror/mirror-service';
import { createAccountService } from '../features/accounts/account-service';
import { createAppService } from '../features/app/app-service';
import { createConnectionManager } from '../connection/connection-manager';
import { createConversionJourney } from './conversion-journey';
import { createPortfolioService } from '../features/portfolio/portfolio-service';
import { createReconcileService } from '../features/reconcile/reconcile-service';
import { createSaleService } from '../features/sale/sale-service';
import { createSettingsService } from '../features/settings/settings-service';
import { createLinkService, type LinkService } from '../features/link/link-service';
import type { StoreBackendFactory } from '../store/backend';
import { createJsonStore, type StoreProblem } from '../store/json-store';
import { savedFormat } from '../store/saved-file-formats';
import { createVault, vaultServiceName } from '../vault';
import { createContractHost, type ContractHost, type Emit } from './contract-host';

export interface AppOptions {
  dataDir: string;
  logDir?: string;
  transport: 'electron' | 'browser';
  version: string;
  clock?: Clock;
  /** Keychain service name; default OC9_VAULT_SERVICE or the app's own, so tests never touch a user's entries. */
  vaultService?: string;
  storeBackend?: StoreBackendFactory;
  /** Opens an allowlisted URL in the system browser; absent in browser mode, where the page opens it itself. */
  openExternal?: (url: string, extraOrigins: readonly string[]) => Promise<boolean>;
  /** How often a handed-off conversion re-reads the ledger (tests shorten it). */
  watchIntervalMs?: number;
  /** Kraken's WebSocket feed for the account in use (default on); off, the app polls REST as it did before. */
  liveFeed?: boolean;
}

const WindowBounds = z
  .object({ x: z.number().int(), y: z.number().int(), width: z.number().int(), height: z.number().int(), maximized: z.boolean() })
  .nullable();
type WindowBounds = z.infer<typeof WindowBounds>;

export interface RunningApp {
  host: ContractHost & { emit: Emit };
  windowState: { get(): WindowBounds; set(bounds: NonNullable<WindowBounds>): void };
  externalOrigins(): string[];
  simulatorUrl: string | null;
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<RunningApp> {
  const clock = options.clock ?? systemClock;
  const backend = options.storeBackend;
  const windowStore = createJsonStore({
    dir: options.dataDir,
    name: 'window-state',
    schema: WindowBounds,
    defaults: null,
    ...savedFormat('window-state'),
    ...(backend ? { backend } : {}),
  });
  const logger = createLogger({ dir: options.logDir ?? join(options.dataDir, 'logs'), clock });
  // a saved file that could not be read whole is told to the operator on its screen, and logged
  const storeProblems: StoreProblem[] = [];
  const onStoreProblem = (problem: StoreProblem): void => {
    storeProblems.push(problem);
    logger.warn('saved file set aside', {
      file: problem.file,
      kind: problem.kind,
      setAsidePath: problem.setAsidePath,
      detail: problem.detail,
      dropped: problem.dropped,
    });
  };
  const settings = createSettingsService({ dataDir: options.dataDir, ...(backend ? { backend } : {}), onCorrupt: onStoreProblem });
  // services emit through the host, which is built from their handlers: bind late (a retry can come before it exists)
  const bound: { host?: ContractHost & { emit: Emit } } = {};
  const emit: Emit = (name, payload) => bound.host?.emit(name, payload);
  const mirrors = createAccountMirrors({ dataDir: options.dataDir, clock });
  // the caches the mirrors replace, carried into each stored account's mirror once, then deleted
  carryOverLegacyCaches(options.dataDir, (key) => mirrors.openByKey(key, key, key));
  const connections = await createConnectionManager({
    clock,
    counterStore: (account) => mirrors.counterStore(account),
    retries: {
      onRetry: ({ method, attempt, of, reason }) => emit('kraken.retry', { retry: { method, attempt, of, reason } }),
      onRetryEnd: () => emit('kraken.retry', { retry: null }),
    },
  });
  const vault = createVault({ service: options.vaultService ?? vaultServiceName(process.env) });
  const accounts = createAccountService({
    dataDir: options.dataDir,
    ...(backend ? { backend } : {}),
    vault,
    connections,
    clock,
    logger,
    onStoreProblem,
  });
  await accounts.restore();
  const reconcile = createReconcileService({
    dataDir: options.dataDir,
    ...(backend ? { backend } : {}),
    connections,
    mirrors,
    settings,
    clock,
    emit,
    // called during a run, long after both services exist
    receiptRefids: () => conversion.receiptRefids(),
  });

  const link: LinkService | null =
    options.liveFeed === false
      ? null
      : createLinkService({ connections, mirrors, clock, emit, onProblem: (message) => logger.info('live feed', { message }) });
  const portfolio = createPortfolioService({
    connections,
    settings,
    clock,
    positionAssets: () => Promise.resolve(reconcile.positionAssets()),
    ...(link ? { live: () => link.feed() } : {}),
  });
  // what the conversion journey and the sale both read: the account, its mirror, prices, OC9's book, their files
  const accountWork = {
    dataDir: options.dataDir,
    ...(backend ? { backend } : {}),
    onStoreProblem,
    connections,
    mirrors,
    settings,
    portfolio,
    book: () => reconcile.bookView(),
    clock,
    emit,
  };
  const conversion = createConversionJourney({
    ...accountWork,
    ...(options.openExternal ? { openExternal: options.openExternal } : {}),
    ...(options.watchIntervalMs !== undefined ? { watchIntervalMs: options.watchIntervalMs } : {}),
    ...(link ? { link: () => link.feed() } : {}),
  });

  const sale = createSaleService(accountWork);

  const handlers: Handlers = {
    ...createAppService({
      version: options.version,
      transport: options.transport,
      connections,
      clock,
      storageNotices: () => storeProblems.map(({ file, message, recovered }) => ({ file, message, recovered })),
    }),
    ...accounts.handlers,
    ...settings.handlers,
    ...portfolio.handlers,
    ...reconcile.handlers,
    ...conversion.handlers,
    ...sale.handlers,
    ...createMirrorService({ connections, mirrors, emit }).handlers,
    'app.link': link ? link.handlers['app.link'] : () => Promise.resolve({ state: 'polling' as const }),
  };
  const host = createContractHost(handlers, logger);
  bound.host = host;
  conversion.resume();
  sale.resume();
  link?.feed();

  return {
    host,
    windowState: { get: () => windowStore.get(), set: (bounds) => windowStore.set(bounds) },
    externalOrigins: () => connections.externalOrigins(),
    simulatorUrl: connections.simulator()?.url ?? null,
    stop: async () => {
      conversion.stop();
      sale.stop();
      link?.stop();
      mirrors.close();
      await connections.stop();
    },
  };
}

export function defaultDataDir(home: string, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'OC9 Console');
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'OC9 Console');
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'OC9 Console');
}
