// What can still be kept of a saved file that no longer fits its schema: every record (list item, keyed entry,
// field) that still parses on its own is kept; what does not is dropped and named, so one bad receipt costs one
// receipt, not the whole history. A field that cannot be kept falls back to the file's default for it, else to
// null, an empty list, or its schema's default.
import { z } from 'zod';

export interface Salvaged<T> {
  value: T;
  /** Paths of what was dropped, such as `accounts.acct-1.receipts[3]`. */
  dropped: string[];
}

type Attempt = { ok: true; value: unknown } | { ok: false };

export function salvage<T>(schema: z.ZodType<T>, data: unknown, fallback: T): Salvaged<T> {
  const dropped: string[] = [];
  const kept = keep(schema, data, '', dropped, fallback);
  const checked = kept.ok ? schema.safeParse(kept.value) : undefined;
  if (checked?.success) return { value: checked.data, dropped };
  return { value: fallback, dropped: ['(everything)'] };
}

function keep(schema: z.ZodType, data: unknown, path: string, dropped: string[], fallback?: unknown): Attempt {
  const whole = schema.safeParse(data);
  if (whole.success) return { ok: true, value: whole.data };
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional) {
    const inner = keep(schema.unwrap() as z.ZodType, data, path, dropped);
    return inner.ok ? inner : give(dropped, path, schema instanceof z.ZodNullable ? null : undefined);
  }
  if (schema instanceof z.ZodDefault) {
    const inner = keep(schema.unwrap() as z.ZodType, data, path, dropped);
    return inner.ok ? inner : give(dropped, path, schema.parse(undefined));
  }
  if (schema instanceof z.ZodArray) {
    if (!Array.isArray(data)) return give(dropped, path, []);
    const items: unknown[] = [];
    data.forEach((item, index) => {
      const one = keep(schema.element as z.ZodType, item, `${path}[${index}]`, dropped);
      if (one.ok) items.push(one.value);
      else dropped.push(`${path}[${index}]`);
    });
    return { ok: true, value: items };
  }
  if (schema instanceof z.ZodRecord) {
    if (!isPlainObject(data)) return give(dropped, path, {});
    const entries: [string, unknown][] = [];
    for (const [key, value] of Object.entries(data)) {
      const one = keep(schema.valueType as z.ZodType, value, join(path, key), dropped);
      if (one.ok) entries.push([key, one.value]);
      else dropped.push(join(path, key));
    }
    return { ok: true, value: Object.fromEntries(entries) };
  }
  if (schema instanceof z.ZodObject && isPlainObject(data)) {
    const out: Record<string, unknown> = {};
    const shape: Record<string, z.ZodType> = schema.shape;
    for (const [key, field] of Object.entries(shape)) {
      const given = isPlainObject(fallback) ? fallback[key] : undefined;
      const kept = keep(field, data[key], join(path, key), dropped, given);
      const one = kept.ok || given === undefined ? kept : give(dropped, join(path, key), given);
      if (!one.ok) return { ok: false };
      if (one.value !== undefined) out[key] = one.value;
    }
    const assembled = schema.safeParse(out);
    return assembled.success ? { ok: true, value: assembled.data } : { ok: false };
  }
  return { ok: false };
}

/** A field that could not be kept, replaced by an empty value its schema allows. */
function give(dropped: string[], path: string, empty: unknown): Attempt {
  dropped.push(path === '' ? '(root)' : path);
  return { ok: true, value: empty };
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
