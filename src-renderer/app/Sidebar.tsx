import type { ReactNode } from 'react';
import { useConversionStore } from '../features/conversion/conversion-store';
import { useNavigation, type Screen } from './navigation';
import styles from './app.module.css';

/** Converting and selling small balances are reached from Portfolio, so they have no entry of their own. */
type SidebarScreen = Exclude<Screen, 'convert' | 'sell'>;

const ICONS: Record<SidebarScreen, ReactNode> = {
  portfolio: <path d="M3 13h4v8H3zM10 8h4v13h-4zM17 3h4v18h-4z" />,
  history: <path d="M12 5a7 7 0 1 1-7 7H3a9 9 0 1 0 2.6-6.4L3 3v6h6L6.9 6.9A7 7 0 0 1 12 5zm-1 3h2v5l4 2-1 1.7-5-2.7z" />,
  reconcile: <path d="M4 7h11l-3-3 1.4-1.4L19 8l-5.6 5.4L12 12l3-3H4zm16 10H9l3 3-1.4 1.4L5 16l5.6-5.4L12 12l-3 3h11z" />,
  settings: (
    <path d="M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zm8.6 4.6.1-1.1-.1-1.1 2-1.6-2-3.4-2.4 1a8 8 0 0 0-1.9-1.1L16 3h-4l-.4 2.7a8 8 0 0 0-1.9 1.1l-2.4-1-2 3.4 2 1.6L7.2 12l.1 1.1-2 1.6 2 3.4 2.4-1a8 8 0 0 0 1.9 1.1L12 21h4l.4-2.7a8 8 0 0 0 1.9-1.1l2.4 1 2-3.4z" />
  ),
};

const LABELS: Record<SidebarScreen, string> = {
  portfolio: 'Portfolio',
  history: 'History',
  reconcile: 'Reconcile',
  settings: 'Settings',
};

export function Sidebar() {
  const current = useNavigation((state) => state.screen);
  const screen = current === 'convert' || current === 'sell' ? 'portfolio' : current;
  const go = useNavigation((state) => state.go);
  const watching = useConversionStore((state) => state.active?.status === 'watching');
  return (
    <nav className={styles.sidebar} aria-label="Main">
      <ul>
        {(Object.keys(LABELS) as SidebarScreen[]).map((name) => (
          <li key={name}>
            <a
              href={`#/${name}`}
              className={`${styles.navLink} ${screen === name ? styles.active : ''}`}
              aria-current={screen === name ? 'page' : undefined}
              title={LABELS[name]}
              onClick={(event) => {
                event.preventDefault();
                go(name);
              }}
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
                {ICONS[name]}
              </svg>
              <span className={styles.navLabel}>{LABELS[name]}</span>
            </a>
          </li>
        ))}
      </ul>
      {watching && (
        <a
          href="#/convert"
          className={`${styles.navLink} ${styles.navPending} ${current === 'convert' ? styles.active : ''}`}
          title="A conversion is waiting for Kraken"
          data-testid="watch-marker"
          onClick={(event) => {
            event.preventDefault();
            go('convert');
          }}
        >
          <span className="pulse" aria-hidden="true" />
          <span className={styles.navLabel}>Waiting for Kraken</span>
        </a>
      )}
    </nav>
  );
}
