import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';
import { type GraphQLHarness, startGraphQLHarness } from '../helpers/graphql.js';
import { TEST_CLIENT_SECRET } from '../helpers/halo.js';

function smallDataset(): Dataset {
  const data = emptyDataset('2026-06-15');
  data.clients.push({ id: 1, name: 'Client 1' });
  data.contracts.push({ id: 10, client_id: 1, ref: 'C-10', active: true });
  data.invoices.push({
    id: 1000,
    client_id: 1,
    invoicenumber: 'INV-1000',
    invoice_date: '2026-03-01T00:00:00',
    lines: [],
  });
  return data;
}

let h: GraphQLHarness;

beforeAll(async () => {
  h = await startGraphQLHarness({ dataset: smallDataset() });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.sim.faults.clear();
  h.reference.clear();
  h.resetLog();
});

const INVOICES = '{ invoices(filter: {includeVoided: true}) { totalCount } }';

describe('upstream failures', () => {
  it.each([
    { status: 404, code: 'HALO_NOT_FOUND', attempts: 1 },
    { status: 403, code: 'HALO_FORBIDDEN', attempts: 1 },
    // A 500 is retried once on a GET; 429 and 503 up to 3 times in the test client.
    { status: 500, code: 'HALO_UNAVAILABLE', attempts: 2 },
    { status: 429, code: 'HALO_RATE_LIMITED', attempts: 4 },
    { status: 503, code: 'HALO_UNAVAILABLE', attempts: 4 },
  ])('maps an upstream $status to $code', async ({ status, code, attempts }) => {
    h.sim.faults.failNext(attempts, status, { pathPrefix: '/api/Invoice' });
    const result = await h.run(INVOICES);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code,
      status,
      endpoint: expect.stringContaining('/api/Invoice'),
    });
    expect(result.errors?.[0]?.message).toContain(`(${status})`);
    expect(h.requests()).toHaveLength(attempts);
  });

  it('keeps secrets and tokens out of error messages, even when Halo echoes them', async () => {
    h.sim.faults.failNext(2, 500, {
      pathPrefix: '/api/Invoice',
      body: {
        Message: `Login failed for client_secret=${TEST_CLIENT_SECRET} with Bearer eyJhbGciOi.secret.token`,
      },
    });
    const result = await h.run(INVOICES);
    const text = JSON.stringify(result);
    expect(result.errors?.[0]?.extensions?.code).toBe('HALO_UNAVAILABLE');
    expect(text).not.toContain(TEST_CLIENT_SECRET);
    expect(text).not.toContain('eyJhbGciOi.secret.token');
    expect(text).toContain('[REDACTED]');
  });

  it('fails only the field whose relation failed, keeping the rest of the answer', async () => {
    h.sim.faults.failNext(1, 403, { pathPrefix: '/api/ClientContract' });
    const result = await h.run('{ invoice(id: 1000) { id number client { id contracts { id } } } }');
    expect(result.data.invoice).toEqual({ id: 1000, number: 'INV-1000', client: null });
    expect(result.errors?.[0]).toMatchObject({
      path: ['invoice', 'client', 'contracts'],
      extensions: { code: 'HALO_FORBIDDEN' },
    });
  });
});

describe('operation limits', () => {
  const nest = (levels: number): string =>
    levels === 0 ? 'id' : `recurringInvoices { contract { ${nest(levels - 1)} } }`;

  it.each([
    {
      limit: 'depth',
      query: `{ contract(id: 10) { ${nest(4)} } }`,
      message: /nested \d+ levels deep; the limit is 8/,
    },
    {
      limit: 'field count',
      query: `{ contract(id: 10) { ${Array.from({ length: 450 }, (_, i) => `f${i}: reference`).join(' ')} } }`,
      message: /selects \d+ fields; the limit is 400/,
    },
    {
      limit: 'cost',
      query:
        '{ invoices(page: {pageSize: 100}) { items { lines { recurringTemplate { lines { contract { id } } } } } } }',
      message: /too expensive .* the limit is 20000/,
    },
  ])('refuses an operation over the $limit limit before any upstream call', async ({ query, message }) => {
    const result = await h.run(query);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(h.requests()).toHaveLength(0);
  });

  it('refuses an alias bomb of list queries before any upstream call', async () => {
    const aliases = Array.from({ length: 250 }, (_, i) => `q${i}: invoices { totalCount }`).join('\n');
    const result = await h.run(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/selects \d+ fields; the limit is 400/);
    expect(h.requests()).toHaveLength(0);
  });

  it.each([
    {
      arg: 'an oversized page',
      query: '{ invoices(page: {pageSize: 500}) { totalCount } }',
      message: /pageSize must be from 1 to 100/,
    },
    {
      arg: 'a zero id',
      query: '{ contract(id: 0) { id } }',
      message: /contract id must be a positive whole number/,
    },
    {
      arg: 'a zero row limit',
      query: '{ runReport(id: 1, limit: 0) { rowCount } }',
      message: /limit must be from 1 to 1000/,
    },
    {
      arg: 'an overlong search',
      query: `{ assets(filter: {search: "${'x'.repeat(201)}"}) { totalCount } }`,
      message: /search is limited to 200 characters/,
    },
    {
      arg: 'an impossible date',
      query: '{ invoices(filter: {from: "2026-02-30"}) { totalCount } }',
      message: /not a real calendar date/,
    },
  ])('refuses $arg before any upstream call', async ({ query, message }) => {
    const result = await h.run(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(h.requests()).toHaveLength(0);
  });
});
