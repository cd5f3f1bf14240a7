import { Button } from '../components/Button';
import '../components/notice.css';
import './storage-notices.css';
import { useAppStore } from './app-store';

/** A saved file of this screen that could not be read whole at start: what was set aside, where, what still works. */
export function StorageNotices({ files }: { files: readonly string[] }) {
  const notices = useAppStore((state) => state.storageNotices);
  const dismissed = useAppStore((state) => state.dismissedNotices);
  const dismiss = useAppStore((state) => state.dismissNotice);
  const shown = notices.filter((notice) => files.includes(notice.file) && !dismissed.includes(notice.file));
  return shown.map((notice) => (
    <div key={notice.file} className="notice notice-warning storage-notice" role="alert">
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
