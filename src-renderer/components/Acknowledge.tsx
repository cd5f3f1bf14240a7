// A blocking check the operator has read and chooses to go past: one checkbox with the words of what they accept.
import type { ReactNode } from 'react';
import styles from './acknowledge.module.css';

export function Acknowledge({
  checked,
  disabled,
  onChange,
  children,
}: {
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className={styles.ack}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} disabled={disabled} />
      <span>{children}</span>
    </label>
  );
}
