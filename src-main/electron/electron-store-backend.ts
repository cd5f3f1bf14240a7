// electron-store under the same StoreBackend shape conf provides in plain Node (docs/architecture.md, Persistence).
import Store from 'electron-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreBackendFactory } from '../store/backend';

export const createElectronStoreBackend: StoreBackendFactory = ({ dir, name }) => {
  // built on first use, so a corrupt file reaches read() as a throw json-store can set aside
  let store: Store<Record<string, unknown>> | undefined;
  const open = (): Store<Record<string, unknown>> =>
    (store ??= new Store({ cwd: dir, name, accessPropertiesByDotNotation: false, clearInvalidConfig: false }));
  const path = join(dir, `${name}.json`);
  return {
    path,
    read: () => (existsSync(path) ? { ...open().store } : undefined),
    write: (value) => {
      open().store = value;
    },
  };
};
