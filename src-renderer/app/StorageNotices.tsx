import { Button } from '../components/Button';
import { useAppStore } from './app-store';
import styles from './storage-notices.module.css';
import noticeStyles from '../components/notice.module.css';

/** A saved file of this screen that could not be read whole at start: what was set aside, where, what still works. */
export function StorageNotices({ files, inPanel = false }: { files: readonly string[]; inPanel?: boolean }) {
  const notices = useAppStore((state) => state.storageNotices);
  const dismissed = useAppStore((state) => state.dismissedNotices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  const shown = notices.filter((notice) => files.includes(notice.file) && !dismissed.includes(notice.file));
  return shown.map((notice) => (
    <div key={notice.file} className={`${noticeStyles.notice} ${noticeStyles.noticeWarning} ${inPanel ? styles.inPanel : ''}`} role="alert">
      <div>
        <strong>{notice.recovered ? `Part of ${notice.file}.json was recovered` : `${notice.file}.json was set aside`}</strong>
        <p>{notice.message}</p>
      </div>
      <Button size="sm" variant="ghost" onClick={() => dismiss(notice.file)}>
        Dismiss
      </Button>
    </div>
  ));
}
