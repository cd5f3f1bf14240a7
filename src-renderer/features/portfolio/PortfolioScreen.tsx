import { ScreenHeader } from '../../app/ScreenHeader';
import { EmptyState } from '../../components/EmptyState';

export function PortfolioScreen() {
  return (
    <div className="screen">
      <ScreenHeader title="Portfolio" subtitle="Your Kraken balances, valued in one currency, with every small balance found." />
      <EmptyState title="Portfolio is on its way">
        Balances, prices and the “Show small balances” panel appear here once the account is loaded.
      </EmptyState>
    </div>
  );
}
