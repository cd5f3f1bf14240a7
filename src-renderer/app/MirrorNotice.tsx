// One line above every screen when the account's copy of Kraken's ledger needs the operator's attention: it was
// rebuilt, it cannot be kept on disk, or a running balance does not add up.
import { useEffect, useState } from 'react';
import type { MirrorStatus } from '../../src-shared/contract/mirror';
import { useApi } from './store-context';
import '../components/notice.css';

export function MirrorNotice() {
  const api = useApi();
  const [status, setStatus] = useState<MirrorStatus | null>(null);
  useEffect(() => {
    void api['mirror.status']({}).then(setStatus, () => setStatus(null));
    return api.subscribe('mirror.changed', setStatus);
  }, [api]);
  if (status === null) return null;
  const lines = [...(status.notice ? [status.notice.message] : []), ...status.problems];
  if (lines.length === 0) return null;
  const tone = status.notice?.kind === 'rebuilt' && status.problems.length === 0 ? 'notice-info' : 'notice-warning';
  return (
    <div className={`notice ${tone} mirror-notice`} role="status" data-testid="mirror-notice">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
