// The editing state of a settings form: a text draft made from what the main side holds, remade whenever that
// changes, with a "saved" flag that any edit clears.
import { useEffect, useState } from 'react';

export interface Draft<D> {
  draft: D | null;
  /** The onChange of one field. */
  change: (field: keyof D) => (value: string) => void;
  saved: boolean;
  setSaved: (saved: boolean) => void;
}

/** `toDraft` must keep its identity across renders (a module-level function). */
export function useDraft<S, D extends Record<string, string>>(source: S | null, toDraft: (source: S) => D): Draft<D> {
  const [draft, setDraft] = useState<D | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (source) setDraft(toDraft(source));
  }, [source, toDraft]);
  const change = (field: keyof D) => (value: string) => {
    setSaved(false);
    setDraft((current) => (current ? { ...current, [field]: value } : current));
  };
  return { draft, change, saved, setSaved };
}
