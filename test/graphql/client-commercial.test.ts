import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HaloContract, HaloInvoice, HaloInvoiceLine } from '../../src/halo/types.js';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';
import type { LogEntry } from '../../src/simulator/types.js';
import { type GraphQLHarness, startGraphQLHarness } from '../helpers/graphql.js';

const TODAY = '2026-06-15';
const OPEN = '1900-01-01T00:00:00';

function line(id: number, fields: Partial<HaloInvoiceLine>): HaloInvoiceLine {
  return {
    id,
    _itemid: -1,
    ticket_id: -1,
    contract_id: -1,
    recurring_invoice_id: -1,
    asset_id: -1,
    ...fields,
  };
}

function contract(id: number, clientId: number, fields: Partial<HaloContract>): HaloContract {
  return {
    id,
    client_id: clientId,
    client_name: `Client ${clientId}`,
    site_id: -1,
    ref: `C-${id}`,
    start_date: '2025-01-01T00:00:00',
    end_date: OPEN,
    active: true,
    ...fields,
  };
}

function template(id: number, clientId: number, fields: Partial<HaloInvoice>): HaloInvoice {
  // Template ids are negative on Halo (docs/halo-api.md §8.1).
  return {
    id,
    client_id: clientId,
    contract_id: -1,
    reference: `Template ${-id}`,
    periodname: 'Monthly',
    period: 1,
    startdate: '2025-01-01T00:00:00',
    enddate: OPEN,
    nextcreationdate: '2026-07-01T00:00:00',
    lastcreated: '2026-06-01T00:00:00',
    schedule: { every: 1 },
    currency: 'GBP',
    lines: [
      line(Math.abs(id) * 10, { item_shortdescription: `Service ${-id}`, qty_order: 1, unit_price: 100 }),
    ],
    ...fields,
  };
}

function invoice(id: number, clientId: number, date: string, fields: Partial<HaloInvoice>): HaloInvoice {
  return {
    id,
    invoicenumber: `INV-${id}`,
    client_id: clientId,
    client_name: `Client ${clientId}`,
    invoice_date: `${date}T00:00:00`,
    duedate: OPEN,
    datepaid: OPEN,
    posted: true,
    paymentstatus: 0,
    total: 120,
    tax_total: 20,
    amountpaid: 0,
    amountdue: 120,
    currency: 'GBP',
    ticket_id: -1,
    contract_id: -1,
    recurring_invoice_id: -1,
    invoicetype: 0,
    voided: false,
    lines: [line(id * 10, { item_shortdescription: 'Work', qty_order: 2, unit_price: 50, tax_amount: 20 })],
    ...fields,
  };
}

