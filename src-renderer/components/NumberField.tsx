// A labelled number input whose problem, if any, is said right under it: the field is marked, and the words say
// what to type. The form keeps what was typed, so nothing is lost to a refusal.
import { useId } from 'react';
import styles from './number-field.module.css';

interface NumberFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value, or null. */
  error: string | null;
  hint?: string;
  inputMode?: 'decimal' | 'numeric';
  placeholder?: string;
  disabled?: boolean;
  className?: string;
}

export function NumberField({
  label,
  value,
  onChange,
  error,
  hint,
  inputMode = 'decimal',
  placeholder,
  disabled,
  className,
}: NumberFieldProps) {
  const id = useId();
  const described = [error !== null ? `${id}-error` : null, hint !== undefined ? `${id}-hint` : null].filter((x) => x !== null).join(' ');
  return (
    <div className={`${styles.numberField} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        aria-invalid={error !== null}
        aria-describedby={described === '' ? undefined : described}
        onChange={(event) => onChange(event.target.value)}
      />
      {error !== null && (
        <span id={`${id}-error`} className={styles.fieldError} role="alert">
          {error}
        </span>
      )}
      {hint !== undefined && (
        <small id={`${id}-hint`} className={styles.fieldHint}>
          {hint}
        </small>
      )}
    </div>
  );
}
