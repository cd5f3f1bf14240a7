import type { KeyCheck } from '../../../src-shared/contract/accounts';
import { missingPermissionsMessage, withdrawWarning } from '../../../src-shared/key-permissions';
import styles from './connect.module.css';
import noticeStyles from '../../components/notice.module.css';

type GroupTone = 'required' | 'optional' | 'remove';
const TONE_CLASS: Record<GroupTone, string | undefined> = {
  required: styles.permGroupRequired,
  optional: '',
  remove: styles.permGroupRemove,
};

type Report = KeyCheck['permissions'];
type Item = Report['required'][number];

function Group({ title, hint, items, tone }: { title: string; hint: string; items: Item[]; tone: GroupTone }) {
  const id = `perm-${tone}`;
  return (
    <section className={`${styles.permGroup} ${TONE_CLASS[tone]} ${items.length > 0 ? styles.permGroupFilled : ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className={styles.permHint}>{hint}</p>
      <ul className="plain-list">
        {items.map((p) => (
          <li key={p.code} className={p.granted ? styles.permOn : styles.permOff}>
            <span className={styles.permMark} aria-hidden="true">
              {tone === 'remove' ? '!' : p.granted ? '✓' : '✕'}
            </span>
            <span>
              <span className={styles.permLabel}>{p.label}</span>
              <span className="visually-hidden">{p.granted ? ' (granted)' : ' (not granted)'}</span>
              <span className={styles.permWhy}>{p.why}</span>
            </span>
          </li>
        ))}
        {items.length === 0 && <li className={styles.permNone}>None on this key. Good.</li>}
      </ul>
    </section>
  );
}

/** A key's permissions in the three groups the operator acts on, with what to do about each problem. */
export function PermissionGroups({ report }: { report: Report }) {
  const missing = missingPermissionsMessage(report);
  const withdraw = withdrawWarning(report);
  return (
    <div className={styles.perm}>
      <div className={styles.permGroups}>
        <Group title="Required" hint="OC9 Console cannot work without these." items={report.required} tone="required" />
        <Group title="Optional" hint="Only to sell balances through the API." items={report.optional} tone="optional" />
        <Group title="To be removed" hint="OC9 Console never needs these." items={report.remove} tone="remove" />
      </div>
      {missing && (
        <div className={`${noticeStyles.notice} ${noticeStyles.noticeError}`} role="alert">
          <div>
            <strong>This key is missing permissions</strong>
            <p>{missing}</p>
          </div>
        </div>
      )}
      {withdraw && (
        <div className={`${noticeStyles.notice} ${styles.noticeDanger}`} role="alert">
          <div>
            <strong>Warning: this key can withdraw your funds</strong>
            <p>{withdraw}</p>
          </div>
        </div>
      )}
      {report.unused.length > 0 && (
        <p className={`faint ${styles.permUnused}`}>Also granted, not used by OC9 Console: {report.unused.join(', ')}.</p>
      )}
    </div>
  );
}
