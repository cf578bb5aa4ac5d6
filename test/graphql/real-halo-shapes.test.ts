import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HaloAction, HaloInvoice, HaloInvoiceLine } from '../../src/halo/types.js';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';
import { type McpHarness, paths, startMcpHarness } from '../mcp/harness.js';

// The rules of docs/halo-api.md §8 against the simulator's real shapes, through the MCP tools and
// GraphQL, with upstream requests counted. One small hand-built tenant; every figure below is
// worked out from it by hand.

const TODAY = '2026-06-15';
const OPEN = '1900-01-01T00:00:00';
const TEMPLATE = -57;

function line(id: number, fields: Partial<HaloInvoiceLine>): HaloInvoiceLine {
  return { id, _itemid: -1, ticket_id: -1, contract_id: -1, recurring_invoice_id: -1, ...fields };
}

function invoice(id: number, fields: Partial<HaloInvoice>): HaloInvoice {
  return {
    id,
    invoicenumber: `INV-${id}`,
    client_id: 1,
    client_name: 'Kestrel Ltd',
    invoice_date: '2026-05-01T00:00:00',
    datepaid: OPEN,
    total: 120,
    tax_total: 20,
    amountpaid: 0,
    amountdue: 120,
    currency: 'GBP',
    ticket_id: -1,
    contract_id: -1,
    recurring_invoice_id: -1,
    is_recurring_invoice: false,
    invoicetype: 0,
    creditlinkedtoinvoiceid: -1,
    voided: false,
    lines: [line(id * 10, { qty_order: 1, unit_price: 100, net_amount: 100, tax_amount: 20 })],
    ...fields,
  };
}

function action(ticketId: number, id: number): HaloAction {
  return { id, ticket_id: ticketId, outcome: 'Note', note: `Note ${id}`, datetime: '2026-05-01T09:00:00' };
}

function tenant(): Dataset {
  const data = emptyDataset(TODAY);
  data.clients.push({ id: 1, name: 'Kestrel Ltd', inactive: false });
  data.tickets.push(
    { id: 5000, summary: 'Printer on fire', client_id: 1, status_id: 1, dateoccurred: '2026-04-01T09:00:00' },
    { id: 6000, summary: 'Office move', client_id: 1, is_project: true, dateoccurred: '2026-04-01T09:00:00' },
  );
  // 1005 actions on one ticket: more than Halo's `count` returns (1000).
  for (let id = 1; id <= 1005; id++) data.actions.push(action(5000, id));
  data.recurringInvoices.push({
    id: TEMPLATE,
    client_id: 1,
    client_name: 'Kestrel Ltd',
    reference: 'Quarterly care',
    periodname: 'Monthly',
    startdate: '2025-01-01T00:00:00',
    enddate: OPEN,
    lastcreated: '2026-04-01T00:00:00',
    nextcreationdate: '2026-07-01T00:00:00',
    schedule: { every: 3 },
    currency: 'GBP',
    recurring_invoice_id: -1,
    is_recurring_invoice: true,
    // The price sits in `baseprice`; `unit_price` is 0.
    lines: [line(570, { qty_order: 2, unit_price: 0, baseprice: 150 })],
  });
  // The list row of the template has no `schedule`; only the detail says "every 3".
  data.scheduleOnDetailOnly = [TEMPLATE];
  data.invoices.push(
    // Header-only link: the header names the template, the line says -1.
    invoice(1001, { recurring_invoice_id: TEMPLATE, amountpaid: 120, amountdue: 0, paymentstatus: 2 }),
    // Line-only link: the header says -1, the line names the template.
    invoice(1002, {
      lines: [
        line(10020, { recurring_invoice_id: TEMPLATE, qty_order: 1, unit_price: 100, net_amount: 100 }),
      ],
    }),
    // Part-paid: 50 of 120 paid, 70 still due, whatever `paymentstatus` (2) claims.
    invoice(1003, {
      ticket_id: 5000,
      amountpaid: 50,
      amountdue: 70,
      paymentstatus: 2,
      datepaid: '2026-05-10T00:00:00',
    }),
    // A normal invoice with a non-zero type code.
    invoice(1004, { invoicetype: 4, amountpaid: 120, amountdue: 0 }),
    // Credit notes: type 0 and negative; type 1 linked with positive amounts.
    invoice(1005, {
      invoicetype: 0,
      creditlinkedtoinvoiceid: 1004,
      total: -60,
      tax_total: -10,
      amountdue: 0,
      lines: [line(10050, { qty_order: -1, unit_price: 50, net_amount: -50 })],
    }),
    invoice(1006, {
      invoicetype: 1,
      creditlinkedtoinvoiceid: 1003,
      total: 12,
      tax_total: 2,
      amountdue: 0,
      lines: [line(10060, { qty_order: 1, unit_price: 10, net_amount: 10 })],
    }),
    // A supplier bill: never listed.
    invoice(1007, { purchaseorder_id: 8001, supplier_name: 'Northwind' }),
    // Billing the project: a multi-id ticket read without includeprojects leaves it out.
    invoice(1008, { ticket_id: 6000, amountdue: 0, amountpaid: 120 }),
  );
  return data;
}

