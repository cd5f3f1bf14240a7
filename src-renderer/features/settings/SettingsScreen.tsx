import { ScreenHeader } from '../../app/ScreenHeader';
import { AboutSection } from './AboutSection';

export function SettingsScreen() {
  return (
    <div className="screen">
      <ScreenHeader title="Settings" subtitle="Accounts, thresholds and the app itself." />
      <AboutSection />
    </div>
  );
}