/** Three clients; client 1 carries every case, clients 2 and 3 one of each. */
function commercialDataset(): Dataset {
  const data = emptyDataset(TODAY);
  for (const id of [1, 2, 3]) {
    data.clients.push({ id, name: `Client ${id}`, inactive: false });
    data.sites.push({ id: id * 10, name: `Site ${id}`, client_id: id, client_name: `Client ${id}` });
    data.users.push({ id: id * 100, name: `Contact ${id}`, client_id: id, site_id: id * 10 });
  }
  data.tickets.push({
    id: 5000,
    summary: 'Printer on fire',
    client_id: 1,
    status_id: 1,
    dateoccurred: '2026-04-01T09:00:00',
  });
  data.contracts.push(
    contract(10, 1, {
      refextra: 'Managed IT',
      contracttype_name: 'Fixed',
      contract_status: 'Active',
      status: 3,
      periodchargeamount: 500,
      billingperiod: 2,
      billing_period_string: 'Monthly',
      next_invoice_date: '2026-07-01T00:00:00',
      chargehoursperperiod: 10,
      termmonths: 12,
      rollingcontract: true,
      sla_name: 'Gold',
      billingplans: [
        {
          billing_plan_desc: 'Remote support',
          requesttype_name: 'Incident',
          chargerate_name: 'Standard',
          plan_name: 'Plan A',
          work_hours_covered: true,
          not_included_in_contract: false,
        },
      ],
      periods: [
        {
          id: 1,
          name: 'June 2026',
          start_date: '2026-06-01T00:00:00',
          end_date: '2026-06-30T00:00:00',
          current: true,
          hours_in_period: 10,
          hours_used: 4,
          hours_remaining: 6,
        },
      ],
    }),
    contract(11, 1, {
      active: false,
      start_date: '2024-01-01T00:00:00',
      end_date: '2024-12-31T00:00:00',
      expired: true,
    }),
    // Marked inactive, but its dates cover today: active by the shared rule.
    contract(12, 1, { active: false, start_date: '2026-01-01T00:00:00', end_date: '2026-12-31T00:00:00' }),
    contract(20, 2, {}),
    contract(30, 3, {}),
  );
  data.recurringInvoices.push(
    template(-100, 1, {
      contract_id: 10,
      reference: 'Managed services',
      lines: [
        line(1001, {
          item_shortdescription: 'Desktop support',
          qty_order: 10,
          unit_price: 40,
          recurring_invoice_id: -1,
        }),
        line(1002, {
          item_shortdescription: 'Server support',
          net_total: 100,
          qty_order: 1,
          unit_price: 120,
        }),
      ],
    }),
    template(-101, 1, {
      reference: '',
      periodname: 'Quarterly',
      period: 3,
      lastcreated: '2026-04-01T00:00:00',
      lines: [line(1011, { item_shortdescription: 'Offsite backup', qty_order: 3, unit_price: 100 })],
    }),
    template(-102, 1, { enddate: '2025-12-31T00:00:00' }),
    // Only a numeric period: its meaning is unverified, so no monthly value.
    template(-103, 1, { periodname: '', period: 7, schedule: { every: 2 } }),
    template(-200, 2, {}),
    template(-300, 3, { contract_id: 30 }),
  );
  data.invoices.push(
    invoice(1000, 1, '2026-03-01', {
      recurring_invoice_id: -100,
      total: 600,
      tax_total: 100,
      amountdue: 0,
      amountpaid: 600,
      datepaid: '2026-03-10T00:00:00',
      paymentstatus: 2,
      lines: [
        line(10000, {
          item_shortdescription: 'Managed services',
          qty_order: 1,
          unit_price: 500,
          recurring_invoice_id: -100,
        }),
      ],
    }),
    invoice(1001, 1, '2026-04-02', {
      ticket_id: 5000,
      contract_id: 10,
      reference: 'PO-77',
      lines: [
        line(10010, {
          item_shortdescription: 'Labour',
          item_longdescription: 'Engineer on site',
          item_code: 'LAB',
          _itemid: 7,
          qty_order: 2,
          unit_price: 50,
          tax_amount: 20,
          tax_rate: 20,
          ticket_id: 5000,
          startdate: '2026-04-01T00:00:00',
          enddate: '2026-04-01T00:00:00',
        }),
      ],
    }),
    invoice(1002, 1, '2026-05-01', { voided: true }),
    invoice(1003, 1, '2026-05-05', { total: -60, tax_total: -10, amountdue: -60, invoicetype: 4 }),
    invoice(1004, 1, '2025-01-01', {}),
    invoice(2000, 2, '2026-03-05', { recurring_invoice_id: -200 }),
    invoice(3000, 3, '2026-03-07', {}),
  );
  return data;
}

/** `/api/Invoice?client_id=1` → "GET /Invoice client_id=1 …", stable for exact comparisons. */
function describeRequest(entry: LogEntry): string {
  const query = Object.entries(entry.query)
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');
  return `${entry.path.replace(/^\/api/, '')}${query ? `?${query}` : ''}`;
}

const paths = (entries: LogEntry[]) => entries.map((e) => e.path.replace(/^\/api/, '')).sort();

let h: GraphQLHarness;

beforeAll(async () => {
  h = await startGraphQLHarness({ dataset: commercialDataset() });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.reference.clear();
  h.resetLog();
});

const CLIENT_FIELDS = `
  id
  sites { id }
  contacts { id }
  contracts { id recurringInvoices { id } }
  invoices(from: "2026-01-01", to: "2026-06-30", page: {pageSize: 5}) { totalCount items { id } }
  recurringInvoices { id lines { id } }
`;

