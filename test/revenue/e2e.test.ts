import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HaloClient, HaloContract, HaloInvoice } from '../../src/halo/types.js';
import { type Dataset, emptyDataset, type LogEntry } from '../../src/simulator/index.js';
import { type McpHarness, startMcpHarness } from '../mcp/harness.js';
import * as fixture from './fixture.js';

// The hand-built fixture served in Halo's wire form by the real simulator, read by the real REST
// client, answered through GraphQL and through the MCP tool (SDK client, in memory). Request counts
// are for a cold reference cache unless a test says otherwise.

const { ACME, BETA, DELTA, EPSILON } = fixture.CLIENT_IDS;

/** Normalised fixture records back to wire form: zone-less datetimes, sentinels for unset dates. */
function toWire<T extends { id: number }>(
  resource: (typeof fixture.sentinelDates)[number]['resource'],
  rows: T[],
): T[] {
  const zoneless = (value: unknown): unknown => {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(value)) return value.slice(0, -1);
    if (Array.isArray(value)) return value.map(zoneless);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, zoneless(item)]));
    }
    return value;
  };
  return rows.map((row) => {
    const wire = zoneless(row) as Record<string, unknown>;
    for (const unset of fixture.sentinelDates) {
      if (unset.resource === resource && unset.id === row.id) wire[unset.field] = fixture.SENTINEL_DATE;
    }
    // Halo writes -1 for "no reference"; the client must read it as none.
    for (const key of ['contract_id', 'ticket_id', 'recurring_invoice_id']) wire[key] ??= -1;
    return wire as T;
  });
}

/**
 * `extra` more GBP clients, each with a weekly template of 10 (43.333... a month), a contract
 * charging 30 a month on its own (`billingperiod` 3, whose text only the detail carries) and one
 * invoice of 100: all on the same single page of each collection as the fixture.
 */
function wireDataset(extra = 0): Dataset {
  const clients: HaloClient[] = [...fixture.clients];
  const templates: HaloInvoice[] = [];
  const contracts: HaloContract[] = [];
  const invoices: HaloInvoice[] = [];
  for (let k = 1; k <= extra; k++) {
    const id = 100 + k;
    clients.push({ id, name: `Extra ${k}` });
    templates.push({
      id: -(1000 + k),
      schedule: { every: 1 },
      client_id: id,
      reference: `Backup ${k}`,
      currency: 'GBP',
      periodname: 'Weekly',
      startdate: '2025-01-01T00:00:00Z',
      lines: [{ id: 20_000 + k, qty_order: 1, unit_price: 10 }],
    });
    contracts.push({
      id: 2000 + k,
      ref: `EXTRA-${k}`,
      client_id: id,
      active: true,
      start_date: '2025-01-01T00:00:00Z',
      periodchargeamount: 30,
      billingperiod: 3,
      billing_period_string: 'Monthly',
    });
    invoices.push({
      id: 3000 + k,
      invoicenumber: `X-${k}`,
      client_id: id,
      currency: 'GBP',
      invoice_date: '2026-01-15T00:00:00Z',
      total: 120,
      tax_total: 20,
      lines: [{ id: 40_000 + k, net_total: 100 }],
    });
  }
  return {
    ...emptyDataset(fixture.TODAY),
    clients,
    recurringInvoices: toWire('recurringInvoices', [...fixture.recurringInvoices, ...templates]),
    scheduleOnDetailOnly: fixture.scheduleOnDetailOnly,
    contracts: toWire('contracts', [...fixture.contracts, ...contracts]),
    invoices: toWire('invoices', [...fixture.invoices, ...invoices]),
  };
}

// Aliases give the core's own (snake_case) names, so answers compare with the fixture directly.
const FIGURES = `
fragment Figures on InvoicedFigures {
  currency recurring recurring_split: recurringSplit { template contract }
  non_recurring: nonRecurring non_recurring_split: nonRecurringSplit { ticket item other }
  total tax recurring_share: recurringShare invoice_count: invoiceCount credit_note_count: creditNoteCount
}`;
const FRAGMENTS = `${FIGURES}
fragment Cited on RevenueInvoice { id number date net_amount: netAmount amount }
fragment Breakdown on RevenueBreakdown {
  client { id name } period { from to } today currency
  contracted {
    currency mrr arr unknown_count: unknownCount
    templates {
      id reference period every amount_per_occurrence: amountPerOccurrence monthly_value: monthlyValue
      counted_as: countedAs contract_id: contractId currency
    }
    contracts {
      id ref: reference periodchargeamount: periodCharge billing_period: billingPeriod
      monthly_value: monthlyValue counted_as: countedAs template_ids: templateIds
    }
  }
  by_currency: byCurrency { ...Figures largest { recurring { ...Cited } non_recurring: nonRecurring { ...Cited } } }
  excluded_invoices: excludedInvoices { voided outside_period: outsidePeriod undated }
  warnings
}`;

