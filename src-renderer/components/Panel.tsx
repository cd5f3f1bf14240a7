import type { ReactNode } from 'react';
import styles from './panel.module.css';

interface PanelProps {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  labelledBy?: string;
}

export function Panel({ title, actions, children, labelledBy }: PanelProps) {
  return (
    <section className={styles.panel} aria-labelledby={labelledBy}>
      {(title ?? actions) !== undefined && (
        <header className={styles.panelHeader}>
          {title !== undefined && <h2 id={labelledBy}>{title}</h2>}
          {actions !== undefined && <div className={styles.panelActions}>{actions}</div>}
        </header>
      )}
      <div className={styles.panelBody}>{children}</div>
    </section>
  );
}
