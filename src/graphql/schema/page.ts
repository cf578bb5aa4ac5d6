import type { ListResult } from '../../halo/resources.js';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 25;

export interface Page<T> {
  items: T[];
  totalCount: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface PageArgs {
  page?: number | null;
  pageSize?: number | null;
}

export const PageInput = builder.inputType('PageInput', {
  description: 'Which page of a list to return. Halo serves at most 100 rows a page.',
  fields: (t) => ({
    page: t.int({ description: 'Page number, from 1.', defaultValue: 1 }),
    pageSize: t.int({
      description: `Rows per page, 1-${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
      defaultValue: DEFAULT_PAGE_SIZE,
    }),
  }),
});

/** Validates paging arguments; out-of-range values are refused before any upstream call. */
export function pageOf(args: PageArgs | null | undefined): { pageNo: number; pageSize: number } {
  const pageNo = args?.page ?? 1;
  const pageSize = args?.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageNo) || pageNo < 1 || pageNo > 100_000) {
    throw badInput(`page must be a whole number from 1, got ${pageNo}.`);
  }
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw badInput(`pageSize must be from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}.`);
  }
  return { pageNo, pageSize };
}

export function toPage<T>(result: ListResult<T>, paging: { pageNo: number; pageSize: number }): Page<T> {
  return {
    items: result.records,
    totalCount: result.recordCount,
    page: paging.pageNo,
    pageSize: paging.pageSize,
    hasMore: paging.pageNo * paging.pageSize < result.recordCount,
  };
}

/** Pages a list already held in memory (filtered locally), with the same signal. */
export function pageArray<T>(rows: T[], paging: { pageNo: number; pageSize: number }): Page<T> {
  const start = (paging.pageNo - 1) * paging.pageSize;
  return {
    items: rows.slice(start, start + paging.pageSize),
    totalCount: rows.length,
    page: paging.pageNo,
    pageSize: paging.pageSize,
    hasMore: start + paging.pageSize < rows.length,
  };
}

/** Declares `<Name>Page`: items, totalCount, page, pageSize, hasMore. */
// biome-ignore lint/suspicious/noExplicitAny: Pothos object refs are invariant in their shape.
export function pageType<T>(name: string, item: any, description: string) {
  return builder.objectRef<Page<T>>(`${name}Page`).implement({
    description,
    fields: (t) => ({
      items: t.field({ type: [item], nullable: false, resolve: (p) => p.items }),
      totalCount: t.exposeInt('totalCount', {
        nullable: false,
        description: 'How many records match in Halo (all pages).',
      }),
      page: t.exposeInt('page', { nullable: false, description: 'This page number, from 1.' }),
      pageSize: t.exposeInt('pageSize', { nullable: false }),
      hasMore: t.exposeBoolean('hasMore', {
        nullable: false,
        description: 'True when further pages exist: the list shown is truncated.',
      }),
    }),
  });
}
