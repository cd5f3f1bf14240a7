import { useEffect, useState, type FormEvent } from 'react';
import { AUTO_REFRESH_MAX_SECONDS, QUOTE_CURRENCIES, SETTING_BOUNDS, type Settings } from '../../../src-shared/contract/settings';
import type { DecimalRule } from '../../../src-shared/decimal-input';
import { fractionToPercent, percentToFraction } from '../../../src-shared/percent';
import { NumberField } from '../../components/NumberField';
import { readNumberFields, type FieldErrors } from '../../components/read-number-fields';
import { SaveRow } from '../../components/SaveRow';
import { useDraft } from '../../components/use-draft';
import { StorageNotices } from '../../app/StorageNotices';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useSettingsStore } from './settings-store';
import styles from './settings.module.css';

// a type, not an interface: useDraft needs it to be a record of strings
type Draft = {
  quoteCurrency: Settings['quoteCurrency'];
  dustThresholdUsd: string;
  smallBalanceLimitUsd: string;
  borderlinePercent: string;
  feePercent: string;
  autoRefreshSeconds: string;
};

type NumberKey = Exclude<keyof Draft, 'quoteCurrency'>;

const percentRule = (bounds: { what: string; min: string; max: string }, example: string): DecimalRule => ({
  what: bounds.what,
  example,
  min: fractionToPercent(bounds.min),
  max: fractionToPercent(bounds.max),
  unit: ' %',
});

const RULES: Record<NumberKey, DecimalRule> = {
  dustThresholdUsd: { ...SETTING_BOUNDS.dustThresholdUsd, example: '1.00', unit: ' USD' },
  smallBalanceLimitUsd: { ...SETTING_BOUNDS.smallBalanceLimitUsd, example: '10', unit: ' USD' },
  borderlinePercent: percentRule(SETTING_BOUNDS.borderlineBand, '10'),
  feePercent: percentRule(SETTING_BOUNDS.conversionFeeRate, '3'),
  autoRefreshSeconds: {
    what: 'Auto-refresh',
    example: '60',
    min: '0',
    max: String(AUTO_REFRESH_MAX_SECONDS),
    whole: true,
    unit: ' seconds',
  },
};

function draftFrom(settings: Settings): Draft {
  return {
    quoteCurrency: settings.quoteCurrency,
    dustThresholdUsd: settings.dustThresholdUsd,
    smallBalanceLimitUsd: settings.smallBalanceLimitUsd,
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
  const [errors, setErrors] = useState<FieldErrors<NumberKey>>({});

  useEffect(() => void load(), [load]);
  if (!draft) return null;

  const edit = (field: NumberKey) => (value: string) => {
    setErrors((current) => ({ ...current, [field]: undefined }));
    change(field)(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { values, errors: found } = readNumberFields(draft, RULES);
    setErrors(found);
    if (values === null) return;
    const ok = await save({
      quoteCurrency: draft.quoteCurrency,
      dustThresholdUsd: values.dustThresholdUsd,
      smallBalanceLimitUsd: values.smallBalanceLimitUsd,
      borderlineBand: percentToFraction(values.borderlinePercent),
      conversionFeeRate: percentToFraction(values.feePercent),
      autoRefreshSeconds: Number.parseInt(values.autoRefreshSeconds, 10),
    });
    setSaved(ok);
  };

  return (
    <Panel title="Preferences" labelledBy="preferences-title">
      <StorageNotices files={['settings']} inPanel />
      <form className={styles.formGrid} onSubmit={(event) => void submit(event)}>
        <label>
          <span>Value balances in</span>
          <select value={draft.quoteCurrency} onChange={(event) => change('quoteCurrency')(event.target.value)}>
            {QUOTE_CURRENCIES.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
        </label>
        <NumberField
          label="Dust threshold (USD)"
          value={draft.dustThresholdUsd}
          onChange={edit('dustThresholdUsd')}
          error={errors.dustThresholdUsd ?? null}
          hint="Kraken sweeps balances worth less than about 1 USD."
        />
        <NumberField
          label="Small-balance limit (USD)"
          value={draft.smallBalanceLimitUsd}
          onChange={edit('smallBalanceLimitUsd')}
          error={errors.smallBalanceLimitUsd ?? null}
          hint="Balances worth less than this that an order can still sell are listed with the small ones, to sell through the API."
        />
        <NumberField
          label="Borderline band (± %)"
          value={draft.borderlinePercent}
          onChange={edit('borderlinePercent')}
          error={errors.borderlinePercent ?? null}
          hint="Inside this band a price move decides whether Kraken sweeps a balance."
        />
        <NumberField
          label="Kraken conversion fee (%)"
          value={draft.feePercent}
          onChange={edit('feePercent')}
          error={errors.feePercent ?? null}
        />
        <NumberField
          label="Auto-refresh (seconds, 0 = off)"
          inputMode="numeric"
          value={draft.autoRefreshSeconds}
          onChange={edit('autoRefreshSeconds')}
          error={errors.autoRefreshSeconds ?? null}
        />
        <SaveRow className={styles.formActions} label="Save preferences" saving={saving} saved={saved} variant="primary" />
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
}
