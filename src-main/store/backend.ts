// The file layer under every JSON store: conf in plain Node; the Electron shell passes an electron-store factory
// with the same shape. Validation, versions and corruption handling live above this, in json-store.ts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';

export interface StoreBackend {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** The parsed file; undefined when there is no file; throws when the file is not valid JSON. */
  read(): unknown;
  /** Replaces the whole file atomically (temp file + rename): readers see the old or the new file, never a part. */
  write(value: Record<string, unknown>): void;
}

export interface StoreBackendOptions {
  /** Absolute folder. */
  dir: string;
  /** File name without extension. */
  name: string;
}

export type StoreBackendFactory = (options: StoreBackendOptions) => StoreBackend;

export const confBackend: StoreBackendFactory = ({ dir, name }) => {
  // conf parses the file in its constructor, so it is built on first use: a corrupt file must reach read() as a
  // throw the caller can handle, not fail the factory
  let conf: Conf<Record<string, unknown>> | undefined;
  const open = () => (conf ??= new Conf({ cwd: dir, configName: name, accessPropertiesByDotNotation: false }));
  const path = join(dir, `${name}.json`);
  return {
    path,
    read() {
      if (!existsSync(path)) return undefined;
      return { ...open().store };
    },
    write(value) {
      open().store = value;
    },
  };
};
