import { useEffect, useState } from 'react';
import type { RunProgress } from '../../../src-shared/contract/reconcile';
import { Panel } from '../../components/Panel';
import { useNow } from '../../components/use-now';
import type { PhaseStep } from './reconcile-words';
import styles from './reconcile.module.css';

const STATE_CLASS: Record<'done' | 'current' | 'pending', string | undefined> = {
  done: styles.runStepDone,
  current: styles.runStepCurrent,
  pending: '',
};

function useCountdown(progress: RunProgress): number | null {
  const [deadline, setDeadline] = useState<number | null>(null);
  useEffect(() => {
    // the wait is sent as a length: count it down on this page's own clock
    setDeadline(progress.waitMs === null ? null : Date.now() + progress.waitMs);
  }, [progress]);
  const now = useNow(250, deadline !== null);
  return deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
}

function pageWords(progress: RunProgress): string | null {
  if (progress.phase !== 'ledger' && progress.phase !== 'trades') return null;
  if (progress.pages === 0) return 'asking Kraken…';
  const what = progress.phase === 'ledger' ? 'entries' : 'trades';
  const total = progress.total === null ? '' : ` of ${progress.total}`;
  return `page ${progress.pages} · ${progress.records}${total} new ${what}`;
}

/** Where a run (or a rebuild) is, with pages read and every wait for Kraken's call counter. */
export function RunProgressPanel({ progress, title, steps }: { progress: RunProgress; title: string; steps: readonly PhaseStep[] }) {
  const secondsLeft = useCountdown(progress);
  const currentIndex = steps.findIndex((p) => p.phase === progress.phase);
  const detail = pageWords(progress);
  return (
    <Panel title={title} labelledBy="run-progress-title">
      <div className={styles.runProgress} role="status" aria-live="polite">
        <ol className={styles.runSteps}>
          {steps.map((step, index) => {
            const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'pending';
            return (
              <li
                key={step.phase}
                className={`${styles.runStep} ${STATE_CLASS[state]}`}
                aria-current={state === 'current' ? 'step' : undefined}
              >
                <span className={styles.runStepDot} aria-hidden="true" />
                <span>{step.label}</span>
                {state === 'current' && detail && <span className={`${styles.runStepDetail} num`}>{detail}</span>}
              </li>
            );
          })}
        </ol>
        <p>
          {secondsLeft !== null && secondsLeft > 0 ? (
            <strong className={styles.runWaiting}>Waiting {secondsLeft} s for Kraken’s call counter… </strong>
          ) : null}
          <span className="muted">
            {progress.rateWaits === 0
              ? 'No rate-limit waits so far.'
              : `${progress.rateWaits} rate-limit ${progress.rateWaits === 1 ? 'wait' : 'waits'}, ${(progress.rateWaitMs / 1000).toFixed(1)} s in all.`}
          </span>
        </p>
      </div>
    </Panel>
  );
}
