import { useEffect, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/contract/accounts';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { StorageNotices } from '../../app/StorageNotices';
import { useIntent, useNavigation } from '../../app/navigation';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useAccountsStore } from './accounts-store';
import { ConnectForm } from './ConnectForm';
import { PermissionGroups } from './PermissionGroups';
import { DateTime } from '../../components/DateTime';
import styles from './connect.module.css';
import noticeStyles from '../../components/notice.module.css';

function AccountRow({ account, active }: { account: AccountSummary; active: boolean }) {
  const busy = useAccountsStore((s) => s.busy);
  const use = useAccountsStore((s) => s.use);
  const disconnect = useAccountsStore((s) => s.disconnect);
  const [otp, setOtp] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [open, setOpen] = useState(false);
  const withdraw = account.permissions.remove.length > 0;
  return (
    <li
      className={`${styles.accountRow} ${active ? styles.accountActive : ''}`}
      aria-label={`${account.keyName} ····${account.apiKeyLast4}`}
    >
      <div>
        <div className={styles.accountName}>
          <strong>{account.keyName}</strong>
          <span className={`num ${styles.keyLast4}`}>····{account.apiKeyLast4}</span>
          {active && <Badge tone="positive">Active</Badge>}
          {withdraw && <Badge tone="negative">Can withdraw</Badge>}
        </div>
        <div className={`${styles.accountMeta} faint`}>
          <span className={styles.capitalize}>{account.tier}</span> · <span className="num">{account.baseUrl}</span> · connected{' '}
          <DateTime ms={account.connectedAt} />
        </div>
      </div>
      <div className={styles.accountActions}>
        {account.needsOtp && !active && (
          <input
            type="password"
            className={styles.otpInput}
            aria-label={`2FA password for ${account.keyName}`}
            placeholder="2FA password"
            value={otp}
            onChange={(event) => setOtp(event.target.value)}
          />
        )}
        <Button size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          Permissions
        </Button>
        {!active && (
          <Button size="sm" disabled={busy} onClick={() => void use(account.id, otp || undefined)}>
            Use this account
          </Button>
        )}
        {confirming ? (
          <>
            <Button size="sm" variant="danger" disabled={busy} onClick={() => void disconnect(account.id)}>
              Remove key from keychain
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            Disconnect
          </Button>
        )}
      </div>
      {open && (
        <div className={styles.accountPerms}>
          <PermissionGroups report={account.permissions} />
        </div>
      )}
    </li>
  );
}

/** Settings › Kraken accounts: demo, every stored account, switching, disconnecting, and the connect form. */
export function AccountsSection() {
  const state = useAccountsStore((s) => s.state);
  const error = useAccountsStore((s) => s.error);
  const busy = useAccountsStore((s) => s.busy);
  const load = useAccountsStore((s) => s.load);
  const use = useAccountsStore((s) => s.use);
  const clearError = useAccountsStore((s) => s.clearError);
  const [formOpen, setFormOpen] = useState(false);
  // the header's "Connect your Kraken account" opens Settings with the form
  const connectIntent = useIntent('connect');
  const clearIntent = useNavigation((s) => s.clearIntent);

  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (connectIntent === null) return;
    setFormOpen(true);
    clearIntent();
  }, [connectIntent, clearIntent]);

  const closeForm = () => {
    setFormOpen(false);
    clearError();
  };

  const demoActive = state?.activeId === null;
  return (
    <Panel
      title="Kraken accounts"
      labelledBy="accounts-title"
      actions={
        !formOpen && (
          <Button size="sm" variant="primary" onClick={() => setFormOpen(true)}>
            Connect a Kraken account
          </Button>
        )
      }
    >
      <StorageNotices files={['accounts']} inPanel />
      {state && !state.keychain.available && (
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeWarning}`} role="alert">
          <div>
            <strong>No system keychain: keys cannot be stored</strong>
            <p>{state.keychain.message}</p>
          </div>
        </div>
      )}
      {state?.problem && (
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeWarning}`} role="status">
          <div>
            <strong>Back in demo mode</strong>
            <p>{state.problem}</p>
          </div>
        </div>
      )}
      {!formOpen && error && <ErrorNotice error={error} />}
      <ul className={`plain-list ${styles.accountList}`} aria-label="Accounts">
        <li className={`${styles.accountRow} ${demoActive ? styles.accountActive : ''}`} aria-label="Demo account">
          <div>
            <div className={styles.accountName}>
              <strong>Demo account</strong>
              <Badge tone="warning">Demo</Badge>
              {demoActive && <Badge tone="positive">Active</Badge>}
            </div>
            <div className={`${styles.accountMeta} faint`}>The embedded Kraken simulator: realistic balances, no real funds.</div>
          </div>
          <div className={styles.accountActions}>
            {!demoActive && state && (
              <Button size="sm" disabled={busy} onClick={() => void use(null)}>
                Use demo
              </Button>
            )}
          </div>
        </li>
        {state?.accounts.map((account) => (
          <AccountRow key={account.id} account={account} active={state.activeId === account.id} />
        ))}
      </ul>
      {formOpen && state && (
        <div className={styles.connectPanel}>
          <h3 id="connect-title">Connect a Kraken account</h3>
          <p className={`muted ${styles.connectIntro}`}>
            On Kraken, create an API key with the query permissions below (Settings › API), then paste the API key and its private key here.
            OC9 Console checks the key with Kraken before anything is stored.
          </p>
          <ConnectForm defaultBaseUrl={state.defaultBaseUrl} keychainReady={state.keychain.available} onDone={closeForm} />
        </div>
      )}
    </Panel>
  );
}
