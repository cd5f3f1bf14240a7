import type { ReactNode } from 'react';
import styles from './badge.module.css';

export type Tone = 'neutral' | 'accent' | 'positive' | 'negative' | 'warning' | 'info';

const TONE_CLASS: Record<Tone, string | undefined> = {
  neutral: styles.badgeNeutral,
  accent: styles.badgeAccent,
  positive: styles.badgePositive,
  negative: styles.badgeNegative,
  warning: styles.badgeWarning,
  info: styles.badgeInfo,
};

interface BadgeProps {
  tone?: Tone;
  children: ReactNode;
  title?: string;
  className?: string;
}

export function Badge({ tone = 'neutral', children, title, className }: BadgeProps) {
  return (
    <span className={`${styles.badge} ${TONE_CLASS[tone]} ${className ?? ''}`} title={title}>
      {children}
    </span>
  );
}