let h: McpHarness;
beforeAll(async () => {
  h = await startMcpHarness({ dataset: tenant() });
});
afterAll(() => h.stop());

describe('the simulator serves the real shapes', () => {
  it('lists credit notes and supplier invoices only when asked, customer invoices by default', async () => {
    const ids = async (query: Record<string, string | boolean>) =>
      (
        (await h.client.get('Invoice', { count: 100, ...query })) as { invoices: Array<{ id: number }> }
      ).invoices.map((i) => i.id);
    expect(await ids({})).toEqual([1001, 1002, 1003, 1004, 1008]);
    expect(await ids({ includecredits: true })).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1008]);
    expect(await ids({ includeinvoices: false, includecredits: true })).toEqual([1005, 1006]);
    expect(await ids({ includeinvoices: false, includepoinvoices: true })).toEqual([1007]);
  });

  it('serves a template by its negative id, and its schedule on the detail only', async () => {
    const list = (await h.client.get('RecurringInvoice', { client_id: 1 })) as {
      invoices: Array<Record<string, unknown>>;
    };
    expect(list.invoices.map((t) => [t.id, 'schedule' in t])).toEqual([[TEMPLATE, false]]);
    const detail = (await h.client.get(`RecurringInvoice/${TEMPLATE}`)) as { schedule: { every: number } };
    expect(detail.schedule.every).toBe(3);
  });

  it('caps count at 1000 rows while record_count says how many there are', async () => {
    const answer = (await h.client.get('Actions', { ticket_id: 5000, count: 5000 })) as {
      record_count: number;
      actions: unknown[];
    };
    expect(answer.record_count).toBe(1005);
    expect(answer.actions).toHaveLength(1000);
  });
});

