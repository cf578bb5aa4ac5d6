import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';
import type { LogEntry } from '../../src/simulator/types.js';
import { type GraphQLHarness, startGraphQLHarness } from '../helpers/graphql.js';

function reportDataset(): Dataset {
  const data = emptyDataset('2026-06-15');
  data.reports.push(
    {
      id: 21,
      name: 'Open tickets by client',
      description: 'Counts open tickets per client',
      group_name: 'Service desk',
      type: 0,
      is_published: true,
      rows: [
        { client: 'Acme', open: 4 },
        { client: 'Beta', open: 2, oldest: '2026-05-01' },
        { client: 'Gamma', open: 1 },
      ],
    },
    { id: 22, name: 'Invoice ageing', group_name: 'Finance', type: 1, rows: [] },
  );
  return data;
}

const describeRequest = (e: LogEntry) =>
  `${e.path.replace(/^\/api/, '')}?${Object.entries(e.query)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join('&')}`;

let h: GraphQLHarness;

beforeAll(async () => {
  h = await startGraphQLHarness({ dataset: reportDataset() });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.resetLog();
  h.sim.faults.clear();
});

describe('reports', () => {
  it('lists saved reports by search with their definitions', async () => {
    const result = await h.run(
      '{ reports(search: "ticket") { totalCount items { id name description group type isPublished } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.reports).toEqual({
      totalCount: 1,
      items: [
        {
          id: 21,
          name: 'Open tickets by client',
          description: 'Counts open tickets per client',
          group: 'Service desk',
          type: 0,
          isPublished: true,
        },
      ],
    });
    expect(h.requests().map(describeRequest)).toEqual([
      '/Report?page_no=1&page_size=25&pageinate=true&search=ticket',
    ]);
  });

  it('runs a report once however many times its rows are asked for, with columns and truncation', async () => {
    const result = await h.run(`{ report(id: 21) {
      name
      first: rows(limit: 2) { columns rows rowCount truncated }
      all: rows { rowCount truncated }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.report).toEqual({
      name: 'Open tickets by client',
      first: {
        columns: ['client', 'open', 'oldest'],
        rows: [
          { client: 'Acme', open: 4 },
          { client: 'Beta', open: 2, oldest: '2026-05-01' },
        ],
        rowCount: 3,
        truncated: true,
      },
      all: { rowCount: 3, truncated: false },
    });
    expect(h.requests().map(describeRequest)).toEqual(['/Report/21?', '/Report/21?loadreport=true']);
  });

  it('runs a report by id without reading its definition first', async () => {
    const result = await h.run('{ runReport(id: 22) { columns rows rowCount truncated } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.runReport).toEqual({ columns: [], rows: [], rowCount: 0, truncated: false });
    expect(h.requests().map(describeRequest)).toEqual(['/Report/22?loadreport=true']);
  });

  it("turns Halo's load_error into a clear error", async () => {
    h.sim.faults.failNext(1, 200, {
      pathPrefix: '/api/Report/21',
      body: {
        id: 21,
        name: 'Open tickets by client',
        report: { loaded: false, load_error: "Invalid column name 'opne'.", rows: [] },
      },
    });
    const result = await h.run('{ runReport(id: 21) { rowCount } }');
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toBe(
      "Report 21 could not be run in Halo: Invalid column name 'opne'.",
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'HALO_BAD_REQUEST', reportId: 21 });
    expect(h.requests()).toHaveLength(1);
  });

  it('refuses a row limit above 1000 before any upstream call', async () => {
    const result = await h.run('{ runReport(id: 21, limit: 1001) { rowCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('1000');
    expect(h.requests()).toHaveLength(0);
  });

  it('answers HALO_NOT_FOUND for an unknown report, for its definition and for a run', async () => {
    const result = await h.run('{ report(id: 99) { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
    const run = await h.run('{ runReport(id: 99) { rowCount } }');
    expect(run.errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
    expect(h.requests().map(describeRequest)).toEqual(['/Report/99?', '/Report/99?loadreport=true']);
  });
});
