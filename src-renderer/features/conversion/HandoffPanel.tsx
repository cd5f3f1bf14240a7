// After the swipe: the steps to take on Kraken's page, and the ledger watch that waits for Kraken to book the sweep.
import type { ActiveConversion } from '../../../src-shared/contract/conversion';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { ConfirmButton } from '../../components/ConfirmButton';
import { Panel } from '../../components/Panel';
import { useNow } from '../../components/use-now';
import { openInNewTab } from './conversion-store';
import { DateTime } from '../../components/DateTime';
import styles from './conversion.module.css';

function secondsUntil(at: number | null, now: number): number | null {
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function WatchStatus({ active }: { active: ActiveConversion }) {
  const now = useNow();
  const { progress } = active;
  const rateWait = secondsUntil(progress.rateWaitUntil, now);
  const next = secondsUntil(progress.nextCheckAt, now);
  const last = progress.lastCheckedAt === null ? null : Math.max(0, Math.round((now - progress.lastCheckedAt) / 1000));
  const doing =
    rateWait !== null && rateWait > 0
      ? `Waiting ${rateWait} s for Kraken’s rate limit before the next read`
      : next !== null && next > 0
        ? `Next read in ${next} s`
        : 'Reading the ledger…';
  return (
    <div className={styles.watchStatus} role="status" aria-live="polite" data-testid="watch-status">
      <span className="pulse" aria-hidden="true" />
      <div>
        <strong>Watching Kraken’s ledger for the conversion</strong>
        <p className="muted small">
          {progress.checks === 0 ? 'First read under way.' : `Read ${progress.checks} ${progress.checks === 1 ? 'time' : 'times'}`}
          {last !== null && `, last ${last} s ago`}
          {progress.entriesSeen > 0 && ` · ${progress.entriesSeen} other new ${progress.entriesSeen === 1 ? 'entry' : 'entries'} seen`}
          {' · '}
          {doing}
        </p>
        {progress.lastError && <p className="negative-text small">The last read failed: {progress.lastError.message} Trying again.</p>}
      </div>
    </div>
  );
}

export function HandoffPanel({ active, onCancel }: { active: ActiveConversion; onCancel: () => void }) {
  const { plan, target } = active;
  const where = active.mode === 'demo' ? 'The simulator’s stand-in for Kraken Pro' : 'Kraken Pro';
  return (
    <Panel
      title="Finish on Kraken"
      labelledBy="handoff-title"
      actions={
        <ConfirmButton
          variant="ghost"
          title="Cancel this conversion?"
          body={
            <p>
              The app stops watching Kraken’s ledger and drops the plan. If you already converted on Kraken, the conversion still appears in
              History once the copy of Kraken’s ledger holds it, but without the plan to compare with.
            </p>
          }
          confirmLabel="Cancel the conversion"
          onConfirm={onCancel}
        >
          Cancel this conversion
        </ConfirmButton>
      }
    >
      <div className={styles.handoff}>
        <ol className={styles.handoffSteps}>
          <li>
            <strong>{where} opened in your browser</strong> at Portfolio › Spot balances.{' '}
            <Button size="sm" variant="ghost" onClick={() => openInNewTab(active.krakenUrl)}>
              Open it again
            </Button>
          </li>
          <li>
            Press <strong>Convert small balances</strong>.
          </li>
          <li>
            Choose <strong>{target.code}</strong> and confirm. Kraken converts every balance under about 1 USD; there is no per-asset
            choice.
          </li>
          <li>Come back here. The receipt appears as soon as Kraken books the conversion in your ledger.</li>
        </ol>
        <div className={styles.handoffPlan}>
          <p className="faint small">
            Plan saved <DateTime ms={plan.createdAt} /> · kept if you close the app
          </p>
          <p>
            {plan.items.length} {plan.items.length === 1 ? 'balance' : 'balances'} → about{' '}
            <Amount value={plan.estimatedTotal} decimals={Math.max(target.displayDecimals, 2)} suffix={target.code} /> after Kraken’s fee
          </p>
        </div>
        <WatchStatus active={active} />
      </div>
    </Panel>
  );
}