describe('the rules on those shapes', () => {
  it('get_recurring_invoice takes a negative id and reads the "Monthly, every 3" schedule and baseprice', async () => {
    const { result, data, requests } = await h.call('get_recurring_invoice', {
      recurring_invoice_id: TEMPLATE,
    });
    expect(result.isError).toBeFalsy();
    // 2 x baseprice 150 = 300 per occurrence; every 3 months: 100 a month.
    expect(data.recurringInvoice).toMatchObject({
      id: TEMPLATE,
      every: 3,
      amountPerOccurrence: 300,
      monthlyValue: 100,
    });
    expect(paths(requests)).toEqual([`/api/RecurringInvoice/${TEMPLATE}`]);
  });

  it('refuses 0 and -1 as template ids before any request', async () => {
    for (const id of [0, -1]) {
      const { result, requests } = await h.call('get_recurring_invoice', { recurring_invoice_id: id });
      expect(result.isError).toBe(true);
      expect(requests).toHaveLength(0);
    }
  });

  it('list_recurring_invoices reads the detail once for the template whose row lacks its schedule', async () => {
    const { data, requests } = await h.call('list_recurring_invoices', { client_id: 1 });
    expect(data.recurringInvoices.items).toMatchObject([{ id: TEMPLATE, every: 3, monthlyValue: 100 }]);
    // One more read than the minimum: the list row has no `schedule`, so no `every`.
    expect(paths(requests).sort()).toEqual(['/api/RecurringInvoice', `/api/RecurringInvoice/${TEMPLATE}`]);
  });

  it('list_invoices: one-off by default, says how many it left out, unpaid means an amount still due', async () => {
    const { data, text, requests } = await h.call('list_invoices', { client_id: 1 });
    // 1001 (header link) and 1002 (line link) are recurring; the supplier bill is never read.
    expect(data.invoices.items.map((i: { id: number }) => i.id)).toEqual([1008, 1006, 1005, 1004, 1003]);
    expect(data.invoices.leftOutByKind).toBe(2);
    expect(data.invoices.kindNote).toBe(
      'Listing kind ONE_OFF: 2 invoices generated by recurring templates left out; pass kind ALL to include them.',
    );
    expect(text).toContain(data.invoices.kindNote);
    const credit = data.invoices.items
      .filter((i: { creditNote: boolean }) => i.creditNote)
      .map((i: { id: number }) => i.id);
    expect(credit).toEqual([1006, 1005]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.query).toMatchObject({
      includeinvoices: 'true',
      includecredits: 'true',
      includepoinvoices: 'false',
    });

    const unpaid = await h.call('list_invoices', { client_id: 1, unpaid_only: true, kind: 'ALL' });
    // The part-paid 1003 (70 due, "paid" by its status code) and 1002 (120 due), newest first.
    expect(unpaid.data.invoices.items.map((i: { id: number; paid: boolean }) => [i.id, i.paid])).toEqual([
      [1003, false],
      [1002, false],
    ]);
    expect(unpaid.data.invoices.leftOutByKind).toBeNull();
  });

  it('reads by detail a ticket that a multi-id ticket read did not return', async () => {
    h.reference.clear();
    h.resetLog();
    const res = await h.run('{ invoices(filter: {clientId: 1}) { items { id ticket { id summary } } } }');
    expect(res.errors).toBeUndefined();
    const tickets = (res.data.invoices.items as Array<{ ticket: { id: number } | null }>)
      .map((i) => i.ticket?.id)
      .filter((id) => id !== undefined);
    expect(tickets.sort()).toEqual([5000, 6000]);
    const ticketReads = h.requests().filter((r) => r.path.startsWith('/api/Tickets'));
    // One batch read (no includeprojects: it would return projects only), then the project by detail.
    expect(ticketReads.map((r) => [r.path, r.query.ticketids, r.query.includeprojects])).toEqual([
      ['/api/Tickets', '6000,5000', undefined],
      ['/api/Tickets/6000', undefined, undefined],
    ]);
  });

  it('get_ticket says when Halo returned fewer actions than it counted', async () => {
    const { data } = await h.call('get_ticket', { ticket_id: 5000 });
    expect(data.ticket.actions.totalCount).toBe(1000);
    expect(data.ticket.actions.truncated).toBe(true);
    expect(data.ticket.actions.notice).toBe(
      'Halo counts 1005 actions on ticket 5000 but returned only 1000 (its row cap): the others are missing from this list and its totals.',
    );
  });

  it('revenue_breakdown counts both links, both credit notes and the every-3 template, with the reads it needs', async () => {
    const { data, requests } = await h.call('revenue_breakdown', {
      client_id: 1,
      from: '2026-01-01',
      to: '2026-06-15',
    });
    const client = data.revenueBreakdown.client;
    // Template: 100 (1001, header link) + 100 (1002, line link) = 200. Ticket: 100 (1003) + 100
    // (1008, the project) = 200. Other: 100 (1004, type 4 counts as written) - 50 (1005, negative
    // credit note, type 0) - 10 (1006, linked credit note written positive, negated) = 40.
    expect(client.byCurrency[0]).toMatchObject({
      recurringSplit: { template: 200, contract: 0 },
      nonRecurringSplit: { ticket: 200, item: 0, other: 40 },
      invoiceCount: 7,
      creditNoteCount: 2,
    });
    expect(client.contracted).toMatchObject({ mrr: 100 });
    expect(client.warnings).toEqual(
      expect.arrayContaining([
        'Invoice 1006 ("INV-1006") is linked to a credited invoice (creditlinkedtoinvoiceid) with positive amounts; read as a credit note, the amounts are counted as negative.',
        'Invoice 1004 ("INV-1004") has invoicetype 4; Halo publishes no meaning for the code, so it changes nothing: amounts count as written (credit notes are recognised by a negative total or creditlinkedtoinvoiceid).',
      ]),
    );
    // Client, templates, contracts, invoices; plus the template's detail for its schedule.
    expect(paths(requests).sort()).toEqual([
      '/api/Client/1',
      '/api/ClientContract',
      '/api/Invoice',
      '/api/RecurringInvoice',
      `/api/RecurringInvoice/${TEMPLATE}`,
    ]);
  });
});
