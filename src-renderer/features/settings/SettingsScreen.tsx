import { ScreenHeader } from '../../app/ScreenHeader';
import { AccountsSection } from '../connect/AccountsSection';
import { AboutSection } from './AboutSection';
import { PreferencesSection } from './PreferencesSection';
import screenStyles from '../../components/screen.module.css';

export function SettingsScreen() {
  return (
    <div className={screenStyles.screen}>
      <ScreenHeader title="Settings" subtitle="Accounts, thresholds and the app itself." />
      <AccountsSection />
      <PreferencesSection />
      <AboutSection />
    </div>
  );
}
