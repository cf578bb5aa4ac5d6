import { HaloApiError } from '../../src/halo/errors.js';
import type { HaloReader, QueryParams, ResourceName, ResourceRecord } from '../../src/halo/resources.js';

// The naive baseline: straightforward code over the same REST client (same paging, retries and
// 4 requests in flight), with no loaders, no batching and no cache. Every related record the answer
// names is read by id, once per row that names it, the way most Halo integrations do it.

/** Thrown once the time budget of a baseline run is spent; the run reports what it managed. */
export class BaselineStopped extends Error {
  constructor() {
    super('baseline stopped at its time budget');
    this.name = 'BaselineStopped';
  }
}

export interface NaiveContext {
  halo: HaloReader;
  /** `YYYY-MM-DD`, the dataset's today (active rules, default revenue period). */
  today: string;
  /**
   * Runs `work` for every item, as many at a time as the client sends (so the same as
   * `Promise.all`), checking the time budget before each item starts.
   */
  each<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]>;
}

export interface BaselineRun {
  /** Items announced to `each` that had not started when the budget ran out. */
  notStarted: number;
  stopped: boolean;
}

/** Enough workers to keep the client's 4 slots busy while nested reads wait. */
const WORKERS = 8;

export function naiveContext(
  halo: HaloReader,
  today: string,
  budgetMs: number,
): { ctx: NaiveContext; run: BaselineRun } {
  const deadline = Date.now() + budgetMs;
  const run: BaselineRun = { notStarted: 0, stopped: false };
  const each = async <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => {
    const results = new Array<R>(items.length);
    let next = 0;
    run.notStarted += items.length;
    const worker = async () => {
      while (next < items.length) {
        if (run.stopped || Date.now() > deadline) {
          run.stopped = true;
          throw new BaselineStopped();
        }
        const index = next++;
        run.notStarted--;
        results[index] = await work(items[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(WORKERS, items.length) }, worker));
    return results;
  };
  return { ctx: { halo, today, each }, run };
}

/** `GET /api/<Resource>/{id}`; null for no id (`-1`, 0, absent) or a 404. */
export async function getById<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  id: number | null | undefined,
  query?: Record<string, string | boolean>,
): Promise<ResourceRecord[R] | null> {
  if (id == null || id <= 0) return null;
  try {
    return await halo.getOne(resource, id, query);
  } catch (error) {
    if (error instanceof HaloApiError && error.status === 404) return null;
    throw error;
  }
}

/** One page of `rows` as the tools page them. */
export function firstPage<T>(rows: readonly T[], size = 25): T[] {
  return rows.slice(0, size);
}

/**
 * What the answer must agree on, as one line: a count, the ids shown, and one related value per
 * row. Ours is computed from the tool's structured result, the baseline's from its own reads.
 */
export function fingerprint(parts: Record<string, unknown>): string {
  return Object.entries(parts)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

/** How many match, the ids shown and, when given, one related value per row shown. */
export function pagePrint(total: number, shown: ReadonlyArray<{ id: number }>, related?: unknown[]): string {
  return fingerprint({ total, ids: shown.map((row) => row.id), ...(related ? { related } : {}) });
}

/** `pagePrint` of a page in our structured result. */
export function oursPagePrint(
  page: { totalCount: number; items: Array<{ id: number }> },
  related?: (item: Record<string, unknown> & { id: number }) => unknown,
): string {
  return pagePrint(page.totalCount, page.items, related ? page.items.map(related) : undefined);
}

/** Page 1 (25 rows) as Halo pages it, then `perRow` for each row; its answers are the related values. */
export async function pageThenEach<R extends ResourceName>(
  ctx: NaiveContext,
  resource: R,
  query: QueryParams,
  perRow?: (row: ResourceRecord[R]) => Promise<unknown>,
): Promise<string> {
  const page = await ctx.halo.list(resource, query, { pageNo: 1, pageSize: 25 });
  const rows = page.records as Array<ResourceRecord[R] & { id: number }>;
  const related = perRow ? await ctx.each(rows, perRow) : undefined;
  return pagePrint(page.recordCount, rows, related);
}

/** Rows filtered here (Halo has no such filter): page 1 of them, then GET each row's client. */
export async function keptThenClients(
  ctx: NaiveContext,
  kept: ReadonlyArray<{ id: number; client_id?: number | null }>,
): Promise<string> {
  const shown = firstPage(kept);
  const clients = await ctx.each(shown, (row) => getById(ctx.halo, 'clients', row.client_id));
  return pagePrint(
    kept.length,
    shown,
    clients.map((c) => c?.name),
  );
}
