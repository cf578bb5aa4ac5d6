import type { CheckResult } from '../types.js';

export type Row = Record<string, unknown>;

export interface ListShape {
  /** `envelope`: an object holding the expected key; `bare`: a JSON array; `other`: neither. */
  form: 'envelope' | 'bare' | 'other';
  rows: Row[];
  recordCount?: number;
  /** Top-level key names of an object body. */
  keys: string[];
}

export const isRow = (value: unknown): value is Row =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** How a list body is shaped, for the envelope key `key` (null: a bare array is expected). */
export function listShape(body: unknown, key: string | null): ListShape {
  if (Array.isArray(body)) return { form: 'bare', rows: body.filter(isRow), keys: [] };
  if (!isRow(body)) return { form: 'other', rows: [], keys: [] };
  const keys = Object.keys(body);
  const recordCount = typeof body.record_count === 'number' ? body.record_count : undefined;
  const list = key === null ? undefined : body[key];
  if (!Array.isArray(list))
    return { form: 'other', rows: [], keys, ...(recordCount === undefined ? {} : { recordCount }) };
  return {
    form: 'envelope',
    rows: list.filter(isRow),
    keys,
    ...(recordCount === undefined ? {} : { recordCount }),
  };
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Numbers in a column: how many are negative, positive, zero, and absent (null, missing, -1 as null). */
export function signs(values: readonly unknown[]): {
  negative: number;
  positive: number;
  zero: number;
  none: number;
} {
  const out = { negative: 0, positive: 0, zero: 0, none: 0 };
  for (const value of values) {
    if (typeof value !== 'number') out.none++;
    else if (value < 0) out.negative++;
    else if (value > 0) out.positive++;
    else out.zero++;
  }
  return out;
}

export function describeSigns(s: ReturnType<typeof signs>): string {
  const parts = [
    s.negative ? `${s.negative} negative` : '',
    s.positive ? `${s.positive} positive` : '',
    s.zero ? `${s.zero} zero` : '',
    s.none ? `${s.none} none` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none';
}

/** In how many rows a key is present (not undefined). */
export const presence = (rows: readonly Row[], key: string): number =>
  rows.filter((row) => row[key] !== undefined).length;

/** Distinct values of a small integer column with their counts, e.g. `0 (48), 4 (2)`. */
export function tally(values: readonly unknown[]): string {
  const counts = new Map<string, number>();
  for (const value of values) {
    const label =
      typeof value === 'number' && Number.isInteger(value) ? String(value) : value == null ? 'none' : 'other';
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([label, n]) => `${label} (${n})`)
    .join(', ');
}

export type Assumption = Omit<CheckResult, 'group'>;

export const assumption = (fields: Assumption): CheckResult => ({ group: 'assumption', ...fields });

export const unknown = (fields: Omit<Assumption, 'status'>): CheckResult =>
  assumption({ ...fields, status: 'UNKNOWN' });

/** A read Halo refused for permissions (listed by the access.scopes check). */
export const refused = (id: string, title: string, relied = true): CheckResult =>
  unknown({
    id,
    title,
    observed: 'not readable: Halo refused it (401/403, see the scopes check)',
    expected: 'an answer',
    relied,
  });
