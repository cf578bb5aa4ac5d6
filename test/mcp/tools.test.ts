import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HaloTicket } from '../../src/halo/types.js';
import { OPERATIONS_DIR } from '../../src/mcp/operations.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { type McpHarness, paths, startMcpHarness } from './harness.js';

// Every tool through a real SDK client, against the simulator over HTTP: the answer is checked
// against the simulator's records, and the upstream requests are counted from a cold cache.

let h: McpHarness;
beforeAll(async () => {
  h = await startMcpHarness({ dataset: generateDataset({ size: 'tiny', seed: 11, today: '2026-11-24' }) });
});
afterAll(() => h.stop());

const sorted = (list: string[]) => [...list].sort();
const positive = (id: number | null | undefined): id is number => id != null && id > 0;
/** A recurring-template link: any id but 0 and -1 (template ids are negative on Halo). */
const templateLink = (id: number | null | undefined): id is number => id != null && id !== 0 && id !== -1;
/** The detail reads that fill `schedule` for templates whose list rows lack it. */
const scheduleReads = (templates: Array<{ id: number }>) =>
  templates
    .filter((t) => h.sim.data.scheduleOnDetailOnly?.includes(t.id))
    .map((t) => `/api/RecurringInvoice/${t.id}`);

/**
 * `client { id name }` on list rows comes from each row's `client_id` + `client_name` (no client
 * read): the names must still be the client records' own.
 */
function expectClientsAsRecorded(rows: Array<{ client: { id: number; name: string } | null }>): void {
  expect(rows.some((r) => r.client)).toBe(true);
  for (const { client } of rows) {
    if (client) expect(client.name).toBe(h.sim.data.clients.find((c) => c.id === client.id)!.name);
  }
}
const isClosed = (t: HaloTicket) => t.status_id === 8 || t.status_id === 9;

function serviceTickets(): HaloTicket[] {
  const projects = new Set(h.sim.data.tickets.filter((t) => t.is_project).map((t) => t.id));
  return h.sim.data.tickets.filter((t) => !t.is_project && !projects.has(t.parent_id ?? -1));
}

/** The client with the most service tickets, so lists are not trivially short. */
function busiestClient() {
  const counts = new Map<number, number>();
  for (const t of serviceTickets()) counts.set(t.client_id ?? -1, (counts.get(t.client_id ?? -1) ?? 0) + 1);
  const [id] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return h.sim.data.clients.find((c) => c.id === id)!;
}

describe('client tools', () => {
  it('list_clients lists active clients by name in one request, with the page signal', async () => {
    const { data, text, requests } = await h.call('list_clients', { page_size: 2 });
    const active = h.sim.data.clients.filter((c) => !c.inactive).sort((a, b) => a.name.localeCompare(b.name));
    expect(data.clients.totalCount).toBe(active.length);
    expect(data.clients.items.map((c: { name: string }) => c.name)).toEqual(
      active.slice(0, 2).map((c) => c.name),
    );
    expect(data.truncated).toBe(true);
    expect(data.nextPage).toBe(2);
    expect(text).toContain(`Showing 1-2 of ${active.length} clients (truncated: use page=2 for more).`);
    expect(text).toContain(`#${active[0]!.id} ${active[0]!.name}`);
    expect(paths(requests)).toEqual(['/api/Client']);
    expect(requests[0]!.query).toMatchObject({ page_size: '2', page_no: '1' });
  });

  it('get_client returns the client with its sites and contacts', async () => {
    const client = busiestClient();
    const { data, result, requests } = await h.call('get_client', { client_id: client.id });
    expect(result.isError).toBeFalsy();
    expect(data.client).toMatchObject({ id: client.id, name: client.name });
    const sites = h.sim.data.sites.filter((s) => s.client_id === client.id && !s.inactive);
    expect(sorted(data.client.sites.map((s: { name: string }) => s.name))).toEqual(
      sorted(sites.map((s) => s.name)),
    );
    const contacts = h.sim.data.users.filter((u) => u.client_id === client.id && !u.inactive);
    expect(sorted(data.client.contacts.map((c: { id: number }) => String(c.id)))).toEqual(
      sorted(contacts.map((c) => String(c.id))),
    );
    expect(sorted(paths(requests))).toEqual([
      '/api/Agent',
      `/api/Client/${client.id}`,
      '/api/Site',
      '/api/Users',
    ]);
  });
});

