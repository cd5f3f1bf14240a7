import { useEffect, type FormEvent } from 'react';
import { QUOTE_CURRENCIES, type Settings } from '../../../src-shared/contract/settings';
import { fractionToPercent, percentToFraction } from '../../../src-shared/percent';
import { SaveRow } from '../../components/SaveRow';
import { useDraft } from '../../components/use-draft';
import { StorageNotices } from '../../app/StorageNotices';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useSettingsStore } from './settings-store';

// a type, not an interface: useDraft needs it to be a record of strings
type Draft = {
  quoteCurrency: Settings['quoteCurrency'];
  dustThresholdUsd: string;
  borderlinePercent: string;
  feePercent: string;
  autoRefreshSeconds: string;
};

function draftFrom(settings: Settings): Draft {
  return {
    quoteCurrency: settings.quoteCurrency,
    dustThresholdUsd: settings.dustThresholdUsd,
    borderlinePercent: fractionToPercent(settings.borderlineBand),
    feePercent: fractionToPercent(settings.conversionFeeRate),
    autoRefreshSeconds: String(settings.autoRefreshSeconds),
  };
}

export function PreferencesSection() {
  const settings = useSettingsStore((state) => state.settings);
  const error = useSettingsStore((state) => state.error);
  const saving = useSettingsStore((state) => state.saving);
  const load = useSettingsStore((state) => state.load);
  const save = useSettingsStore((state) => state.save);
  const { draft, change, saved, setSaved } = useDraft(settings, draftFrom);

  useEffect(() => void load(), [load]);
  if (!draft) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const refresh = Number.parseInt(draft.autoRefreshSeconds, 10);
    const ok = await save({
      quoteCurrency: draft.quoteCurrency,
      dustThresholdUsd: draft.dustThresholdUsd.trim(),
      borderlineBand: percentToFraction(draft.borderlinePercent),
      conversionFeeRate: percentToFraction(draft.feePercent),
      autoRefreshSeconds: Number.isNaN(refresh) ? -1 : refresh,
    });
    setSaved(ok);
  };

  return (
    <Panel title="Preferences" labelledBy="preferences-title">
      <StorageNotices files={['settings']} />
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <label>
          <span>Value balances in</span>
          <select value={draft.quoteCurrency} onChange={(event) => change('quoteCurrency')(event.target.value)}>
            {QUOTE_CURRENCIES.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <label>
          <span>Dust threshold (USD)</span>
          <input inputMode="decimal" value={draft.dustThresholdUsd} onChange={(event) => change('dustThresholdUsd')(event.target.value)} />
          <small>Kraken sweeps balances worth less than about 1 USD.</small>
        </label>
        <label>
          <span>Borderline band (± %)</span>
          <input inputMode="decimal" value={draft.borderlinePercent} onChange={(event) => change('borderlinePercent')(event.target.value)} />
          <small>Inside this band a price move decides whether Kraken sweeps a balance.</small>
        </label>
        <label>
          <span>Kraken conversion fee (%)</span>
          <input inputMode="decimal" value={draft.feePercent} onChange={(event) => change('feePercent')(event.target.value)} />
        </label>
        <label>
          <span>Auto-refresh (seconds, 0 = off)</span>
          <input inputMode="numeric" value={draft.autoRefreshSeconds} onChange={(event) => change('autoRefreshSeconds')(event.target.value)} />
        </label>
        <SaveRow className="form-actions" label="Save preferences" saving={saving} saved={saved} variant="primary" />
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
}
