import { ScreenHeader } from '../../app/ScreenHeader';
import { EmptyState } from '../../components/EmptyState';

export function ReconcileScreen() {
  return (
    <div className="screen">
      <ScreenHeader title="Reconcile" subtitle="Bring OC9's position book in line with Kraken, with every difference explained." />
      <EmptyState title="No reconcile run yet">
        After any manual change on Kraken, run Reconcile to compare OC9's book with the exchange and its ledger.
      </EmptyState>
    </div>
  );
}