describe('ticket tools', () => {
  it('list_tickets filters by client and open state in one ticket request', async () => {
    const client = busiestClient();
    const { data, text, requests } = await h.call('list_tickets', { client_id: client.id, open: false });
    const expected = serviceTickets().filter((t) => t.client_id === client.id && isClosed(t));
    expect(data.tickets.totalCount).toBe(expected.length);
    for (const item of data.tickets.items) {
      const record = h.sim.data.tickets.find((t) => t.id === item.id)!;
      expect(record.client_id).toBe(client.id);
      expect(item.summary).toBe(record.summary);
      expect(item.open).toBe(false);
    }
    expect(text).toMatch(/^(Showing 1-\d+ of \d+ tickets|No tickets match)/);
    expectClientsAsRecorded(data.tickets.items);
    expect(paths(requests)).toEqual(['/api/Tickets']);
    const ticketQuery = requests.find((r) => r.path === '/api/Tickets')!.query;
    expect(ticketQuery).toMatchObject({ client_id: String(client.id), closed_only: 'true' });
  });

  it('get_ticket returns the ticket with its actions and hour totals', async () => {
    const ticket = serviceTickets().find(
      (t) => h.sim.data.actions.filter((a) => a.ticket_id === t.id).length > 2,
    )!;
    const actions = h.sim.data.actions.filter((a) => a.ticket_id === ticket.id);
    const { data, text, requests } = await h.call('get_ticket', { ticket_id: ticket.id });
    expect(data.ticket).toMatchObject({ id: ticket.id, summary: ticket.summary });
    expect(data.ticket.actions.totalCount).toBe(actions.length);
    const hours = actions.reduce((sum, a) => sum + (a.timetaken ?? 0), 0);
    expect(data.ticket.actions.totals.hours).toBeCloseTo(hours, 4);
    expect(text).toContain(`actions (${actions.length} of ${actions.length}):`);
    // Status, type, priority, client, agent and team are each `{ id name }`, which the ticket row
    // names: no reference list and no client read, yet the names are the records' own.
    const named = <T extends { id: number; name: string }>(rows: T[], id: number | null | undefined) => {
      const row = rows.find((r) => r.id === id)!;
      return { id: row.id, name: row.name };
    };
    const { statuses, ticketTypes, priorities, clients, agents, teams } = h.sim.data;
    const priority = priorities.find(
      (p) => p.priorityid === ticket.priority_id && p.slaid === ticket.sla_id,
    )!;
    expect(data.ticket).toMatchObject({
      status: named(statuses, ticket.status_id),
      type: named(ticketTypes, ticket.tickettype_id),
      priority: { id: priority.priorityid, name: priority.name },
      client: named(clients, ticket.client_id),
      agent: ticket.agent_id === 1 ? null : named(agents, ticket.agent_id),
      team: named(teams, ticket.team_id),
    });
    expect(sorted(paths(requests))).toEqual(sorted([`/api/Tickets/${ticket.id}`, '/api/Actions']));
  });

  it('list_actions totals a ticket’s time in one request', async () => {
    const ticket = serviceTickets().find((t) => h.sim.data.actions.some((a) => a.ticket_id === t.id))!;
    const actions = h.sim.data.actions.filter((a) => a.ticket_id === ticket.id);
    const { data, requests } = await h.call('list_actions', { ticket_id: ticket.id, page_size: 1 });
    expect(data.actions.totalCount).toBe(actions.length);
    expect(data.actions.items).toHaveLength(1);
    expect(data.actions.totals.count).toBe(actions.length);
    const charge = actions.reduce((sum, a) => sum + (a.actionchargehours ?? 0), 0);
    expect(data.actions.totals.chargeableHours).toBeCloseTo(charge, 4);
    expect(data.truncated).toBe(actions.length > 1);
    expect(paths(requests)).toEqual(['/api/Actions']);
  });
});

