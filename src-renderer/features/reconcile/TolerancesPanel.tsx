import { useEffect, useState, type FormEvent } from 'react';
import { SETTING_BOUNDS } from '../../../src-shared/contract/settings';
import type { DecimalRule } from '../../../src-shared/decimal-input';
import { fractionToPercent, percentToFraction } from '../../../src-shared/percent';
import { NumberField } from '../../components/NumberField';
import { readNumberFields, type FieldErrors } from '../../components/read-number-fields';
import { SaveRow } from '../../components/SaveRow';
import { useDraft } from '../../components/use-draft';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useToleranceStore, type Tolerance } from './tolerance-store';
import styles from './reconcile.module.css';

// a type, not an interface: useDraft needs it to be a record of strings
type Draft = {
  absolute: string;
  relativePercent: string;
  valueUsd: string;
};

const RULES: Record<keyof Draft, DecimalRule> = {
  absolute: { ...SETTING_BOUNDS.toleranceAbsolute, example: '0.00000001' },
  relativePercent: {
    what: SETTING_BOUNDS.toleranceRelative.what,
    example: '0.01',
    min: fractionToPercent(SETTING_BOUNDS.toleranceRelative.min),
    max: fractionToPercent(SETTING_BOUNDS.toleranceRelative.max),
    unit: ' %',
  },
  valueUsd: { ...SETTING_BOUNDS.toleranceValueUsd, example: '0.01', unit: ' USD' },
};

function draftFrom(tolerance: Tolerance): Draft {
  return { absolute: tolerance.absolute, relativePercent: fractionToPercent(tolerance.relative), valueUsd: tolerance.valueUsd };
}

/** In sync or drift: a difference within ANY of these three limits counts as in sync. */
export function TolerancesPanel() {
  const tolerance = useToleranceStore((s) => s.tolerance);
  const error = useToleranceStore((s) => s.error);
  const saving = useToleranceStore((s) => s.saving);
  const load = useToleranceStore((s) => s.load);
  const save = useToleranceStore((s) => s.save);
  const { draft, change, saved, setSaved } = useDraft(tolerance, draftFrom);
  const [errors, setErrors] = useState<FieldErrors<keyof Draft>>({});

  useEffect(() => void load(), [load]);
  if (!draft) return null;

  const edit = (field: keyof Draft) => (value: string) => {
    setErrors((current) => ({ ...current, [field]: undefined }));
    change(field)(value);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { values, errors: found } = readNumberFields(draft, RULES);
    setErrors(found);
    if (values === null) return;
    const ok = await save({ absolute: values.absolute, relative: percentToFraction(values.relativePercent), valueUsd: values.valueUsd });
    setSaved(ok);
  };

  return (
    <Panel title="Tolerances" labelledBy="tolerances-title">
      <form className={styles.toleranceForm} onSubmit={(event) => void submit(event)}>
        <p className={`muted small ${styles.toleranceIntro}`}>
          A difference counts as in sync when it is within any one of these; otherwise it is a change to explain. Used by the next run.
        </p>
        <NumberField
          label="Absolute (units of the asset)"
          value={draft.absolute}
          onChange={edit('absolute')}
          error={errors.absolute ?? null}
        />
        <NumberField
          label="Relative (% of the quantity)"
          value={draft.relativePercent}
          onChange={edit('relativePercent')}
          error={errors.relativePercent ?? null}
        />
        <NumberField label="Value (USD)" value={draft.valueUsd} onChange={edit('valueUsd')} error={errors.valueUsd ?? null} />
        <SaveRow className={styles.toleranceActions} label="Save tolerances" saving={saving} saved={saved} size="sm" />
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
}
