import type { ReactNode } from 'react';
import './panel.css';

interface PanelProps {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  labelledBy?: string;
}

export function Panel({ title, actions, children, labelledBy }: PanelProps) {
  return (
    <section className="panel" aria-labelledby={labelledBy}>
      {(title ?? actions) !== undefined && (
        <header className="panel-header">
          {title !== undefined && <h2 id={labelledBy}>{title}</h2>}
          {actions !== undefined && <div className="panel-actions">{actions}</div>}
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}
