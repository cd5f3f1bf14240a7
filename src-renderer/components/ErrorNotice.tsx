import type { AppErrorShape } from '../../src-shared/errors';
import { Button } from './Button';
import styles from './notice.module.css';

/** What happened and what to do, with a retry when trying again can help. */
export function ErrorNotice({ error, onRetry }: { error: AppErrorShape; onRetry?: () => void }) {
  return (
    <div className={`${styles.notice} ${styles.noticeError}`} role="alert">
      <div>
        <strong>Something needs your attention</strong>
        <p>{error.message}</p>
      </div>
      {error.retryable && onRetry && (
        <Button size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
