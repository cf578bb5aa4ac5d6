import { describe, expect, it } from 'vitest';
import type { HaloInvoice } from '../../src/halo/types.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import {
  BILLING_PERIODS,
  CLOSED_STATUS_IDS,
  CREDIT_NOTE_TYPE_CODES,
  DATASET_SIZES,
  findIntegrityProblems,
  generateDataset,
  HARDWARE_ORDER_INVOICE_TYPE,
  INJECTION_TEXTS,
  INTERNAL_CLIENT_ID,
  lineKind,
  SENTINEL_DATE,
} from '../../src/simulator/generate/index.js';

const TODAY = '2026-06-30';
const tiny = generateDataset({ size: 'tiny', seed: 1, today: TODAY });
const demo = generateDataset({ size: 'demo', seed: 1, today: TODAY });
const TINY_SEEDS = [1, 2, 3, 4, 5, 42, 2024];
const tinies = TINY_SEEDS.map((seed) => generateDataset({ size: 'tiny', seed, today: TODAY }));

const ZONELESS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/;
const PERIOD_NAMES: readonly string[] = BILLING_PERIODS.map((period) => period.name);

function isRef(id: number | null | undefined): id is number {
  return typeof id === 'number' && id > 0;
}

function isMixed(invoice: HaloInvoice): boolean {
  return new Set((invoice.lines ?? []).map(lineKind)).size > 1;
}

/** The revenue cases the smallest dataset must hold, by name, with whether it holds each. */
function revenueCases(data: Dataset): Record<string, boolean> {
  const live = data.invoices.filter((invoice) => !invoice.voided);
  const linkedContracts = new Set(data.recurringInvoices.map((t) => t.contract_id).filter(isRef));
  const activeContracts = data.contracts.filter((contract) => contract.active);
  return {
    mixed: live.some(isMixed),
    credit: live.some(
      (invoice) =>
        (invoice.total ?? 0) < 0 &&
        (invoice.lines ?? []).every((line) => (line.net_amount ?? 0) <= 0) &&
        isRef(invoice.creditlinkedtoinvoiceid),
    ),
    voided: data.invoices.some((invoice) => invoice.voided === true),
    twoCurrencies: new Set(live.map((invoice) => invoice.currency)).size >= 2,
    contractWithTemplate: activeContracts.some((contract) => linkedContracts.has(contract.id)),
    contractWithoutTemplate: activeContracts.some(
      (contract) => !linkedContracts.has(contract.id) && (contract.periodchargeamount ?? 0) > 0,
    ),
    unknownPeriod: data.recurringInvoices.some((t) => !PERIOD_NAMES.includes(t.periodname ?? '')),
    templateLines: live.some((invoice) =>
      (invoice.lines ?? []).some((line) => lineKind(line) === 'template'),
    ),
    ticketLines: live.some((invoice) => (invoice.lines ?? []).some((line) => lineKind(line) === 'ticket')),
    contractLines: live.some((invoice) =>
      (invoice.lines ?? []).some((line) => lineKind(line) === 'contract'),
    ),
    itemLines: live.some((invoice) => (invoice.lines ?? []).some((line) => lineKind(line) === 'item')),
    endedTemplate: data.recurringInvoices.some(
      (t) => t.enddate !== SENTINEL_DATE && (t.enddate ?? '') < `${data.today}T00:00:00`,
    ),
  };
}

