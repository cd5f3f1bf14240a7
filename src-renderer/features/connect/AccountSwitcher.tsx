import { useEffect } from 'react';
import { useNavigation } from '../../app/navigation';
import { useAccountsStore } from './accounts-store';

/** The header's account picker: every stored account, and demo one choice away. Hidden until a key is stored. */
export function AccountSwitcher() {
  const state = useAccountsStore((s) => s.state);
  const busy = useAccountsStore((s) => s.busy);
  const load = useAccountsStore((s) => s.load);
  const use = useAccountsStore((s) => s.use);
  const go = useNavigation((s) => s.go);
  useEffect(() => void load(), [load]);
  if (!state || state.accounts.length === 0) return null;
  return (
    <select
      className="account-switcher"
      aria-label="Account"
      value={state.activeId ?? ''}
      disabled={busy}
      onChange={(event) => {
        const id = event.target.value === '' ? null : event.target.value;
        // a key with a 2FA password is picked in Settings, where its password can be entered
        if (state.accounts.find((a) => a.id === id)?.needsOtp) go('settings');
        else void use(id);
      }}
    >
      <option value="">Demo account</option>
      {state.accounts.map((a) => (
        <option key={a.id} value={a.id}>
          {a.keyName} ····{a.apiKeyLast4}
        </option>
      ))}
    </select>
  );
}