describe('a client with its commercial data', () => {
  it('reads contracts, invoices and templates of one client with one request per collection', async () => {
    const result = await h.run(
      `query($id: Int!) { client(id: $id) {
        id name
        contracts { id reference isActive periodCharge recurringInvoices { id } }
        invoices(from: "2026-01-01", to: "2026-06-30") { totalCount hasMore items { id number net isVoided } }
        recurringInvoices { id name amountPerOccurrence monthlyValue period every lines { id net } }
      } }`,
      { id: 1 },
    );
    expect(result.errors).toBeUndefined();
    const client = result.data.client;
    expect(client.contracts).toEqual([
      { id: 10, reference: 'C-10', isActive: true, periodCharge: 500, recurringInvoices: [{ id: -100 }] },
      { id: 12, reference: 'C-12', isActive: true, periodCharge: null, recurringInvoices: [] },
    ]);
    // 1002 is voided and 1004 outside the period; newest first.
    expect(client.invoices).toEqual({
      totalCount: 3,
      hasMore: false,
      items: [
        { id: 1003, number: 'INV-1003', net: -50, isVoided: false },
        { id: 1001, number: 'INV-1001', net: 100, isVoided: false },
        { id: 1000, number: 'INV-1000', net: 500, isVoided: false },
      ],
    });
    // Halo lists ascending ids; template ids count down, so the newest template comes first.
    expect(client.recurringInvoices).toEqual([
      {
        id: -103,
        name: 'Template 103',
        amountPerOccurrence: 100,
        monthlyValue: null,
        period: '',
        every: 2,
        lines: [{ id: 1030, net: 100 }],
      },
      {
        id: -101,
        name: 'Offsite backup',
        amountPerOccurrence: 300,
        monthlyValue: 100,
        period: 'Quarterly',
        every: 1,
        lines: [{ id: 1011, net: 300 }],
      },
      {
        id: -100,
        name: 'Managed services',
        amountPerOccurrence: 500,
        monthlyValue: 500,
        period: 'Monthly',
        every: 1,
        lines: [
          { id: 1001, net: 400 },
          { id: 1002, net: 100 },
        ],
      },
    ]);
    expect(h.requests().map(describeRequest).sort()).toEqual([
      '/Client/1',
      '/ClientContract?client_id=1&includeinactive=true&page_no=1&page_size=100&pageinate=true',
      '/Invoice?client_id=1&includecredits=true&includeinvoices=true&includelines=true&includepoinvoices=false&invoicedateend=2026-06-30T23:59:59.999Z&invoicedatestart=2026-01-01T00:00:00.000Z&order2=id&order=invoice_date&orderdesc2=true&orderdesc=true&page_no=1&page_size=100&pageinate=true',
      '/RecurringInvoice?client_id=1&includelines=true&page_no=1&page_size=100&pageinate=true',
      // Two active contracts: their templates come from one read of the whole (small) collection.
      '/RecurringInvoice?includelines=true&page_no=1&page_size=100&pageinate=true',
    ]);
  });

  it('costs the same requests for three clients as for one', async () => {
    const one = await h.run(
      `{ clients(search: "Client 1", page: {pageSize: 3}) { items { ${CLIENT_FIELDS} } } }`,
    );
    expect(one.errors).toBeUndefined();
    expect(one.data.clients.items).toHaveLength(1);
    const forOne = h.requests();

    h.reference.clear();
    h.resetLog();
    const three = await h.run(`{ clients(page: {pageSize: 3}) { items { ${CLIENT_FIELDS} } } }`);
    expect(three.errors).toBeUndefined();
    const items = three.data.clients.items;
    expect(items.map((c: { id: number }) => c.id)).toEqual([1, 2, 3]);
    expect(items.map((c: { invoices: { totalCount: number } }) => c.invoices.totalCount)).toEqual([3, 1, 1]);
    expect(items[1].recurringInvoices).toEqual([{ id: -200, lines: [{ id: 2000 }] }]);
    expect(items[2].contracts).toEqual([{ id: 30, recurringInvoices: [{ id: -300 }] }]);
    const forThree = h.requests();

    expect(forThree).toHaveLength(forOne.length);
    expect(paths(forThree)).toEqual(paths(forOne));
    // The invoices of all three clients: one range read with Halo's multi-client filter.
    const invoiceReads = forThree.filter((e) => e.path === '/api/Invoice');
    expect(invoiceReads).toHaveLength(1);
    expect(invoiceReads[0]!.query.client_ids).toBe('1,2,3');
    expect(
      forThree.filter((e) => e.path === '/api/RecurringInvoice').map((e) => e.query.client_ids),
    ).toContain('1,2,3');
  });
});

