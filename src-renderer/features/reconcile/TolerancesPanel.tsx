import { useEffect, type FormEvent } from 'react';
import { fractionToPercent, percentToFraction } from '../../../src-shared/percent';
import { SaveRow } from '../../components/SaveRow';
import { useDraft } from '../../components/use-draft';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Panel } from '../../components/Panel';
import { useToleranceStore, type Tolerance } from './tolerance-store';

// a type, not an interface: useDraft needs it to be a record of strings
type Draft = {
  absolute: string;
  relativePercent: string;
  valueUsd: string;
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

  useEffect(() => void load(), [load]);
  if (!draft) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const ok = await save({
      absolute: draft.absolute.trim(),
      relative: percentToFraction(draft.relativePercent),
      valueUsd: draft.valueUsd.trim(),
    });
    setSaved(ok);
  };

  return (
    <Panel title="Tolerances" labelledBy="tolerances-title">
      <form className="tolerance-form" onSubmit={(event) => void submit(event)}>
        <p className="muted small tolerance-intro">
          A difference counts as in sync when it is within any one of these; otherwise it is a change to explain. Used by the next run.
        </p>
        <label className="field">
          <span>Absolute (units of the asset)</span>
          <input inputMode="decimal" value={draft.absolute} onChange={(e) => change('absolute')(e.target.value)} />
        </label>
        <label className="field">
          <span>Relative (% of the quantity)</span>
          <input inputMode="decimal" value={draft.relativePercent} onChange={(e) => change('relativePercent')(e.target.value)} />
        </label>
        <label className="field">
          <span>Value (USD)</span>
          <input inputMode="decimal" value={draft.valueUsd} onChange={(e) => change('valueUsd')(e.target.value)} />
        </label>
        <SaveRow className="tolerance-actions" label="Save tolerances" saving={saving} saved={saved} size="sm" />
      </form>
      {error && <ErrorNotice error={error} />}
    </Panel>
  );
}
