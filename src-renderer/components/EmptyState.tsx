import type { ReactNode } from 'react';
import './empty-state.css';

export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      <p className="muted">{children}</p>
      {action}
    </div>
  );
}
