// The pre-flight checks as the main side judged them: passed, warning or blocking, with a live cooldown countdown.
import { useEffect } from 'react';
import type { PreflightCheck, PreflightStatus } from '../../../src-shared/conversion-plan';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../components/DateTime';
import { useNow } from '../../components/use-now';
import styles from './conversion.module.css';

const STATUS_CLASS: Record<PreflightStatus, string | undefined> = {
  pass: styles.checkPass,
  warn: styles.checkWarn,
  block: styles.checkBlock,
};

const MARK: Record<PreflightStatus, { symbol: string; word: string }> = {
  pass: { symbol: '✓', word: 'Passed' },
  warn: { symbol: '!', word: 'Warning' },
  block: { symbol: '✕', word: 'Blocking' },
};

function describeCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h} h ${String(m).padStart(2, '0')} min ${String(s).padStart(2, '0')} s`;
}

/** Counts down to `availableAt` (Kraken's clock), mapped onto this computer's clock when the review arrived. */
function Countdown({
  availableAt,
  serverTime,
  reviewedAt,
  onDone,
}: {
  availableAt: number;
  serverTime: number;
  reviewedAt: number;
  onDone: () => void;
}) {
  const deadline = reviewedAt + (availableAt - serverTime);
  const now = useNow();
  const left = deadline - now;
  const over = left <= 0;
  useEffect(() => {
    if (over) onDone();
  }, [over, onDone]);
  return (
    <span className={`${styles.countdown} num`} role="timer" aria-live="off">
      {describeCountdown(left)}
    </span>
  );
}

interface PreflightListProps {
  checks: readonly PreflightCheck[];
  serverTime: number;
  reviewedAt: number;
  onCooldownOver: () => void;
  /** Opens Reconcile to load OC9's book, with the way back here. */
  onLoadBook: () => void;
}

export function PreflightList({ checks, serverTime, reviewedAt, onCooldownOver, onLoadBook }: PreflightListProps) {
  return (
    <ul className={styles.preflight} aria-label="Pre-flight checks">
      {checks.map((check) => (
        <li key={check.id} className={`${styles.check} ${STATUS_CLASS[check.status]}`} data-check={check.id} data-status={check.status}>
          <span className={styles.checkMark} aria-hidden="true">
            {MARK[check.status].symbol}
          </span>
          <div>
            <strong>
              {check.title}
              <span className="visually-hidden">: {MARK[check.status].word}</span>
            </strong>
            <p className="muted small">{check.detail}</p>
            {check.items !== undefined && check.items.length > 0 && (
              <ul className={`${styles.checkItems} small`}>
                {check.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            )}
            {check.lastConversionAt !== undefined && (
              <p className="faint small">Last conversion found: {formatDateTime(check.lastConversionAt)}</p>
            )}
            {check.action === 'load-book' && (
              <Button size="sm" className={styles.checkAction} onClick={onLoadBook}>
                Load OC9’s book
              </Button>
            )}
            {check.availableAt !== undefined && (
              <p className="small">
                Next conversion possible in{' '}
                <Countdown availableAt={check.availableAt} serverTime={serverTime} reviewedAt={reviewedAt} onDone={onCooldownOver} />
              </p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
