import { GraphQLError } from 'graphql';
import type { HaloReport, HaloReportContent } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badInput, type ErrorCode } from '../errors.js';
import { loadOrNotFound, requireId, searchText } from './args.js';
import { PageInput, pageOf, pageType, toPage } from './page.js';
import { ReportRef } from './refs.js';

export const DEFAULT_REPORT_ROWS = 100;
export const MAX_REPORT_ROWS = 1000;
const MAX_ERROR_TEXT = 300;

const LIMIT_NOTE = `Most rows to return, 1-${MAX_REPORT_ROWS} (default ${DEFAULT_REPORT_ROWS}).`;

const SCOPE_NOTE =
  'Runs the saved report in Halo (`GET /api/Report/{id}?loadreport=true`); the API application needs the `read:reporting` scope and the agent must be allowed to run it.';

export interface ReportResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
  rowCount: number;
  truncated: boolean;
}

function reportError(id: number, reason: string): GraphQLError {
  const text = reason.length > MAX_ERROR_TEXT ? `${reason.slice(0, MAX_ERROR_TEXT - 3)}...` : reason;
  return new GraphQLError(`Report ${id} could not be run in Halo: ${text}`, {
    extensions: { code: 'HALO_BAD_REQUEST' satisfies ErrorCode, reportId: id },
  });
}

function rowLimit(limit: number | null | undefined): number {
  const wanted = limit ?? DEFAULT_REPORT_ROWS;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > MAX_REPORT_ROWS) {
    throw badInput(`limit must be from 1 to ${MAX_REPORT_ROWS}, got ${wanted}.`);
  }
  return wanted;
}

/** Runs a report once per request and keeps the first `limit` rows; `load_error` becomes an error. */
async function runReport(ctx: GraphQLContext, id: number, limit: number): Promise<ReportResult> {
  const body = (await ctx.loaders.reportRun.load(id)) as HaloReport | null;
  const content: HaloReportContent | undefined = body?.report;
  if (typeof content?.load_error === 'string' && content.load_error.trim() !== '') {
    throw reportError(id, content.load_error.trim());
  }
  if (!Array.isArray(content?.rows)) throw reportError(id, 'Halo returned no rows for it.');
  const all = content.rows;
  const columns = new Set<string>();
  for (const row of all) for (const key of Object.keys(row ?? {})) columns.add(key);
  return {
    columns: [...columns],
    rows: all.slice(0, limit),
    rowCount: all.length,
    truncated: all.length > limit,
  };
}

const ReportResultRef = builder.objectRef<ReportResult>('ReportResult').implement({
  description: 'The rows a saved report produced when run.',
  fields: (t) => ({
    columns: t.stringList({
      nullable: false,
      description: 'Column names (the keys of the rows), in the order Halo first sent them.',
      resolve: (r) => r.columns,
    }),
    rows: t.field({
      type: ['JSON'],
      nullable: false,
      description: 'Rows as objects keyed by column name, at most `limit`.',
      resolve: (r) => r.rows,
    }),
    rowCount: t.exposeInt('rowCount', { nullable: false, description: 'Rows the report produced in Halo.' }),
    truncated: t.exposeBoolean('truncated', {
      nullable: false,
      description: 'True when the report produced more rows than `limit`; only the first ones are here.',
    }),
  }),
});

ReportRef.implement({
  description: 'A saved report (Halo `Report`, spec `AnalyzerProfile`).',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    description: t.exposeString('description'),
    group: t.exposeString('group_name', { description: 'Report group it is filed under.' }),
    type: t.exposeInt('type', {
      description: "Halo's report type code, as sent (its meanings are unverified).",
    }),
    isPublished: t.boolean({ nullable: false, resolve: (r) => r.is_published === true }),
    rows: t.field({
      type: ReportResultRef,
      nullable: false,
      description: `The report's rows. ${SCOPE_NOTE}`,
      args: { limit: t.arg.int({ description: LIMIT_NOTE }) },
      resolve: (r, args, ctx) => runReport(ctx, r.id, rowLimit(args.limit)),
    }),
  }),
});

const ReportPage = pageType<HaloReport>('Report', ReportRef, 'A page of saved reports.');

builder.queryFields((t) => ({
  report: t.field({
    type: ReportRef,
    nullable: false,
    description: "One saved report's definition by id.",
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.report, args.id, 'report'),
  }),
  reports: t.field({
    type: ReportPage,
    nullable: false,
    description: 'Saved reports, optionally narrowed by a search on their name.',
    args: {
      search: t.arg.string({ description: "Halo's free-text `search`." }),
      page: t.arg({ type: PageInput }),
    },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const result = await ctx.halo.list('reports', { search: searchText(args.search) }, paging);
      ctx.loaders.prime('reports', result.records);
      return toPage(result, paging);
    },
  }),
  runReport: t.field({
    type: ReportResultRef,
    nullable: false,
    description: `Runs a saved report by id and returns its rows. ${SCOPE_NOTE}`,
    args: {
      id: t.arg.int({ required: true }),
      limit: t.arg.int({ description: LIMIT_NOTE }),
    },
    resolve: (_root, args, ctx) => {
      const id = requireId(args.id, 'report id');
      return runReport(ctx, id, rowLimit(args.limit));
    },
  }),
}));
