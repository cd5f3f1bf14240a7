// "Sell small balances": what Kraken's sweep cannot take, cleared through the API. Sell the sellable ones (each asset a
// choice) or free a stranded one with a top-up; follow the orders; read the receipt; and every run kept as the
// account's record of orders placed here.
import { useEffect } from 'react';
import { ScreenHeader } from '../../app/ScreenHeader';
import { useNavigation } from '../../app/navigation';
import { useStores } from '../../app/store-context';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DateTime, formatDateTime } from '../../components/DateTime';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { RUN_STATUS, RunView } from './RunView';
import { SellReview } from './SellReview';
import { TopUpReview } from './TopUpReview';
import { useSaleStore } from './sale-store';
import styles from './sale.module.css';
import screenStyles from '../../components/screen.module.css';

function CurrentRun() {
  const run = useSaleStore((s) => s.runs.find((r) => r.id === s.runId));
  const showRun = useSaleStore((s) => s.showRun);
  const open = useSaleStore((s) => s.open);
  const go = useNavigation((s) => s.go);
  if (run === undefined) return null;
  const finished = run.status !== 'running';
  return (
    <Panel title={run.kind === 'free' ? 'Top-up and sale' : 'Orders'}>
      <RunView
        run={run}
        actions={
          finished && (
            <>
              <Button variant="primary" onClick={() => go('reconcile', { kind: 'run-reconcile' })}>
                Reconcile now
              </Button>
              <Button onClick={() => go('portfolio')}>Back to Portfolio</Button>
              <Button
                variant="ghost"
                onClick={() => {
                  showRun(null);
                  open({ kind: 'sell' });
                }}
              >
                Sell other balances
              </Button>
            </>
          )
        }
      />
    </Panel>
  );
}

/** Every run on this account, newest first: the record of what the app placed, by whom, and what came of it. */
function RunsRecord() {
  const runs = useSaleStore((s) => s.runs);
  const runId = useSaleStore((s) => s.runId);
  const showRun = useSaleStore((s) => s.showRun);
  if (runs.length === 0) return null;
  return (
    <Panel title={`Audit record: orders placed from this app (${runs.length})`}>
      <ul className={styles.runsRecord} data-testid="runs-record">
        {runs.map((run) => {
          const status = RUN_STATUS[run.status];
          const assets = [...new Set(run.steps.map((s) => run.labels.find((l) => l.assetId === s.asset)?.code ?? s.asset))];
          return (
            <li key={run.id} className={run.id === runId ? styles.current : ''}>
              <DateTime ms={run.createdAt} />
              <span>
                {run.kind === 'free' ? 'Freed' : 'Sold'} {assets.join(', ')}
              </span>
              <span className="faint small">
                {run.steps.length} {run.steps.length === 1 ? 'order' : 'orders'} · {run.who} · {run.mode}
              </span>
              <Badge tone={status.tone}>{status.text}</Badge>
              <Button
                size="sm"
                variant="ghost"
                onClick={() => showRun(run.id)}
                aria-label={`Show the orders of ${formatDateTime(run.createdAt)}`}
              >
                Show
              </Button>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

export function SaleScreen() {
  const mode = useSaleStore((s) => s.mode);
  const runId = useSaleStore((s) => s.runId);
  const error = useSaleStore((s) => s.error);
  const open = useSaleStore((s) => s.open);
  const load = useSaleStore((s) => s.load);
  const loadRuns = useSaleStore((s) => s.loadRuns);
  const runChanged = useSaleStore((s) => s.runChanged);
  const stores = useStores();

  useEffect(() => {
    // Portfolio's "Sell through the API" and "Free it" open this screen for those balances
    const { intent, clearIntent } = stores.navigation.getState();
    if (intent?.kind === 'free') open({ kind: 'free', asset: intent.asset });
    else open({ kind: 'sell' }, intent?.kind === 'sell' ? intent.assets : undefined);
    if (intent?.kind === 'free' || intent?.kind === 'sell') clearIntent();
    void loadRuns();
  }, [stores, open, loadRuns]);
  useEffect(() => stores.api.subscribe('sale.changed', runChanged), [stores, runChanged]);

  const title = mode.kind === 'free' ? 'Free a stranded balance' : 'Sell small balances';
  const subtitle =
    mode.kind === 'free'
      ? 'Too big for Kraken’s sweep, too small for an order: top it up to the pair’s minimum, then sell it whole.'
      : 'Balances above their pair’s minimums but under your small-balance limit, sold through the API with orders you review first.';
  return (
    <div className={screenStyles.screen}>
      <ScreenHeader title={title} subtitle={subtitle} />
      {error && <ErrorNotice error={error} onRetry={() => void load()} />}
      {runId !== null ? <CurrentRun /> : mode.kind === 'free' ? <TopUpReview /> : <SellReview />}
      <RunsRecord />
    </div>
  );
}
