// A one-click action that cannot be taken back without cost asks first, in a modal dialog that says what it will do.
import { useRef, type ReactNode } from 'react';
import { Button } from './Button';
import styles from './confirm-dialog.module.css';

interface ConfirmButtonProps {
  /** The button's own text. */
  children: ReactNode;
  /** The question, e.g. "Undo this apply?". */
  title: string;
  /** What the action does, in a sentence or two. */
  body: ReactNode;
  /** The dialog's confirming button, naming the action ("Undo 12 changes"). */
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  variant?: 'secondary' | 'ghost' | 'danger';
  size?: 'sm' | 'md';
}

export function ConfirmButton({
  children,
  title,
  body,
  confirmLabel,
  onConfirm,
  disabled,
  variant = 'secondary',
  size = 'sm',
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = () => dialog.current?.close();
  return (
    <>
      <Button size={size} variant={variant} disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {children}
      </Button>
      <dialog ref={dialog} className={styles.confirmDialog} aria-label={title}>
        <h2>{title}</h2>
        <div className={styles.confirmBody}>{body}</div>
        <div className={styles.confirmActions}>
          {/* the safe choice takes the focus: Enter alone never destroys anything */}
          <Button autoFocus onClick={close}>
            Keep it
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  );
}
