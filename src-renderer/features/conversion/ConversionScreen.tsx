import { ScreenHeader } from '../../app/ScreenHeader';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';

export function ConversionScreen() {
  const go = useNavigation((state) => state.go);
  return (
    <div className="screen">
      <ScreenHeader title="Convert small balances" subtitle="Review what Kraken will sweep, then complete it on Kraken." />
      <EmptyState title="The conversion review is not built yet" action={<Button onClick={() => go('portfolio')}>Back to Portfolio</Button>}>
        Until it is, use Kraken Pro: Portfolio › Balances › Convert small balances.
      </EmptyState>
    </div>
  );
}