describe('contracts', () => {
  it('reads one contract in detail with billing plans and periods, open end as null', async () => {
    const result = await h.run(`{ contract(id: 10) {
      id reference description type status startDate endDate isActive expired billingPeriod periodCharge
      nextInvoiceDate hoursPerPeriod termMonths rolling slaName
      client { id name }
      billingPlans { description requestType chargeRate plan covered notIncluded }
      periods { name start end current hoursInPeriod hoursUsed hoursRemaining }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.contract).toEqual({
      id: 10,
      reference: 'C-10',
      description: 'Managed IT',
      type: 'Fixed',
      status: 'Active',
      startDate: '2025-01-01',
      endDate: null,
      isActive: true,
      expired: null,
      billingPeriod: 'Monthly',
      periodCharge: 500,
      nextInvoiceDate: '2026-07-01',
      hoursPerPeriod: 10,
      termMonths: 12,
      rolling: true,
      slaName: 'Gold',
      client: { id: 1, name: 'Client 1' },
      billingPlans: [
        {
          description: 'Remote support',
          requestType: 'Incident',
          chargeRate: 'Standard',
          plan: 'Plan A',
          covered: true,
          notIncluded: false,
        },
      ],
      periods: [
        {
          name: 'June 2026',
          start: '2026-06-01',
          end: '2026-06-30',
          current: true,
          hoursInPeriod: 10,
          hoursUsed: 4,
          hoursRemaining: 6,
        },
      ],
    });
    // The client is the contract row's `client_id` + `client_name`: no client read.
    expect(h.requests().map(describeRequest)).toEqual(['/ClientContract/10?includedetails=true']);
  });

  it('lists active contracts by the shared rule and counts them exactly', async () => {
    const result = await h.run(`{
      active: contracts(filter: {clientId: 1}, page: {pageSize: 1}) { totalCount hasMore items { id billingPlans { plan } } }
      all: contracts(filter: {clientId: 1, activeOnly: false}) { totalCount items { id isActive } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.active).toEqual({
      totalCount: 2,
      hasMore: true,
      items: [{ id: 10, billingPlans: null }],
    });
    expect(result.data.all).toEqual({
      totalCount: 3,
      items: [
        { id: 10, isActive: true },
        { id: 11, isActive: false },
        { id: 12, isActive: true },
      ],
    });
    expect(h.requests().map(describeRequest).sort()).toEqual([
      '/ClientContract?client_id=1&includeinactive=true&order=ref&page_no=1&page_size=100&pageinate=true',
      '/ClientContract?client_id=1&includeinactive=true&order=ref&page_no=1&page_size=25&pageinate=true',
    ]);
  });

  it('refuses a bad client id before any upstream call', async () => {
    const result = await h.run('{ contracts(filter: {clientId: -4}) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

describe('invoices', () => {
  it('reads one invoice with its lines and relations', async () => {
    const result = await h.run(`{ invoice(id: 1001) {
      id number siteName date dueDate paidDate posted paymentStatus isPaid total tax net amountPaid amountDue
      currency reference isVoided isCreditNote isRecurringGenerated recurringTemplate { id }
      client { id } ticket { id summary } contract { id reference }
      lines { id description longDescription itemCode itemId quantity unitPrice net tax taxRate periodStart periodEnd
        ticket { id } contract { id } recurringTemplate { id } asset { id } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.invoice).toEqual({
      id: 1001,
      number: 'INV-1001',
      siteName: null,
      date: '2026-04-02',
      dueDate: null,
      paidDate: null,
      posted: true,
      paymentStatus: 0,
      isPaid: false,
      total: 120,
      tax: 20,
      net: 100,
      amountPaid: 0,
      amountDue: 120,
      currency: 'GBP',
      reference: 'PO-77',
      isVoided: false,
      isCreditNote: false,
      isRecurringGenerated: false,
      recurringTemplate: null,
      client: { id: 1 },
      ticket: { id: 5000, summary: 'Printer on fire' },
      contract: { id: 10, reference: 'C-10' },
      lines: [
        {
          id: 10010,
          description: 'Labour',
          longDescription: 'Engineer on site',
          itemCode: 'LAB',
          itemId: 7,
          quantity: 2,
          unitPrice: 50,
          net: 100,
          tax: 20,
          taxRate: 20,
          periodStart: '2026-04-01',
          periodEnd: '2026-04-01',
          ticket: { id: 5000 },
          contract: null,
          recurringTemplate: null,
          asset: null,
        },
      ],
    });
    // `client { id }` comes from the invoice row; the row has no `contract_ref`, so the contract
    // is read for its reference.
    expect(paths(h.requests())).toEqual(['/ClientContract/10', '/Invoice/1001', '/Tickets/5000']);
  });

  it('marks paid, credit-note and recurring-generated invoices', async () => {
    const result = await h.run(`{
      paid: invoice(id: 1000) { isPaid paidDate isRecurringGenerated recurringTemplate { id name } }
      credit: invoice(id: 1003) { isCreditNote net isPaid }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      paid: {
        isPaid: true,
        paidDate: '2026-03-10',
        isRecurringGenerated: true,
        recurringTemplate: { id: -100, name: 'Managed services' },
      },
      credit: { isCreditNote: true, net: -50, isPaid: false },
    });
  });

  it('splits one-off from recurring-generated invoices with exact counts, voided left out', async () => {
    const result = await h.run(`{
      oneOff: invoices(filter: {clientId: 1, kind: ONE_OFF}, page: {pageSize: 2}) { totalCount hasMore items { id } }
      recurring: invoices(filter: {kind: RECURRING}) { totalCount items { id } }
      everything: invoices(filter: {clientId: 1, kind: ALL, includeVoided: true}, page: {pageSize: 2}) { totalCount hasMore items { id } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      oneOff: { totalCount: 3, hasMore: true, items: [{ id: 1003 }, { id: 1001 }] },
      recurring: { totalCount: 2, items: [{ id: 2000 }, { id: 1000 }] },
      everything: { totalCount: 5, hasMore: true, items: [{ id: 1003 }, { id: 1002 }] },
    });
    // The two locally filtered lists read every match (one page each here); the last is paged by Halo.
    const sizes = h
      .requests()
      .map((e) => `${e.query.client_id ?? '-'}:${e.query.page_size}`)
      .sort();
    expect(sizes).toEqual(['-:100', '1:100', '1:2']);
  });

  it('sends Halo the filters it has (dates as the web UI does, ticket and contract) and decides unpaid by amount due', async () => {
    const result = await h.run(`{ invoices(filter: {
      clientId: 1, from: "2026-04-01", to: "2026-04-30", unpaidOnly: true, ticketId: 5000, contractId: 10,
      includeVoided: true, search: "INV"
    }) { totalCount items { id } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.invoices).toEqual({ totalCount: 1, items: [{ id: 1001 }] });
    expect(h.requests().map(describeRequest)).toEqual([
      // No paymentstatuses: Halo's codes would leave part-paid invoices out; every match is read and
      // kept when an amount is still due.
      '/Invoice?client_id=1&contract_id=10&includecredits=true&includeinvoices=true&includelines=true&includepoinvoices=false&invoicedateend=2026-04-30T23:59:59.999Z&invoicedatestart=2026-04-01T00:00:00.000Z&order2=id&order=invoice_date&orderdesc2=true&orderdesc=true&page_no=1&page_size=100&pageinate=true&search=INV&ticket_id=5000',
    ]);
  });

  it('refuses a reversed date range before any upstream call', async () => {
    const result = await h.run('{ invoices(filter: {from: "2026-05-01", to: "2026-04-01"}) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.requests()).toHaveLength(0);
  });
});

describe('recurring invoice templates', () => {
  it('lists active templates of a contract with their lines in one request', async () => {
    const result = await h.run(`{
      recurringInvoices(filter: {contractId: 10}) { totalCount items { id isActive contract { id } client { id } lines { id } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.recurringInvoices).toEqual({
      totalCount: 1,
      items: [
        {
          id: -100,
          isActive: true,
          contract: { id: 10 },
          client: { id: 1 },
          lines: [{ id: 1001 }, { id: 1002 }],
        },
      ],
    });
    expect(paths(h.requests())).toEqual(['/Client/1', '/ClientContract/10', '/RecurringInvoice']);
  });

  it('reads lines by detail GET only for templates a list returned without them', async () => {
    const rows = h.sim.data.recurringInvoices.filter((r) => r.client_id === 1);
    // Halo's list is reported to leave lines out; here it does for two of the four templates.
    const listed = rows.map((r) => (r.id === -101 || r.id === -103 ? { ...r, lines: undefined } : r));
    h.sim.faults.failNext(1, 200, {
      pathPrefix: '/api/RecurringInvoice',
      body: { record_count: listed.length, invoices: listed },
    });
    const result = await h.run(`{
      recurringInvoices(filter: {clientId: 1, activeOnly: false}) { items { id name amountPerOccurrence lines { id } } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.recurringInvoices.items).toEqual([
      { id: -100, name: 'Managed services', amountPerOccurrence: 500, lines: [{ id: 1001 }, { id: 1002 }] },
      { id: -101, name: 'Offsite backup', amountPerOccurrence: 300, lines: [{ id: 1011 }] },
      { id: -102, name: 'Template 102', amountPerOccurrence: 100, lines: [{ id: 1020 }] },
      { id: -103, name: 'Template 103', amountPerOccurrence: 100, lines: [{ id: 1030 }] },
    ]);
    expect(h.requests().map(describeRequest)).toEqual([
      '/RecurringInvoice?client_id=1&includelines=true&page_no=1&page_size=25&pageinate=true',
      '/RecurringInvoice/-101?includedetails=true',
      '/RecurringInvoice/-103?includedetails=true',
    ]);
  });

  it('answers HALO_NOT_FOUND for a template id Halo does not have', async () => {
    const result = await h.run('{ recurringInvoice(id: -999) { id } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('HALO_NOT_FOUND');
    expect(result.errors?.[0]?.message).toContain('recurring invoice');
    expect(paths(h.requests())).toEqual(['/RecurringInvoice/-999']);
  });
});

describe('invoices of clients with many invoices', () => {
  let big: GraphQLHarness;

  beforeAll(async () => {
    const data = emptyDataset(TODAY);
    for (const clientId of [1, 2, 3]) {
      data.clients.push({ id: clientId, name: `Client ${clientId}` });
      for (let n = 0; n < 700; n++) {
        const id = clientId * 10_000 + n;
        data.invoices.push(invoice(id, clientId, '2026-03-01', { lines: [] }));
      }
    }
    big = await startGraphQLHarness({ dataset: data });
  });

  afterAll(async () => {
    await big.stop();
  });

  it('reads each client on its own when together they are too many to read whole', async () => {
    const result = await big.run(
      '{ clients(page: {pageSize: 3}) { items { id invoices(page: {pageSize: 2}) { totalCount items { id } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.clients.items).toEqual(
      [1, 2, 3].map((id) => ({
        id,
        invoices: { totalCount: 700, items: [{ id: id * 10_000 + 699 }, { id: id * 10_000 + 698 }] },
      })),
    );
    const invoiceReads = big.requests().filter((e) => e.path === '/api/Invoice');
    // Page 1 of all three (2100 > 2000), then 7 pages of 100 for each client.
    const clientsRead = invoiceReads.map((e) => String(e.query.client_ids ?? e.query.client_id));
    expect(clientsRead.sort()).toEqual(
      ['1,2,3', ...Array(7).fill('1'), ...Array(7).fill('2'), ...Array(7).fill('3')].sort(),
    );
  });
});
