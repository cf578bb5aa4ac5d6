import { badResponse } from './errors.js';
import { HALO_MAX_PAGE_SIZE, type ListResult, type QueryParams } from './resources.js';

/** GETs the list endpoint with the given query; resolves to the normalised body. */
export type ListReader = (query: QueryParams) => Promise<unknown>;

export interface Page {
  rows: unknown[];
  /** Halo's `record_count` (total matches), when the body carried one. */
  recordCount?: number;
}

/**
 * Finds the rows in a list body: a bare array, or the registry's envelope key. A body with neither
 * (e.g. `{}`) is an error naming the endpoint, never an empty answer. Lists the registry expects
 * bare (`key` null; several are unverified) may also come wrapped: their one array is taken.
 */
export function extractPage(body: unknown, key: string | null, endpoint: string): Page {
  if (Array.isArray(body)) return { rows: body };
  if (body === null || typeof body !== 'object') throw badResponse(endpoint, 200, 'no list in the body');
  const record = body as Record<string, unknown>;
  const count = typeof record.record_count === 'number' ? record.record_count : undefined;
  const rows = key === null ? Object.values(record).find(Array.isArray) : record[key];
  if (!Array.isArray(rows)) {
    const keys = Object.keys(record).slice(0, 8);
    const wanted = key === null ? 'list' : `"${key}" list`;
    const seen = keys.length ? `keys: ${keys.join(', ')}` : 'an empty object';
    throw badResponse(endpoint, 200, `no ${wanted} (${seen})`);
  }
  return { rows, ...(count === undefined ? {} : { recordCount: count }) };
}

export interface WalkOptions {
  read: ListReader;
  query: QueryParams;
  key: string | null;
  endpoint: string;
  pageSize: number;
  maxRecords: number;
  concurrency: number;
}

export const clampPageSize = (size: number | undefined): number =>
  Math.max(1, Math.min(HALO_MAX_PAGE_SIZE, Math.floor(size ?? HALO_MAX_PAGE_SIZE)));

const pageQuery = (query: QueryParams, pageNo: number, pageSize: number): QueryParams => ({
  ...query,
  pageinate: true,
  page_size: pageSize,
  page_no: pageNo,
});

/** Cheap identity of a page, to notice a server that ignores `page_no` and repeats itself. */
const signature = (rows: unknown[]): string => `${rows.length}:${JSON.stringify(rows[0])}`;

function result(
  rows: unknown[],
  recordCount: number,
  maxRecords: number,
  pagesRead: number,
): ListResult<unknown> {
  const records = rows.length > maxRecords ? rows.slice(0, maxRecords) : rows;
  return { records, recordCount, truncated: recordCount > records.length, pagesRead };
}

async function fetchPage(options: WalkOptions, pageNo: number): Promise<Page> {
  const body = await options.read(pageQuery(options.query, pageNo, options.pageSize));
  return extractPage(body, options.key, options.endpoint);
}

/** Reads exactly one page. */
export async function readPage(options: WalkOptions, pageNo: number): Promise<ListResult<unknown>> {
  const page = await fetchPage(options, pageNo);
  return result(page.rows, page.recordCount ?? page.rows.length, options.maxRecords, 1);
}

/**
 * Reads a list that takes no paging parameters, in one GET. Enveloped ones (Actions) return only
 * `count` rows, 50 by default, so ask for up to `maxRecords` unless the caller chose a count.
 */
export async function readUnpaged(options: WalkOptions): Promise<ListResult<unknown>> {
  const query =
    options.key !== null && options.query.count === undefined
      ? { ...options.query, count: options.maxRecords }
      : options.query;
  const page = extractPage(await options.read(query), options.key, options.endpoint);
  return result(page.rows, page.recordCount ?? page.rows.length, options.maxRecords, 1);
}

/**
 * Walks every page: page 1 reveals `record_count`, the rest are read concurrently. Stops early on an
 * empty page or a page that repeats page 1, and never reads past `maxRecords`.
 */
export async function walkPages(options: WalkOptions): Promise<ListResult<unknown>> {
  const first = await fetchPage(options, 1);
  if (first.recordCount === undefined) return walkUncounted(options, first.rows);

  const total = first.recordCount;
  const wanted = Math.min(total, options.maxRecords);
  if (first.rows.length === 0 || first.rows.length >= wanted) {
    return result(first.rows, total, options.maxRecords, 1);
  }
  // The first page is full by the server's measure, which may be smaller than what was asked.
  const lastPage = Math.ceil(wanted / first.rows.length);
  const firstSignature = signature(first.rows);
  const pages = new Map<number, unknown[]>();
  let next = 2;
  let stop = false;
  const worker = async () => {
    while (!stop && next <= lastPage) {
      const pageNo = next++;
      try {
        const { rows } = await fetchPage(options, pageNo);
        pages.set(pageNo, rows);
        if (rows.length === 0 || signature(rows) === firstSignature) stop = true;
      } catch (error) {
        stop = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, lastPage - 1));
  await Promise.all(Array.from({ length: workers }, worker));

  const rows = [...first.rows];
  let previous = firstSignature;
  for (let pageNo = 2; pageNo <= lastPage; pageNo++) {
    const page = pages.get(pageNo);
    if (!page || page.length === 0 || signature(page) === previous) break;
    rows.push(...page);
    previous = signature(page);
  }
  return result(rows, total, options.maxRecords, 1 + pages.size);
}

/** Without `record_count` the end is only visible as a short, empty or repeated page: read in order. */
async function walkUncounted(options: WalkOptions, firstRows: unknown[]): Promise<ListResult<unknown>> {
  const rows = [...firstRows];
  let last = firstRows;
  let pagesRead = 1;
  let more = firstRows.length >= options.pageSize;
  while (more && rows.length < options.maxRecords) {
    const { rows: page } = await fetchPage(options, pagesRead + 1);
    pagesRead++;
    if (page.length === 0 || signature(page) === signature(last)) {
      more = false;
      break;
    }
    rows.push(...page);
    more = page.length >= options.pageSize;
    last = page;
  }
  const records = rows.slice(0, options.maxRecords);
  const truncated = rows.length > options.maxRecords || (more && rows.length >= options.maxRecords);
  return { records, recordCount: rows.length, truncated, pagesRead };
}
