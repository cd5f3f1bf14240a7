import { useRef, useState, type FormEvent } from 'react';
import { TIERS, type ConnectInput, type KeyCheck, type Tier } from '../../../src-shared/contract/accounts';
import { apiKeyProblem, privateKeyProblem, stripWhitespace } from '../../../src-shared/private-key';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAccountsStore } from './accounts-store';
import { PermissionGroups } from './PermissionGroups';
import styles from './connect.module.css';

const TIER_NAMES: Record<Tier, string> = {
  starter: 'Starter (15 calls, −0.33/s)',
  intermediate: 'Intermediate (20 calls, −0.5/s)',
  pro: 'Pro (20 calls, −1/s)',
};

interface Problems {
  apiKey?: string;
  privateKey?: string;
}

/**
 * The private key and 2FA password fields are uncontrolled on purpose: React mirrors a controlled input's value into
 * its DOM attribute, and the private key must never sit in the page's markup.
 */
export function ConnectForm({
  defaultBaseUrl,
  keychainReady,
  onDone,
}: {
  defaultBaseUrl: string;
  keychainReady: boolean;
  onDone: () => void;
}) {
  const busy = useAccountsStore((s) => s.busy);
  const error = useAccountsStore((s) => s.error);
  const check = useAccountsStore((s) => s.check);
  const connect = useAccountsStore((s) => s.connect);
  const clearError = useAccountsStore((s) => s.clearError);
  const [apiKey, setApiKey] = useState('');
  const [tier, setTier] = useState<Tier>('starter');
  const [baseUrl, setBaseUrl] = useState(defaultBaseUrl);
  const privateKeyRef = useRef<HTMLInputElement>(null);
  const otpRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [result, setResult] = useState<KeyCheck | null>(null);
  const [acceptWithdraw, setAcceptWithdraw] = useState(false);

  const edited = () => {
    setResult(null);
    setAcceptWithdraw(false);
    setProblems({});
    clearError();
  };

  const readInput = (): ConnectInput | null => {
    const pair = { apiKey: stripWhitespace(apiKey), privateKey: stripWhitespace(privateKeyRef.current?.value ?? '') };
    const found: Problems = {};
    const apiKeyIssue = apiKeyProblem(pair.apiKey);
    const privateKeyIssue = privateKeyProblem(pair.privateKey);
    if (apiKeyIssue) found.apiKey = apiKeyIssue;
    if (privateKeyIssue) found.privateKey = privateKeyIssue;
    setProblems(found);
    if (apiKeyIssue ?? privateKeyIssue) return null;
    const otp = otpRef.current?.value.trim() ?? '';
    return { ...pair, tier, baseUrl: baseUrl.trim(), ...(otp ? { otp } : {}) };
  };

  const onCheck = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    const input = readInput();
    if (input) setResult(await check(input));
  };

  const onSave = async () => {
    const input = readInput();
    if (!input) return;
    if (await connect(input, acceptWithdraw)) {
      if (privateKeyRef.current) privateKeyRef.current.value = '';
      if (otpRef.current) otpRef.current.value = '';
      setApiKey('');
      setResult(null);
      onDone();
    }
  };

  const canSave =
    result !== null && result.permissions.sufficient && (result.permissions.remove.length === 0 || acceptWithdraw) && keychainReady;

  return (
    <form className={styles.connectForm} aria-labelledby="connect-title" onSubmit={(event) => void onCheck(event)} autoComplete="off">
      <div className={styles.connectFields}>
        <label className={`${styles.connectField} ${styles.connectFieldWide}`}>
          <span>API key</span>
          <input
            name="api-key"
            value={apiKey}
            spellCheck={false}
            autoCapitalize="off"
            placeholder="Paste the API key from Kraken"
            aria-invalid={problems.apiKey ? true : undefined}
            aria-describedby={problems.apiKey ? 'api-key-problem' : undefined}
            onBlur={() => setApiKey(stripWhitespace(apiKey))}
            onChange={(event) => {
              setApiKey(event.target.value);
              edited();
            }}
          />
          {problems.apiKey && (
            <small id="api-key-problem" className={styles.fieldProblem}>
              {problems.apiKey}
            </small>
          )}
        </label>
        <label className={`${styles.connectField} ${styles.connectFieldWide}`}>
          <span>Private key</span>
          <input
            ref={privateKeyRef}
            name="private-key"
            type="password"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            placeholder="Paste the private key (shown once, when the key was created)"
            aria-invalid={problems.privateKey ? true : undefined}
            aria-describedby={problems.privateKey ? 'private-key-problem' : 'private-key-hint'}
            onChange={edited}
          />
          {problems.privateKey ? (
            <small id="private-key-problem" className={styles.fieldProblem}>
              {problems.privateKey}
            </small>
          ) : (
            <small id="private-key-hint">Stored only in your system keychain; it never comes back to this page.</small>
          )}
        </label>
        <label className={styles.connectField}>
          <span>2FA password (optional)</span>
          <input ref={otpRef} name="otp" type="password" autoComplete="off" onChange={edited} aria-describedby="otp-hint" />
          <small id="otp-hint">Only if the key has one. Kept for this session, never stored.</small>
        </label>
        <label className={styles.connectField}>
          <span>Verification tier</span>
          <select
            value={tier}
            onChange={(event) => {
              setTier(event.target.value as Tier);
              edited();
            }}
          >
            {TIERS.map((t) => (
              <option key={t} value={t}>
                {TIER_NAMES[t]}
              </option>
            ))}
          </select>
          <small>Sets how fast OC9 Console may call Kraken.</small>
        </label>
        <label className={`${styles.connectField} ${styles.connectFieldWide}`}>
          <span>Kraken API address</span>
          <input
            name="api-base-url"
            className="num"
            value={baseUrl}
            spellCheck={false}
            onChange={(event) => {
              setBaseUrl(event.target.value);
              edited();
            }}
          />
          <small>Leave as {defaultBaseUrl} unless you test against a simulator.</small>
        </label>
      </div>
      <div className={styles.connectActions}>
        <Button type="submit" variant={result ? 'secondary' : 'primary'} disabled={busy}>
          {busy && !result ? 'Checking with Kraken…' : 'Check key'}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>

      {error && <ErrorNotice error={error} />}

      {result && (
        <section className={styles.keyCheck} aria-label="Key check">
          <header className={styles.keyCheckHeader}>
            <div>
              <span className="faint">Kraken knows this key as</span>
              <h3>
                {result.keyName} <span className={`num ${styles.keyLast4}`}>····{result.apiKeyLast4}</span>
              </h3>
            </div>
            {result.nonceWindow > 0 && <span className="faint">Nonce window {result.nonceWindow}</span>}
          </header>
          <PermissionGroups report={result.permissions} />
          {result.permissions.remove.length > 0 && (
            <label className={styles.acceptRisk}>
              <input type="checkbox" checked={acceptWithdraw} onChange={(event) => setAcceptWithdraw(event.target.checked)} />
              <span>I understand this key can withdraw funds, and I want to connect it anyway.</span>
            </label>
          )}
          <div className={styles.connectActions}>
            <Button variant="primary" disabled={!canSave || busy} onClick={() => void onSave()}>
              Save to keychain and connect
            </Button>
            {!keychainReady && <span className="faint">No system keychain is reachable, so the key cannot be stored.</span>}
          </div>
        </section>
      )}
    </form>
  );
}