const CLIENT_REVENUE = `query ($id: Int!) { client(id: $id) { revenue { ...Breakdown } } } ${FRAGMENTS}`;
const BREAKDOWN = `query ($clientId: Int, $from: Date, $to: Date, $limit: Int) {
  revenueBreakdown(clientId: $clientId, from: $from, to: $to, limit: $limit) { client { ...Breakdown } }
} ${FRAGMENTS}`;
const PORTFOLIO = `query ($limit: Int) {
  revenuePortfolio(limit: $limit) {
    period { from to } total_clients: totalClients clients_considered: clientsConsidered limit truncated currency
    totals { client_count: clientCount mrr arr ...Figures }
    rows { client { id name } contracted { currency mrr } by_currency: byCurrency { ...Figures } }
    warnings
  }
} ${FIGURES}`;

/** GraphQL enum values (RECURRING_TEMPLATE) back to the core's (recurring_template). */
function coreCase<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, item) =>
    key === 'counted_as' && typeof item === 'string' ? item.toLowerCase() : item,
  );
}

/** The fixture's (core, snake_case) figures under the GraphQL field names. */
function camelCase<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value), (_key, item) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.entries(item).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
      );
    }
    return item;
  });
}

/** `GET path?sorted query` per request, sorted, paging parameters dropped. */
function requestLines(requests: LogEntry[]): string[] {
  const paging = new Set(['pageinate', 'page_size', 'page_no']);
  return requests
    .map((r) => {
      const query = Object.entries(r.query)
        .filter(([key]) => !paging.has(key))
        .map(([key, value]) => `${key}=${value}`)
        .sort()
        .join('&');
      return query ? `${r.path}?${query}` : r.path;
    })
    .sort();
}

const PERIOD_QUERY = 'invoicedateend=2026-06-15T23:59:59.999Z&invoicedatestart=2025-06-16T00:00:00.000Z';
const INVOICE_KINDS = 'includecredits=true&includeinvoices=true';
const INVOICE_LIST = `${INVOICE_KINDS}&includelines=true&includepoinvoices=false&${PERIOD_QUERY}&order2=id&order=invoice_date&orderdesc2=true&orderdesc=true`;

/** What one client costs: its templates, contracts and invoices, plus the detail reads it needs. */
function clientReads(id: number, details: string[]): string[] {
  return [
    `/api/ClientContract?client_id=${id}&includeinactive=true`,
    `/api/Invoice?client_id=${id}&${INVOICE_LIST}`,
    `/api/RecurringInvoice?client_id=${id}&includelines=true`,
    ...details,
  ].sort();
}

// Template -114 has no lines; template -109's list row has no schedule (so no `every`); template
// -117 has no schedule at all, and only its detail read can tell. Those are the three template
// detail reads above the minimum of one list read. Acme's active contracts carry no period code
// except 204 (code 4), so each needs its own detail read for the period text, which the list
// leaves out.
const ACME_DETAILS = [
  ...[201, 202, 204, 205, 206, 207, 208].map((id) => `/api/ClientContract/${id}?includedetails=true`),
  ...[-109, -114, -117].map((id) => `/api/RecurringInvoice/${id}?includedetails=true`),
];
const PORTFOLIO_READS = [
  '/api/Client?includeactive=true&includeinactive=true',
  '/api/ClientContract?includeinactive=true',
  '/api/ClientContract/209?includedetails=true',
  `/api/Invoice?${INVOICE_LIST}`,
  '/api/RecurringInvoice?includelines=true',
  ...ACME_DETAILS,
].sort();

// The simulator filters by date, so invoices 308 and 309 (outside) and 312 (sentinel date) are
// never sent: the core's own exclusion counts only see the voided one.
const ACME_EXCLUDED_ON_THE_WIRE = { voided: 1, outside_period: 0, undated: 0 };

const FIGURE_KEYS = ['total', 'tax', 'recurring', 'non_recurring', 'invoice_count'] as const;
const money = (value: number) => Math.round(value * 100) / 100;
const sumOf = (values: number[]) => money(values.reduce((total, value) => total + value, 0));