describe('generateDataset', () => {
  it('gives deep-equal data for the same size, seed and today', () => {
    expect(generateDataset({ size: 'tiny', seed: 1, today: TODAY })).toEqual(tiny);
    expect(generateDataset({ size: 'demo', seed: 1, today: TODAY })).toEqual(demo);
  });

  it('gives different data for a different seed', () => {
    const other = generateDataset({ size: 'tiny', seed: 2, today: TODAY });
    expect(other.clients.map((c) => c.name)).not.toEqual(tiny.clients.map((c) => c.name));
    expect(other.tickets.map((t) => t.dateoccurred)).not.toEqual(tiny.tickets.map((t) => t.dateoccurred));
  });

  it('ends the history at today and spreads it over 18 months', () => {
    const later = generateDataset({ size: 'tiny', seed: 1, today: '2027-01-15' });
    expect(later.today).toBe('2027-01-15');
    for (const data of [tiny, demo, later]) {
      const opened = data.tickets.map((t) => t.dateoccurred ?? '').sort();
      expect(opened[opened.length - 1]! < `${data.today}T00:00:00`).toBe(true);
      const invoiced = data.invoices.map((i) => i.invoice_date ?? '').sort();
      expect(invoiced[invoiced.length - 1]! <= `${data.today}T00:00:00`).toBe(true);
      const first = new Date(`${opened[0]}Z`);
      const monthsBack = (Date.parse(`${data.today}T00:00:00Z`) - first.getTime()) / (30.44 * 86_400_000);
      expect(monthsBack).toBeGreaterThan(12);
      expect(monthsBack).toBeLessThanOrEqual(18.1);
    }
  });

  it('defaults today to the current UTC date', () => {
    const before = new Date().toISOString().slice(0, 10);
    const data = generateDataset({ size: 'tiny' });
    const after = new Date().toISOString().slice(0, 10);
    expect([before, after]).toContain(data.today);
  });

  it('rejects a today that is not a calendar date', () => {
    expect(() => generateDataset({ size: 'tiny', today: '2026-02-30' })).toThrow(/calendar date/);
    expect(() => generateDataset({ size: 'tiny', today: '30/06/2026' })).toThrow(/YYYY-MM-DD/);
  });

  it('keeps every foreign id pointing at a real record with a matching name', () => {
    expect(findIntegrityProblems(demo)).toEqual([]);
    for (const data of tinies) expect(findIntegrityProblems(data)).toEqual([]);
  });

  it('reports broken links, gaps in action ids and totals that do not add up', () => {
    const broken = structuredClone(tiny);
    broken.tickets[0]!.client_id = 9999;
    broken.actions[1]!.id = 7;
    broken.invoices[0]!.total = (broken.invoices[0]!.total ?? 0) + 1;
    broken.invoices[1]!.lines![0]!.ihid = 1;
    const problems = findIntegrityProblems(broken);
    expect(problems).toContainEqual(`ticket ${broken.tickets[0]!.id}: client`);
    expect(problems.some((p) => p.includes('expected action id 2'))).toBe(true);
    expect(problems.some((p) => p.startsWith(`invoice ${broken.invoices[0]!.id}: total`))).toBe(true);
    expect(problems.some((p) => p.includes('ihid 1'))).toBe(true);
  });

  it('numbers actions from 1 within each ticket, in time order', () => {
    for (const data of [tiny, demo]) {
      const byTicket = new Map<number, Array<{ id: number; datetime: string }>>();
      for (const action of data.actions) {
        const list = byTicket.get(action.ticket_id) ?? [];
        list.push({ id: action.id, datetime: action.datetime ?? '' });
        byTicket.set(action.ticket_id, list);
      }
      expect(byTicket.size).toBe(data.tickets.length);
      for (const list of byTicket.values()) {
        expect(list.map((a) => a.id)).toEqual(list.map((_, index) => index + 1));
        const times = list.map((a) => Date.parse(`${a.datetime}Z`));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }
    }
  });

  it('holds every revenue case in the tiny set, whatever the seed', () => {
    for (const data of tinies) {
      const cases = revenueCases(data);
      expect(Object.entries(cases).filter(([, held]) => !held)).toEqual([]);
    }
  });

  it('makes credit notes negative and links them to the invoice they credit, with a mix of type codes', () => {
    const credits = demo.invoices.filter((invoice) => isRef(invoice.creditlinkedtoinvoiceid));
    expect(credits.length).toBeGreaterThan(2);
    expect(new Set(credits.map((credit) => credit.invoicetype))).toEqual(new Set(CREDIT_NOTE_TYPE_CODES));
    for (const credit of credits) {
      expect(credit.total).toBeLessThan(0);
      expect(credit.invoicenumber).toMatch(/^CN-\d{6}$/);
      const original = demo.invoices.find((invoice) => invoice.id === credit.creditlinkedtoinvoiceid);
      expect(original?.client_id).toBe(credit.client_id);
      expect(original!.id).toBeLessThan(credit.id);
    }
    expect(
      demo.invoices.filter((i) => !isRef(i.creditlinkedtoinvoiceid)).every((i) => (i.total ?? 0) > 0),
    ).toBe(true);
    // An ordinary invoice with a non-zero type code: the code alone proves nothing.
    expect(
      demo.invoices.some((i) => i.invoicetype === HARDWARE_ORDER_INVOICE_TYPE && (i.total ?? 0) > 0),
    ).toBe(true);
  });

  it('serves the shapes of real Halo: negative template ids, -1 on other lines, false header flags', () => {
    expect(demo.recurringInvoices.every((template) => template.id < -1)).toBe(true);
    const generated = demo.invoices.filter((i) =>
      (i.lines ?? []).some((line) => lineKind(line) === 'template'),
    );
    expect(generated.length).toBeGreaterThan(0);
    for (const invoice of generated) {
      expect(invoice.is_recurring_invoice).toBe(false);
      expect(invoice.recurring_invoice_id).toBeLessThan(-1);
    }
    const others = demo.invoices
      .flatMap((i) => i.lines ?? [])
      .filter((line) => lineKind(line) !== 'template');
    expect(others.every((line) => line.recurring_invoice_id === -1)).toBe(true);
    const everyThree = demo.recurringInvoices.filter(
      (t) => t.periodname === 'Monthly' && t.schedule?.every === 3,
    );
    expect(everyThree).toHaveLength(1);
    expect(demo.scheduleOnDetailOnly).toContain(everyThree[0]!.id);
    const supplier = demo.invoices.filter((i) => isRef(i.purchaseorder_id));
    expect(supplier.length).toBeGreaterThan(0);
    expect(supplier.every((i) => i.invoicenumber?.startsWith('PO-'))).toBe(true);
    const partPaid = demo.invoices.filter((i) => (i.amountpaid ?? 0) > 0 && (i.amountdue ?? 0) > 0);
    expect(partPaid.length).toBeGreaterThan(0);
  });

  it('reissues voided invoices so voids do not remove revenue', () => {
    const voided = demo.invoices.filter((invoice) => invoice.voided);
    expect(voided.length).toBeGreaterThan(0);
    for (const invoice of voided) {
      expect(invoice.amountpaid).toBe(0);
      const reissued = demo.invoices.find(
        (other) =>
          !other.voided &&
          other.id > invoice.id &&
          other.client_id === invoice.client_id &&
          other.invoice_date === invoice.invoice_date &&
          other.total === invoice.total,
      );
      expect(reissued).toBeDefined();
    }
  });

  it('bills recurring templates with lines that point back to the template lines', () => {
    const templates = new Map(demo.recurringInvoices.map((t) => [t.id, t]));
    // Template ids are negative: a link is any id but 0 and -1.
    const generated = demo.invoices.filter((invoice) => (invoice.recurring_invoice_id ?? -1) < -1);
    expect(generated.length).toBeGreaterThan(100);
    for (const invoice of generated) {
      const template = templates.get(invoice.recurring_invoice_id!)!;
      expect(invoice.contract_id).toBe(template.contract_id);
      const templateLineIds = (template.lines ?? []).map((line) => line.id);
      for (const line of invoice.lines ?? [])
        expect(templateLineIds).toContain(line.recurring_invoice_line_id);
    }
  });

  it('lands each size in its expected range', () => {
    expect(tiny.clients.length).toBe(DATASET_SIZES.tiny.customers + 1);
    expect(tiny.tickets.length).toBeGreaterThanOrEqual(55);
    expect(tiny.tickets.length).toBeLessThanOrEqual(80);
    expect(tiny.invoices.length).toBeGreaterThan(30);
    expect(tiny.invoices.length).toBeLessThan(200);
    expect(demo.clients.length).toBe(DATASET_SIZES.demo.customers + 1);
    expect(demo.tickets.length).toBeGreaterThan(1300);
    expect(demo.tickets.length).toBeLessThan(1800);
    expect(demo.invoices.length).toBeGreaterThan(1100);
    expect(demo.invoices.length).toBeLessThan(1900);
    expect(demo.actions.length / demo.tickets.length).toBeGreaterThan(2.5);
    expect(demo.actions.length / demo.tickets.length).toBeLessThan(4);
    expect(DATASET_SIZES.large.customers).toBe(3000);
    expect(DATASET_SIZES.large.tickets).toBeGreaterThanOrEqual(100_000);
  });

  it('writes values in Halo wire form', () => {
    const datetimes = [
      ...tiny.tickets.flatMap((t) => [t.dateoccurred, t.fixbydate, t.dateclosed]),
      ...tiny.actions.map((a) => a.datetime),
      ...tiny.invoices.map((i) => i.invoice_date),
    ];
    for (const value of datetimes) expect(value).toMatch(ZONELESS_DATETIME);
    const fractions = new Set(tiny.actions.map((a) => (a.datetime ?? '').split('.')[1]?.length ?? 0));
    expect(fractions.size).toBeGreaterThan(1);
    expect(tiny.tickets.some((t) => t.fixbydate === SENTINEL_DATE)).toBe(true);
    expect(tiny.tickets.some((t) => t.parent_id === -1)).toBe(true);
    for (const priority of tiny.priorities) expect(priority.id).toMatch(/^[0-9a-f-]{36}$/);
    const priorityIds = tiny.priorities.map((p) => p.priorityid);
    expect(new Set(priorityIds).size).toBe(4);
    expect(new Set(tiny.priorities.map((p) => p.slaid)).size).toBe(2);
  });

  it('models the MSP: internal client, system agent, closed statuses, projects and assets', () => {
    expect(demo.clients.find((c) => c.id === INTERNAL_CLIENT_ID)?.name).toBe('Our Company');
    expect(demo.clients.some((c) => c.inactive)).toBe(true);
    expect(demo.clients.some((c) => c.is_vip)).toBe(true);
    expect(demo.agents[0]).toMatchObject({ id: 1, name: 'Unassigned' });
    const disabled = demo.agents.filter((a) => a.isdisabled);
    expect(disabled).toHaveLength(1);
    const leftWork = demo.tickets.filter((t) => t.agent_id === disabled[0]!.id);
    expect(leftWork.length).toBeGreaterThan(0);
    for (const ticket of leftWork) {
      expect(CLOSED_STATUS_IDS).toContain(ticket.status_id);
      expect(ticket.dateclosed! < disabled[0]!.lastlogindate!).toBe(true);
    }
    expect(demo.statuses.filter((s) => CLOSED_STATUS_IDS.includes(s.id)).map((s) => s.name)).toEqual([
      'Resolved',
      'Closed',
    ]);
    for (const ticket of demo.tickets) {
      const closed = CLOSED_STATUS_IDS.includes(ticket.status_id ?? 0);
      expect(ticket.dateclosed === SENTINEL_DATE).toBe(!closed);
      if (ticket.agent_id === 1) expect(ticket.agent_name).toBe('Unassigned');
    }
    expect(demo.tickets.filter((t) => !CLOSED_STATUS_IDS.includes(t.status_id ?? 0)).length).toBeGreaterThan(
      10,
    );
    const projects = demo.tickets.filter((t) => t.is_project);
    expect(projects).toHaveLength(DATASET_SIZES.demo.projects);
    for (const project of projects) {
      const tasks = demo.tickets.filter((t) => t.parent_id === project.id);
      expect(tasks.length).toBe(project.child_count);
      expect(tasks.every((t) => t.tickettype_name === 'Project Task')).toBe(true);
      expect(project.projecttimebudget).toBeGreaterThan(0);
    }
    expect(demo.assets.some((a) => isRef(a.parent_id))).toBe(true);
    expect(demo.assets.some((a) => (a.fields ?? []).some((f) => f.name === 'Serial Number'))).toBe(true);
  });

  it('plants prompt-injection text in ticket notes, as real ticket text can carry', () => {
    const notes = tiny.actions.map((a) => a.note ?? '');
    const planted = INJECTION_TEXTS.filter((text) =>
      [...notes, ...tiny.tickets.map((t) => t.details ?? '')].some((n) => n.includes(text)),
    );
    expect(planted).toHaveLength(INJECTION_TEXTS.length);
    expect(notes.some((note) => /ignore previous instructions/i.test(note))).toBe(true);
  });

  it('computes saved report rows from the data', () => {
    const open = demo.tickets.filter((t) => !CLOSED_STATUS_IDS.includes(t.status_id ?? 0));
    const byClient = demo.reports.find((r) => r.name === 'Open tickets by client')!;
    expect(byClient.rows.reduce((sum, row) => sum + Number(row.open_tickets), 0)).toBe(open.length);
    const revenue = demo.reports.find((r) => r.name === 'Invoiced revenue by month')!;
    const reported = revenue.rows.reduce((sum, row) => sum + Number(row.net_total), 0);
    const invoiced = demo.invoices
      .filter((i) => !i.voided)
      .reduce((sum, i) => sum + (i.total ?? 0) - (i.tax_total ?? 0), 0);
    expect(reported).toBeCloseTo(invoiced, 0);
    expect(demo.reports.every((r) => r.rows.length > 0 || r.name.startsWith('Contracts expiring'))).toBe(
      true,
    );
  });
});
