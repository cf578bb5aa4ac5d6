import { HALO_MAX_PAGE_SIZE } from '../halo/resources.js';
import { recordDate } from './dates.js';
import type { Query } from './query.js';

/** The most rows `count` returns, whatever is asked (Halo's reported hard cap). */
export const MAX_COUNT = 1000;

/** Rows returned when a list request names neither `pageinate` nor `count`. */
export const DEFAULT_ROWS = 50;

/** Collects a list endpoint's filters from the query, then applies them in one pass. */
export class RowFilter<T> {
  private readonly tests: Array<(row: T) => boolean> = [];

  constructor(private readonly q: Query) {}

  where(test: ((row: T) => boolean) | undefined): this {
    if (test !== undefined) this.tests.push(test);
    return this;
  }

  /** Integer parameter equal to the row's value. */
  eq(param: string, get: (row: T) => unknown): this {
    const wanted = this.q.int(param);
    return this.where(wanted === undefined ? undefined : (row) => get(row) === wanted);
  }

  /** Multi-value integer parameter containing the row's value. */
  oneOf(param: string, get: (row: T) => unknown): this {
    const wanted = this.q.ints(param);
    if (wanted === undefined) return this;
    const set = new Set<unknown>(wanted);
    return this.where((row) => set.has(get(row)));
  }

  /** Applies `test` only when the boolean parameter is true. */
  flag(param: string, test: (row: T) => boolean): this {
    return this.where(this.q.isTrue(param) ? test : undefined);
  }

  /** Inclusive range on a datetime field, bounds from two date parameters. */
  dateRange(startParam: string, endParam: string, get: (row: T) => unknown): this {
    const start = this.q.date(startParam);
    const end = this.q.date(endParam);
    if (start === undefined && end === undefined) return this;
    return this.where((row) => {
      const at = recordDate(get(row));
      return at !== undefined && (start === undefined || at >= start) && (end === undefined || at <= end);
    });
  }

  /** Case-insensitive substring match over the given fields. */
  search(param: string, fields: (row: T) => readonly unknown[]): this {
    const needle = this.q.str(param)?.toLowerCase();
    if (needle === undefined) return this;
    return this.where((row) =>
      fields(row).some(
        (value) =>
          (typeof value === 'string' || typeof value === 'number') &&
          String(value).toLowerCase().includes(needle),
      ),
    );
  }

  apply(rows: readonly T[]): T[] {
    const tests = this.tests;
    if (tests.length === 0) return [...rows];
    return rows.filter((row) => tests.every((test) => test(row)));
  }
}

type SortKey = number | string | null;

function sortKey(value: unknown): SortKey {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return value.toLowerCase();
  return null;
}

// SQL Server order: NULLs first when ascending, case-insensitive text.
function compareKeys(a: SortKey, b: SortKey): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Applies `order`/`orderdesc` and `order2..5`/`orderdesc2..5`. Rows arrive in the endpoint's
 * default order (by id), which breaks ties.
 */
export function orderRows<T extends object>(rows: T[], q: Query, aliases: Record<string, string> = {}): T[] {
  const levels: Array<{ field: string; desc: boolean }> = [];
  for (const suffix of ['', '2', '3', '4', '5']) {
    const raw = q.str(`order${suffix}`)?.toLowerCase();
    if (raw !== undefined) levels.push({ field: aliases[raw] ?? raw, desc: q.isTrue(`orderdesc${suffix}`) });
  }
  if (levels.length === 0) return rows;
  // Keys computed once into a flat array; sorting row indexes keeps large lists fast.
  const width = levels.length;
  const keys: SortKey[] = new Array(rows.length * width);
  for (const [i, row] of rows.entries()) {
    for (let l = 0; l < width; l++) {
      keys[i * width + l] = sortKey((row as Record<string, unknown>)[levels[l]?.field ?? '']);
    }
  }
  const desc = levels.map((level) => level.desc);
  const order = Uint32Array.from(rows.keys());
  order.sort((a, b) => {
    for (let l = 0; l < width; l++) {
      const diff = compareKeys(keys[a * width + l] ?? null, keys[b * width + l] ?? null);
      if (diff !== 0) return desc[l] ? -diff : diff;
    }
    return a - b;
  });
  return Array.from(order, (i) => rows[i] as T);
}

/**
 * Halo's list envelope. With `pageinate=true` (on endpoints that page): `page_size` rows (default
 * 50, capped at 100) of page `page_no` (1-based) plus `page_no`/`page_size`. Otherwise the first
 * `count` rows, default 50, capped at 1000 (docs/halo-api.md §8.7). `record_count` is always the
 * total number of matching rows.
 */
export function envelope<T>(
  rows: readonly T[],
  q: Query,
  key: string,
  paged: boolean,
  shape: (row: T) => unknown,
): Record<string, unknown> {
  if (paged && q.isTrue('pageinate')) {
    const asked = q.int('page_size') ?? DEFAULT_ROWS;
    const pageSize = Math.min(asked > 0 ? asked : DEFAULT_ROWS, HALO_MAX_PAGE_SIZE);
    const pageNo = Math.max(1, q.int('page_no') ?? 1);
    const page = rows.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return { page_no: pageNo, page_size: pageSize, record_count: rows.length, [key]: page.map(shape) };
  }
  const count = q.int('count');
  const limit = Math.min(count !== undefined && count > 0 ? count : DEFAULT_ROWS, MAX_COUNT);
  return { record_count: rows.length, [key]: rows.slice(0, limit).map(shape) };
}

/** A shallow copy without the named fields (the list form of a detail record). */
export function omitFields<T extends object>(row: T, fields: readonly string[]): Partial<T> {
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const field of fields) delete copy[field];
  return copy as Partial<T>;
}