let h: McpHarness;
beforeAll(async () => {
  h = await startMcpHarness({ dataset: wireDataset() });
});
afterAll(() => h.stop());

/** Runs an operation from a cold start (empty reference cache, empty request log). */
async function cold(query: string, variables: Record<string, unknown> = {}) {
  h.reference.clear();
  h.resetLog();
  const result = await h.run(query, variables);
  return { ...result, requests: h.requests() };
}

describe('revenue breakdown through GraphQL', () => {
  it("computes Acme's run-rate and actuals end to end, in 14 requests", async () => {
    const { data, errors, requests } = await cold(CLIENT_REVENUE, { id: ACME });
    expect(errors).toBeUndefined();
    const revenue = coreCase(data.client.revenue);
    expect(revenue.client).toEqual({ id: ACME, name: 'Acme Ltd' });
    expect(revenue.period).toEqual(fixture.PERIOD);
    expect(revenue.today).toBe(fixture.TODAY);
    expect(revenue.currency).toBe(fixture.expectedAcme.currency);
    expect(revenue.contracted).toEqual(fixture.expectedAcme.contracted);
    expect(revenue.by_currency).toEqual([fixture.expectedAcme.invoiced]);
    expect(revenue.excluded_invoices).toEqual(ACME_EXCLUDED_ON_THE_WIRE);
    expect(revenue.warnings).toContain(
      'Template -114 ("Email hosting") was read without lines; its amount per occurrence is the header\'s total minus tax.',
    );
    expect(requestLines(requests)).toEqual(['/api/Client/1', ...clientReads(ACME, ACME_DETAILS)].sort());
  });

  it('reports a client with mixed invoice currencies per currency, and a client with only a run-rate', async () => {
    const beta = await cold(BREAKDOWN, { clientId: BETA });
    const betaRevenue = beta.data.revenueBreakdown.client;
    expect(betaRevenue.currency).toBeNull();
    expect(betaRevenue.contracted).toMatchObject(fixture.expectedBeta.contracted);
    expect(betaRevenue.by_currency).toEqual(fixture.expectedBeta.by_currency);
    // Contract 209 has no period code: its own detail read names its period.
    expect(requestLines(beta.requests)).toEqual(
      ['/api/Client/2', ...clientReads(BETA, ['/api/ClientContract/209?includedetails=true'])].sort(),
    );

    const delta = await cold(BREAKDOWN, { clientId: DELTA });
    const deltaRevenue = delta.data.revenueBreakdown.client;
    expect(deltaRevenue.contracted).toMatchObject(fixture.expectedDelta.contracted);
    expect(deltaRevenue.by_currency).toEqual(fixture.expectedDelta.by_currency);
    expect(requestLines(delta.requests)).toEqual(['/api/Client/4', ...clientReads(DELTA, [])].sort());
  });

  it('skips the client read once the client directory is warm', async () => {
    h.reference.clear();
    await h.reference.get('clients');
    h.resetLog();
    const { data } = await h.run(BREAKDOWN, { clientId: ACME });
    expect(data.revenueBreakdown.client.contracted.mrr).toBe(1725.67);
    expect(requestLines(h.requests())).toEqual(clientReads(ACME, ACME_DETAILS));
  });

  it('reads the portfolio with one read per collection, whatever the number of clients', async () => {
    const { data, errors, requests } = await cold(PORTFOLIO, { limit: 2 });
    expect(errors).toBeUndefined();
    const portfolio = data.revenuePortfolio;
    expect(portfolio.rows.map((row: { client: { id: number } }) => row.client.id)).toEqual(
      fixture.expectedPortfolio.order.slice(0, 2),
    );
    expect(portfolio).toMatchObject({
      period: fixture.PERIOD,
      total_clients: fixture.expectedPortfolio.total_clients,
      clients_considered: fixture.expectedPortfolio.clients_considered,
      limit: 2,
      truncated: true,
      currency: null,
    });
    expect(portfolio.totals).toEqual(fixture.expectedPortfolio.totals);
    expect(requestLines(requests)).toEqual(PORTFOLIO_READS);
  });

  it('gives portfolio totals equal to the sum of the per-client breakdowns', async () => {
    const perClient = await cold(
      `{ clients(includeInactive: true, page: { pageSize: 10 }) { items { revenue {
          contracted { currency mrr arr } by_currency: byCurrency { ...Figures } } } } }
       fragment Figures on InvoicedFigures { currency total tax recurring non_recurring: nonRecurring invoice_count: invoiceCount }`,
    );
    // Client.revenue over a page of clients batches: as few reads as the portfolio (clients by name).
    const ids = 'client_ids=1,2,4,5,3';
    expect(requestLines(perClient.requests)).toEqual(
      [
        '/api/Client?includeactive=true&includeinactive=true&order=name',
        '/api/ClientContract?includeinactive=true',
        '/api/ClientContract/209?includedetails=true',
        `/api/Invoice?${ids}&${INVOICE_LIST}`,
        `/api/RecurringInvoice?${ids}&includelines=true`,
        ...ACME_DETAILS,
      ].sort(),
    );
    const revenues = perClient.data.clients.items.map((item: { revenue: unknown }) => item.revenue) as Array<{
      contracted: { currency: string | null; mrr: number; arr: number };
      by_currency: Array<{ currency: string | null } & Record<(typeof FIGURE_KEYS)[number], number>>;
    }>;
    const { data } = await cold(PORTFOLIO, { limit: 500 });
    for (const totals of data.revenuePortfolio.totals) {
      const run = revenues.filter((r) => r.contracted.mrr !== 0 && r.contracted.currency === totals.currency);
      expect(Math.abs(totals.mrr - sumOf(run.map((r) => r.contracted.mrr)))).toBeLessThanOrEqual(
        0.01 * run.length,
      );
      const sections = revenues
        .flatMap((r) => r.by_currency)
        .filter((s) => s.currency === totals.currency && s.invoice_count > 0);
      for (const key of FIGURE_KEYS) {
        expect(Math.abs(totals[key] - sumOf(sections.map((s) => s[key])))).toBeLessThanOrEqual(
          0.01 * sections.length,
        );
      }
    }
  });

  it('refuses bad periods, limits and ids before any upstream request', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ from: '2026-06-01', to: '2026-05-01' }, /from \(2026-06-01\) must not be after to \(2026-05-01\)/],
      [{ from: '2020-01-01', to: '2026-01-01' }, /longer than 5 years/],
      [{ from: '2026-02-30' }, /not a real calendar date/],
      [{ limit: 0 }, /limit must be from 1 to 500, got 0/],
      [{ limit: 501 }, /limit must be from 1 to 500, got 501/],
      [{ clientId: 0 }, /client id must be a positive whole number/],
    ];
    for (const [variables, message] of cases) {
      const { errors, requests } = await cold(BREAKDOWN, variables);
      expect(errors?.[0]?.message).toMatch(message);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(requests).toEqual([]);
    }
  });

  it('names a client that does not exist', async () => {
    const { errors, requests } = await cold(BREAKDOWN, { clientId: 999 });
    expect(errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
    expect(requestLines(requests)).toEqual(['/api/Client/999']);
  });
});