describe('billing tools', () => {
  it('list_contracts lists active contracts with their client', async () => {
    const { data, requests } = await h.call('list_contracts', {});
    expect(data.contracts.totalCount).toBeGreaterThan(0);
    for (const item of data.contracts.items) {
      const record = h.sim.data.contracts.find((c) => c.id === item.id)!;
      expect(item.reference).toBe(record.ref);
      expect(item.client.id).toBe(record.client_id);
      expect(item.active).toBe(true);
    }
    expectClientsAsRecorded(data.contracts.items);
    expect(paths(requests)).toEqual(['/api/ClientContract']);
  });

  it('get_contract returns billing plans and the templates that bill it', async () => {
    const template = h.sim.data.recurringInvoices.find((r) => (r.contract_id ?? 0) > 0)!;
    const contract = h.sim.data.contracts.find((c) => c.id === template.contract_id)!;
    const { data, requests } = await h.call('get_contract', { contract_id: contract.id });
    expect(data.contract).toMatchObject({ id: contract.id, reference: contract.ref });
    expect(data.contract.recurringInvoices.map((r: { id: number }) => r.id)).toContain(template.id);
    expect(Array.isArray(data.contract.billingPlans)).toBe(true);
    // Client and site are `{ id name }`, named by the contract row: only the templates are read.
    const client = h.sim.data.clients.find((c) => c.id === contract.client_id)!;
    const site = h.sim.data.sites.find((s) => s.id === contract.site_id)!;
    expect(data.contract.client).toEqual({ id: client.id, name: client.name });
    expect(data.contract.site).toEqual({ id: site.id, name: site.name });
    // Plus one detail read per template whose list row lacks `schedule` (its `every`).
    const billing = h.sim.data.recurringInvoices.filter((r) => r.contract_id === contract.id);
    expect(sorted(paths(requests))).toEqual(
      sorted([`/api/ClientContract/${contract.id}`, '/api/RecurringInvoice', ...scheduleReads(billing)]),
    );
  });

  it('list_invoices shows only one-off invoices by default', async () => {
    const client = busiestClient();
    const { data, requests } = await h.call('list_invoices', { client_id: client.id, page_size: 100 });
    // One-off: neither header nor any line links a template; supplier (PO) invoices are never listed.
    const expected = h.sim.data.invoices.filter(
      (i) =>
        i.client_id === client.id &&
        !templateLink(i.recurring_invoice_id) &&
        !(i.lines ?? []).some((line) => templateLink(line.recurring_invoice_id)) &&
        !positive(i.purchaseorder_id) &&
        !i.voided,
    );
    expect(sorted(data.invoices.items.map((i: { id: number }) => String(i.id)))).toEqual(
      sorted(expected.map((i) => String(i.id))),
    );
    expect(
      data.invoices.items.every((i: { fromRecurringTemplate: boolean }) => !i.fromRecurringTemplate),
    ).toBe(true);
    expectClientsAsRecorded(data.invoices.items);
    expect(paths(requests)).toEqual(['/api/Invoice']);
  });

  it('get_invoice returns the invoice lines in one request', async () => {
    const invoice = h.sim.data.invoices.find((i) => (i.lines?.length ?? 0) > 1 && (i.client_id ?? 0) > 0)!;
    const { data, requests } = await h.call('get_invoice', { invoice_id: invoice.id });
    expect(data.invoice.id).toBe(invoice.id);
    expect(data.invoice.lines).toHaveLength(invoice.lines!.length);
    // The invoice, and the template and ticket it came from, when it has them. Its client
    // `{ id name }` and contract `{ id reference }` are named by the invoice row: not read.
    expect(positive(invoice.contract_id)).toBe(true);
    const contract = h.sim.data.contracts.find((c) => c.id === invoice.contract_id)!;
    expect(data.invoice.contract).toEqual({ id: contract.id, reference: contract.ref });
    expect(data.invoice.client.name).toBe(h.sim.data.clients.find((c) => c.id === invoice.client_id)!.name);
    expect(sorted(paths(requests))).toEqual(
      sorted([
        `/api/Invoice/${invoice.id}`,
        ...(templateLink(invoice.recurring_invoice_id)
          ? [`/api/RecurringInvoice/${invoice.recurring_invoice_id}`]
          : []),
        ...(positive(invoice.ticket_id) ? [`/api/Tickets/${invoice.ticket_id}`] : []),
      ]),
    );
  });

  it('list_recurring_invoices gives each template its monthly value', async () => {
    const { data, requests } = await h.call('list_recurring_invoices', {});
    expect(data.recurringInvoices.totalCount).toBeGreaterThan(0);
    const yearly = data.recurringInvoices.items.find((r: { period: string }) => r.period === 'Yearly');
    if (yearly) expect(yearly.monthlyValue).toBeCloseTo(yearly.amountPerOccurrence / 12, 2);
    expectClientsAsRecorded(data.recurringInvoices.items);
    // The list, then one detail read per listed template whose row lacks `schedule` (its `every`).
    expect(sorted(paths(requests))).toEqual(
      sorted(['/api/RecurringInvoice', ...scheduleReads(data.recurringInvoices.items)]),
    );
  });

  it('get_recurring_invoice returns the schedule and lines', async () => {
    const template = h.sim.data.recurringInvoices.find((r) => (r.lines?.length ?? 0) > 0)!;
    const { data, requests } = await h.call('get_recurring_invoice', { recurring_invoice_id: template.id });
    expect(data.recurringInvoice).toMatchObject({ id: template.id, reference: template.reference });
    expect(data.recurringInvoice.lines).toHaveLength(template.lines!.length);
    // Client `{ id name }` and contract `{ id reference }` are named by the template row: one read.
    expect(positive(template.contract_id)).toBe(true);
    const contract = h.sim.data.contracts.find((c) => c.id === template.contract_id)!;
    const client = h.sim.data.clients.find((c) => c.id === template.client_id)!;
    expect(data.recurringInvoice.contract).toEqual({ id: contract.id, reference: contract.ref });
    expect(data.recurringInvoice.client).toEqual({ id: client.id, name: client.name });
    expect(paths(requests)).toEqual([`/api/RecurringInvoice/${template.id}`]);
  });
});

