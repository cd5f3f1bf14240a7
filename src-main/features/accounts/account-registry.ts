// What the app remembers about connected accounts besides the keychain: only non-secret facts (the key's name, its
// last four characters, tier, API address, permissions), and which account is active.
import { z } from 'zod';
import { Tier } from '../../../src-shared/contract/accounts';
import type { StoreBackendFactory } from '../../store/backend';
import { createJsonStore, type StoreProblem } from '../../store/json-store';
import { savedFormat } from '../../store/saved-file-formats';

const StoredAccount = z.object({
  id: z.string().min(1),
  keyName: z.string(),
  apiKeyLast4: z.string().max(4),
  tier: Tier,
  baseUrl: z.string(),
  connectedAt: z.number().int(),
  /** GetApiKeyInfo's permission codes when the key was connected. */
  permissions: z.array(z.string()),
  /** The key was connected with a 2FA password, so it needs one again in every new session. */
  hasOtp: z.boolean(),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

const RegistryFile = z.object({ activeId: z.string().nullable(), accounts: z.array(StoredAccount) });

export interface AccountRegistry {
  accounts(): StoredAccount[];
  find(id: string): StoredAccount | undefined;
  activeId(): string | null;
  /** Adds the account, or replaces the one with the same id. */
  put(account: StoredAccount): void;
  remove(id: string): void;
  setActive(id: string | null): void;
}

export function createAccountRegistry(options: {
  dataDir: string;
  backend?: StoreBackendFactory;
  onCorrupt?: (problem: StoreProblem) => void;
}): AccountRegistry {
  const store = createJsonStore({
    dir: options.dataDir,
    name: 'accounts',
    schema: RegistryFile,
    defaults: { activeId: null, accounts: [] },
    ...savedFormat('accounts'),
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.onCorrupt ? { onCorrupt: options.onCorrupt } : {}),
    stillWorks: 'Your API keys are still in the system keychain: connect each missing account again with its key to use it.',
  });
  return {
    accounts: () => store.get().accounts,
    find: (id) => store.get().accounts.find((a) => a.id === id),
    activeId: () => store.get().activeId,
    put: (account) =>
      void store.update((file) => {
        const at = file.accounts.findIndex((a) => a.id === account.id);
        const accounts = at < 0 ? [...file.accounts, account] : file.accounts.map((a, i) => (i === at ? account : a));
        return { ...file, accounts };
      }),
    remove: (id) =>
      void store.update((file) => ({
        activeId: file.activeId === id ? null : file.activeId,
        accounts: file.accounts.filter((a) => a.id !== id),
      })),
    setActive: (id) => void store.update((file) => ({ ...file, activeId: id })),
  };
}
