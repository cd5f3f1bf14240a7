import { ScreenHeader } from '../../app/ScreenHeader';
import { EmptyState } from '../../components/EmptyState';

export function HistoryScreen() {
  return (
    <div className="screen">
      <ScreenHeader title="History" subtitle="Small-balance conversions, each proven against Kraken's ledger." />
      <EmptyState title="No conversions yet">
        When you convert small balances, the receipt appears here with every asset and its converted amount.
      </EmptyState>
    </div>
  );
}
