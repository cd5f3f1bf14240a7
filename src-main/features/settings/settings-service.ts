// Owns the operator's preferences file; other services read settings through `current()`, never the file.
import type { settingsCalls } from '../../../src-shared/contract/settings';
import type { HandlerTable } from '../../../src-shared/rpc';
import { DEFAULT_SETTINGS, Settings } from '../../../src-shared/contract/settings';
import { createJsonStore, type StoreProblem } from '../../store/json-store';
import { savedFormat } from '../../store/saved-file-formats';
import type { StoreBackendFactory } from '../../store/backend';

export interface SettingsService {
  handlers: HandlerTable<typeof settingsCalls>;
  current(): Settings;
}

export function createSettingsService(options: {
  dataDir: string;
  backend?: StoreBackendFactory;
  onCorrupt?: (problem: StoreProblem) => void;
}): SettingsService {
  const store = createJsonStore({
    dir: options.dataDir,
    name: 'settings',
    schema: Settings,
    defaults: DEFAULT_SETTINGS,
    ...savedFormat('settings'),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    stillWorks: 'Check the preferences below and save them again if any is not what you chose.',
  });
  return {
    current: () => store.get(),
    handlers: {
      'settings.get': () => Promise.resolve(store.get()),
      'settings.update': (patch) => Promise.resolve(store.update((current) => Settings.parse({ ...current, ...patch }))),
    },
  };
}