describe('project, asset, agent and report tools', () => {
  it('list_projects shows budget against actual', async () => {
    const { data, requests } = await h.call('list_projects', { page_size: 100 });
    const withBudget = data.projects.items.find(
      (p: { budget: { hours: number | null } }) => p.budget.hours != null,
    );
    const record = h.sim.data.tickets.find((t) => t.id === withBudget.id)!;
    expect(withBudget.budget.hours).toBe(record.projecttimebudget);
    expect(withBudget.actual.hours).toBe(record.projecttimeactual);
    expect(paths(requests)).toEqual(['/api/Projects']);
  });

  it('get_project returns its tasks and time', async () => {
    const project = h.sim.data.tickets.find(
      (t) => t.is_project && h.sim.data.tickets.some((c) => c.parent_id === t.id),
    )!;
    const tasks = h.sim.data.tickets.filter((t) => t.parent_id === project.id);
    const { data, requests } = await h.call('get_project', { project_id: project.id });
    expect(data.project.tasks.totalCount).toBe(tasks.length);
    // Client and owner are `{ id name }`, named by the project row: neither is read.
    const client = h.sim.data.clients.find((c) => c.id === project.client_id)!;
    const agent = h.sim.data.agents.find((a) => a.id === project.agent_id)!;
    expect(data.project.client).toEqual({ id: client.id, name: client.name });
    expect(data.project.agent).toEqual({ id: agent.id, name: agent.name });
    expect(sorted(paths(requests))).toEqual(
      sorted(['/api/Actions', '/api/Projects', `/api/Projects/${project.id}`]),
    );
  });

  it('list_assets and get_asset show an asset and its links', async () => {
    const list = await h.call('list_assets', { page_size: 5 });
    expect(list.data.assets.items).toHaveLength(Math.min(5, list.data.assets.totalCount));
    expectClientsAsRecorded(list.data.assets.items);
    expect(paths(list.requests)).toEqual(['/api/Asset']);
    const asset = h.sim.data.assets.find((a) => (a.child_assets?.length ?? 0) > 1 && positive(a.site_id))!;
    const { data, requests } = await h.call('get_asset', { asset_id: asset.id });
    expect(data.asset).toMatchObject({ id: asset.id, name: asset.key_field, tag: asset.inventory_number });
    expect(data.asset.children.map((c: { id: number }) => c.id)).toEqual(
      asset.child_assets!.map((c) => c.id),
    );
    // The asset, its tickets, and its linked assets read together in one list request; client and
    // site are `{ id name }`, named by the asset row, so neither is read.
    const client = h.sim.data.clients.find((c) => c.id === asset.client_id)!;
    const site = h.sim.data.sites.find((s) => s.id === asset.site_id)!;
    expect(data.asset.client).toEqual({ id: client.id, name: client.name });
    expect(data.asset.site).toEqual({ id: site.id, name: site.name });
    expect(sorted(paths(requests))).toEqual(sorted([`/api/Asset/${asset.id}`, '/api/Asset', '/api/Tickets']));
  });

  it('list_agents shows teams and open ticket load from one ticket read', async () => {
    const { data, requests } = await h.call('list_agents', {});
    for (const agent of data.agents.items) {
      const open = serviceTickets().filter((t) => t.agent_id === agent.id && !isClosed(t)).length;
      expect(agent.openTicketCount).toBe(open);
    }
    expect(sorted(paths(requests))).toEqual(['/api/Agent', '/api/Team', '/api/Tickets']);
  });

  it('list_reports and run_report list reports and return rows', async () => {
    const list = await h.call('list_reports', {});
    expect(list.data.reports.totalCount).toBe(h.sim.data.reports.length);
    expect(paths(list.requests)).toEqual(['/api/Report']);
    const report = h.sim.data.reports.find((r) => r.rows.length > 1)!;
    const { data, requests } = await h.call('run_report', { report_id: report.id, limit: 1 });
    expect(data.runReport).toMatchObject({ rowCount: report.rows.length, truncated: true });
    expect(data.runReport.rows).toEqual([report.rows[0]]);
    expect(paths(requests)).toEqual([`/api/Report/${report.id}`]);
  });
});

const REVENUE_FILE = join(OPERATIONS_DIR, 'revenue_breakdown.graphql');

describe.skipIf(!existsSync(REVENUE_FILE))('revenue_breakdown (picked up from its operation file)', () => {
  it('runs for a client named in words, adding only the name lookup to the operation’s own requests', async () => {
    const client = busiestClient();
    h.reference.clear();
    h.resetLog();
    const direct = await h.run(readFileSync(REVENUE_FILE, 'utf8'), { client_id: client.id });
    expect(direct.errors).toBeUndefined();
    const own = paths(h.requests());

    const { result, data, requests } = await h.call('revenue_breakdown', { client: client.name });
    expect(result.isError).toBeFalsy();
    expect(data).toEqual(direct.data);
    expect(requests[0]).toMatchObject({ path: '/api/Client', query: { search: client.name } });
    expect(sorted(paths(requests.slice(1)))).toEqual(sorted(own));
  });
});
