import type { KeyCheck } from '../../../src-shared/contract/accounts';
import { missingPermissionsMessage, withdrawWarning } from '../../../src-shared/key-permissions';

type Report = KeyCheck['permissions'];
type Item = Report['required'][number];

function Group({ title, hint, items, tone }: { title: string; hint: string; items: Item[]; tone: 'required' | 'optional' | 'remove' }) {
  const id = `perm-${tone}`;
  return (
    <section className={`perm-group perm-group-${tone} ${items.length > 0 ? 'perm-group-filled' : ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="perm-hint">{hint}</p>
      <ul className="plain-list">
        {items.map((p) => (
          <li key={p.code} className={p.granted ? 'perm-on' : 'perm-off'}>
            <span className="perm-mark" aria-hidden="true">
              {tone === 'remove' ? '!' : p.granted ? '✓' : '✕'}
            </span>
            <span>
              <span className="perm-label">{p.label}</span>
              <span className="visually-hidden">{p.granted ? ' (granted)' : ' (not granted)'}</span>
              <span className="perm-why">{p.why}</span>
            </span>
          </li>
        ))}
        {items.length === 0 && <li className="perm-none">None on this key. Good.</li>}
      </ul>
    </section>
  );
}

/** A key's permissions in the three groups the operator acts on, with what to do about each problem. */
export function PermissionGroups({ report }: { report: Report }) {
  const missing = missingPermissionsMessage(report);
  const withdraw = withdrawWarning(report);
  return (
    <div className="perm">
      <div className="perm-groups">
        <Group title="Required" hint="OC9 Console cannot work without these." items={report.required} tone="required" />
        <Group title="Optional" hint="Only to sell balances through the API." items={report.optional} tone="optional" />
        <Group title="To be removed" hint="OC9 Console never needs these." items={report.remove} tone="remove" />
      </div>
      {missing && (
        <div className="notice notice-error" role="alert">
          <div>
            <strong>This key is missing permissions</strong>
            <p>{missing}</p>
          </div>
        </div>
      )}
      {withdraw && (
        <div className="notice notice-danger" role="alert">
          <div>
            <strong>Warning: this key can withdraw your funds</strong>
            <p>{withdraw}</p>
          </div>
        </div>
      )}
      {report.unused.length > 0 && <p className="faint perm-unused">Also granted, not used by OC9 Console: {report.unused.join(', ')}.</p>}
    </div>
  );
}
