import { useEffect } from 'react';
import { QUOTE_CURRENCIES, type QuoteCurrency } from '../../../src-shared/contract/settings';
import { ScreenHeader } from '../../app/ScreenHeader';
import { StorageNotices } from '../../app/StorageNotices';
import { useNavigation } from '../../app/navigation';
import { useStores } from '../../app/store-context';
import { Amount } from '../../components/Amount';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { UpdatedAgo } from '../../components/UpdatedAgo';
import { useSettingsStore } from '../settings/settings-store';
import { AssetTable } from './AssetTable';
import { usePortfolioStore } from './portfolio-store';
import { LastCleanup } from './LastCleanup';
import { SmallBalancesPanel } from './SmallBalancesPanel';
import styles from './portfolio.module.css';
import screenStyles from '../../components/screen.module.css';
import noticeStyles from '../../components/notice.module.css';

function useAutoRefresh(): void {
  const portfolio = useStores().portfolio;
  const seconds = useSettingsStore((state) => state.settings?.autoRefreshSeconds ?? 0);
  const loadSettings = useSettingsStore((state) => state.load);
  useEffect(() => void loadSettings(), [loadSettings]);
  useEffect(() => {
    if (seconds <= 0) return undefined;
    const timer = setInterval(() => void portfolio.getState().load(), seconds * 1000);
    return () => clearInterval(timer);
  }, [portfolio, seconds]);
}

export function PortfolioScreen() {
  const go = useNavigation((state) => state.go);
  const view = usePortfolioStore((state) => state.view);
  const loading = usePortfolioStore((state) => state.loading);
  const error = usePortfolioStore((state) => state.error);
  const filter = usePortfolioStore((state) => state.filter);
  const load = usePortfolioStore((state) => state.load);
  const setFilter = usePortfolioStore((state) => state.setFilter);
  const saveSettings = useSettingsStore((state) => state.save);
  useAutoRefresh();
  useEffect(() => void load(), [load]);
  // "in use" follows OC9's book: a book loaded, applied or undone re-flags the balances it holds
  const { api } = useStores();
  useEffect(() => api.subscribe('reconcile.bookChanged', () => void load()), [api, load]);

  const changeQuote = async (quote: QuoteCurrency) => {
    await saveSettings({ quoteCurrency: quote });
    await load(quote);
  };
  const needle = filter.trim().toLowerCase();
  const matches = (name: string, code: string) =>
    needle === '' || name.toLowerCase().includes(needle) || code.toLowerCase().includes(needle);

  return (
    <div className={screenStyles.screen}>
      <ScreenHeader
        title="Portfolio"
        subtitle={
          view
            ? `${view.accountLabel} · ${view.mode === 'demo' ? 'simulated Kraken account' : 'Kraken'}`
            : 'Your Kraken balances, valued in one currency.'
        }
        actions={
          <div className={styles.headerActions}>
            <Button variant="secondary" onClick={() => go('reconcile', { kind: 'run-reconcile' })}>
              Reconcile
            </Button>
          </div>
        }
      />
      <StorageNotices files={['accounts', 'conversions']} />
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {!view && !error && (
        <div className={styles.loadingCard} role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" /> Reading balances and prices from Kraken…
        </div>
      )}
      {view && (
        <>
          <section className={styles.totalCard} aria-label="Portfolio total">
            <div>
              <span className="faint">Total value</span>
              <div className={styles.totalValue} data-testid="portfolio-total">
                <Amount value={view.totals.all} decimals={view.quote.displayDecimals} suffix={view.quote.code} />
              </div>
              <span className="faint">
                Spot <Amount value={view.totals.spot} decimals={view.quote.displayDecimals} /> · Earn{' '}
                <Amount value={view.totals.earn} decimals={view.quote.displayDecimals} />
                {view.totals.unvalued > 0 && ` · ${view.totals.unvalued} without a price`}
              </span>
            </div>
            <div className={styles.totalControls}>
              <label className={styles.inlineField}>
                <span className="faint">Value in</span>
                <select
                  value={view.quote.code}
                  onChange={(event) => void changeQuote(event.target.value as QuoteCurrency)}
                  aria-label="Value in currency"
                >
                  {QUOTE_CURRENCIES.map((code) => (
                    <option key={code}>{code}</option>
                  ))}
                </select>
              </label>
              <UpdatedAgo at={view.fetchedAt} />
              <Button size="sm" onClick={() => void load()} disabled={loading} aria-label="Refresh balances and prices">
                {loading ? 'Refreshing…' : 'Refresh'}
              </Button>
            </div>
          </section>
          <SmallBalancesPanel view={view} />
          <LastCleanup waiting={view.sweep.count} />
          <Panel
            title="Spot balances"
            labelledBy="spot-title"
            actions={
              <input
                type="search"
                className={styles.filter}
                placeholder="Filter by name"
                aria-label="Filter assets by name"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
            }
          >
            <AssetTable rows={view.spot.filter((row) => matches(row.name, row.code))} quote={view.quote} label="Spot balances" />
          </Panel>

          {view.earn.length > 0 && (
            <Panel title="Earn and staking" labelledBy="earn-title">
              <p className={`muted ${styles.panelNote}`}>
                Shown for information: Kraken never converts these, and they count once in the total.
              </p>
              <AssetTable
                rows={view.earn.filter((row) => matches(row.name, row.code))}
                quote={view.quote}
                label="Earn and staking balances"
              />
            </Panel>
          )}
          {view.anomalies.length > 0 && (
            <div className={`${noticeStyles.notice} ${noticeStyles.noticeWarning}`} role="note">
              Kraken reports a negative balance for {view.anomalies.map((row) => row.name).join(', ')}. It is left out of every total; check
              it on Kraken.
            </div>
          )}
        </>
      )}
    </div>
  );
}
