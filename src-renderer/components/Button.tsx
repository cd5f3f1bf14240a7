import type { ButtonHTMLAttributes } from 'react';
import styles from './button.module.css';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: Size;
}

type Size = 'sm' | 'md';

const VARIANT_CLASS: Record<Variant, string | undefined> = {
  primary: styles.btnPrimary,
  secondary: styles.btnSecondary,
  ghost: styles.btnGhost,
  danger: styles.btnDanger,
};
const SIZE_CLASS: Record<Size, string | undefined> = { sm: styles.btnSm, md: styles.btnMd };

/** The button look, also for a link that acts as a button. */
export function buttonClassName(variant: Variant = 'secondary', size: Size = 'md'): string {
  return `${styles.btn} ${VARIANT_CLASS[variant]} ${SIZE_CLASS[size]}`;
}

export function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} className={`${buttonClassName(variant, size)} ${className ?? ''}`} {...rest} />;
}
