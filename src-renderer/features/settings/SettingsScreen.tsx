import { ScreenHeader } from '../../app/ScreenHeader';
import { AccountsSection } from '../connect/AccountsSection';
import { AboutSection } from './AboutSection';
import { PreferencesSection } from './PreferencesSection';

export function SettingsScreen() {
  return (
    <div className="screen">
      <ScreenHeader title="Settings" subtitle="Accounts, thresholds and the app itself." />
      <AccountsSection />
      <PreferencesSection />
      <AboutSection />
    </div>
  );
}