describe('revenue_breakdown MCP tool', () => {
  it('answers for a client named by name, with a text a person reads at a glance', async () => {
    const { result, data, text, requests } = await h.call('revenue_breakdown', { client: 'acme' });
    expect(result.isError).toBeFalsy();
    const client = data.revenueBreakdown.client;
    expect(data.revenueBreakdown.portfolio).toBeNull();
    expect(client.client).toEqual({ id: ACME, name: 'Acme Ltd' });
    expect(client.contracted).toMatchObject({ mrr: 1725.67, arr: 20708, unknownCount: 4 });
    expect(client.byCurrency).toEqual([camelCase(fixture.expectedAcme.invoiced)]);
    expect(text.split('\n')[0]).toBe(
      'Revenue breakdown of client #1 for 2025-06-16 to 2026-06-15: MRR 1,725.67 GBP (ARR 20,708.00); invoiced 2,607.50 GBP ex-tax, 59% recurring.',
    );
    expect(text).toContain(
      'Invoiced in GBP (ex-tax): 2,607.50 over 8 invoices, 2 credit notes; tax 521.50 apart.',
    );
    expect(text).toContain('  Recurring 1,550.00 (59%): template 900.00 · contract 650.00');
    expect(text).toContain('  Non-recurring 1,057.50 (41%): ticket 860.00 · item 150.00 · other 47.50');
    expect(text).toContain(
      '  Largest recurring: INV-302 450.00 of 1,235.00 (2025-09-10) · INV-301 400.00 (2025-07-01)',
    );
    expect(text).toContain('- Contract 204 ("PHONES") charges 250 per period');
    // One search resolves the name, then the client's own reads.
    expect(requests[0]!.path).toBe('/api/Client');
    expect(requests[0]!.query.search).toBe('acme');
    expect(requestLines(requests.slice(1))).toEqual(
      ['/api/Client/1', ...clientReads(ACME, ACME_DETAILS)].sort(),
    );
  });

  it('answers for the portfolio when no client is given, at the same cost as through GraphQL', async () => {
    const { result, data, text, requests } = await h.call('revenue_breakdown', { limit: 3 });
    expect(result.isError).toBeFalsy();
    expect(data.revenueBreakdown.client).toBeNull();
    const portfolio = data.revenueBreakdown.portfolio;
    // Ranked within a currency: Beta in EUR first, then GBP by invoiced total.
    expect(portfolio.rows.map((row: { client: { id: number } }) => row.client.id)).toEqual([
      BETA,
      EPSILON,
      ACME,
    ]);
    expect(portfolio.totals.find((t: { currency: string }) => t.currency === 'GBP')).toMatchObject({
      clientCount: 4,
      mrr: 1805.67,
      arr: 21668,
      total: 5707.5,
      recurringShare: 0.27,
    });
    expect(text.split('\n')[0]).toBe(
      'Revenue portfolio for 2025-06-16 to 2026-06-15: 4 clients with revenue out of 5; showing the top 3 (truncated: raise limit, up to 500, for more). Totals cover all 4.',
    );
    expect(text).toContain('  GBP: MRR 1,805.67, ARR 21,668.00; invoiced 5,707.50 (10 invoices); 4 clients');
    expect(text).toContain(
      '3. Acme Ltd (#1): MRR 1,725.67 GBP (ARR 20,708.00); invoiced 2,607.50 GBP ex-tax, 59% recurring · 16 warnings',
    );
    expect(requestLines(requests)).toEqual(PORTFOLIO_READS);
  });

  it('takes a period, and reports a bad one as a tool error', async () => {
    const { data } = await h.call('revenue_breakdown', {
      client_id: BETA,
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(data.revenueBreakdown.client.period).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(data.revenueBreakdown.client.byCurrency).toMatchObject([
      { currency: 'EUR', recurring: 200, total: 200 },
    ]);

    const bad = await h.call('revenue_breakdown', { from: '2026-07-01', to: '2026-06-01' });
    expect(bad.result.isError).toBe(true);
    expect(bad.text).toMatch(/from \(2026-07-01\) must not be after to \(2026-06-01\)/);
    expect(bad.requests).toEqual([]);
  });
});

describe('revenue portfolio at scale', () => {
  let few: McpHarness;
  let many: McpHarness;
  beforeAll(async () => {
    [few, many] = await Promise.all([
      startMcpHarness({ dataset: wireDataset(3) }),
      startMcpHarness({ dataset: wireDataset(30) }),
    ]);
  });
  afterAll(() => Promise.all([few.stop(), many.stop()]));

  it('costs the same for 8 clients as for 35 on the same pages', async () => {
    const [small, large] = await Promise.all([
      few.call('revenue_breakdown', {}),
      many.call('revenue_breakdown', {}),
    ]);
    expect(small.data.revenueBreakdown.portfolio.clientsConsidered).toBe(8);
    expect(large.data.revenueBreakdown.portfolio.clientsConsidered).toBe(35);
    // One detail read names period code 3 for every extra client's contract.
    const sampled = '/api/ClientContract/2001?includedetails=true';
    expect(requestLines(small.requests)).toEqual([...PORTFOLIO_READS, sampled].sort());
    expect(requestLines(large.requests)).toEqual([...PORTFOLIO_READS, sampled].sort());
  });

  it('sums totals on unrounded values, within a cent per row of the rows shown', async () => {
    const { data } = await few.call('revenue_breakdown', { limit: 500 });
    const portfolio = data.revenueBreakdown.portfolio;
    const gbp = portfolio.totals.find((t: { currency: string }) => t.currency === 'GBP');
    const rows = portfolio.rows.filter(
      (row: { contracted: { currency: string; mrr: number } }) =>
        row.contracted.currency === 'GBP' && row.contracted.mrr !== 0,
    );
    // Each extra client: 10 x 52 / 12 + 30 = 73.333... (shown 73.33). Unrounded: 1725.6667 + 80 + 3 x 73.3333.
    expect(rows.filter((row: { contracted: { mrr: number } }) => row.contracted.mrr === 73.33)).toHaveLength(
      3,
    );
    expect(gbp.mrr).toBe(2025.67);
    const rowSum = sumOf(rows.map((row: { contracted: { mrr: number } }) => row.contracted.mrr));
    expect(rowSum).toBe(2025.66);
    expect(Math.abs(gbp.mrr - rowSum)).toBeLessThanOrEqual(0.01 * rows.length);
  });
});
