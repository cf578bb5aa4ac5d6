import type { HaloInvoice, HaloInvoiceLine } from '../../halo/types.js';
import { occurrenceAt, occurrencesBetween } from './billing-periods.js';
import type { ClientProfile } from './clients.js';
import type { ContractBook, ContractPlan } from './contracts.js';
import { DAY_MS, SENTINEL_DATE, startOfDay, wireDate } from './dates.js';
import { applyTotals, itemLine, makeLine } from './invoice-lines.js';
import { HARDWARE_ITEMS, ITEMS } from './items.js';
import { createInterner, round2 } from './money.js';
import { type Random, WeightedTable } from './random.js';
import { type TemplatePlan, templateRuns } from './recurring-invoices.js';
import type { SizeSpec } from './sizes.js';
import type { TicketDraft } from './tickets.js';

export const INVOICE_ID_BASE = 70001;

/**
 * Credit notes carry quantities, amounts and totals NEGATIVE and `creditlinkedtoinvoiceid` = the
 * credited invoice; their `invoicetype` cycles through these codes, since Halo publishes no
 * enumeration and a non-zero code does not prove a credit note (docs/halo-api.md §8.3).
 */
export const CREDIT_NOTE_TYPE_CODES = [1, 0, 3] as const;

/** Hardware orders carry this non-zero `invoicetype` although they are ordinary invoices. */
export const HARDWARE_ORDER_INVOICE_TYPE = 2;

/** Supplier (purchase-order) invoices share the `/Invoice` list and carry a `purchaseorder_id`. */
export const PURCHASE_ORDER_ID_BASE = 8001;

/**
 * `paymentstatus` as the simulator writes it (Halo's codes are unverified): 0 unpaid, 1 part
 * paid, 2 paid. Voided invoices are 0 with nothing due; credit notes are 2 (fully allocated).
 */
export const PAYMENT_STATUS = { unpaid: 0, partPaid: 1, paid: 2 } as const;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function monthLabel(ms: number): string {
  const date = new Date(ms);
  return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

interface InvoiceDraft {
  at: number;
  /** Tie-break for invoices of the same day: voided first copies sort before their reissue. */
  order: number;
  invoice: HaloInvoice;
  profile: ClientProfile;
  credits: InvoiceDraft | null;
}

export interface InvoiceInputs {
  random: Random;
  size: SizeSpec;
  today: number;
  windowStart: number;
  profiles: readonly ClientProfile[];
  templates: readonly TemplatePlan[];
  book: ContractBook;
  /** Finalised ticket drafts (ids assigned). */
  tickets: readonly TicketDraft[];
}

interface HeaderLinks {
  reference: string;
  ticketId?: number;
  contract?: ContractPlan | null;
  template?: TemplatePlan | null;
}

function header(
  profile: ClientProfile,
  at: number,
  links: HeaderLinks,
  lines: HaloInvoiceLine[],
  shared: (text: string) => string,
): HaloInvoice {
  const site = profile.sites[0];
  const contract = links.contract?.contract ?? null;
  return {
    id: 0,
    invoicenumber: '',
    client_id: profile.client.id,
    client_name: profile.client.name,
    sitenumber: site?.id ?? -1,
    site_name: site?.name ?? '',
    invoice_date: wireDate(at),
    duedate: wireDate(at + 30 * DAY_MS),
    datepaid: SENTINEL_DATE,
    posted: false,
    paymentstatus: PAYMENT_STATUS.unpaid,
    amountpaid: 0,
    amountdue: 0,
    total: 0,
    tax_total: 0,
    currency: profile.plan.currency.code,
    reference: shared(links.reference),
    ticket_id: links.ticketId ?? -1,
    contract_id: contract?.id ?? -1,
    contract_ref: contract?.ref ?? '',
    invoicetype: 0,
    voided: false,
    creditlinkedtoinvoiceid: -1,
    recurring_invoice_id: links.template?.template.id ?? -1,
    is_recurring_invoice: false,
    lines,
    date_created: wireDate(at),
  };
}

/** What a line is billed as, by the revenue rules' order (docs/revenue.md §2). */
export function lineKind(line: HaloInvoiceLine): 'template' | 'ticket' | 'contract' | 'item' | 'other' {
  const template = line.recurring_invoice_id ?? -1;
  if (template !== 0 && template !== -1) return 'template';
  if ((line.ticket_id ?? -1) > 0) return 'ticket';
  if ((line.contract_id ?? -1) > 0) return 'contract';
  if ((line._itemid ?? -1) > 0) return 'item';
  return 'other';
}

/** 18 months of invoices ending today, in id (= date) order, with lines. */
export function buildInvoices(inputs: InvoiceInputs): HaloInvoice[] {
  const { random, today, windowStart, size } = inputs;
  const shared = createInterner();
  const invoiceFor = (profile: ClientProfile, at: number, links: HeaderLinks, lines: HaloInvoiceLine[]) =>
    header(profile, at, links, lines, shared);
  const drafts: InvoiceDraft[] = [];
  const add = (profile: ClientProfile, at: number, invoice: HaloInvoice) => {
    drafts.push({ at, order: 0, invoice, profile, credits: null });
  };

  // Month-end billing runs: ticket work (every `supportRunMonths`), and everything of a
  // consolidated customer (monthly).
  const runs = new Map<string, { profile: ClientProfile; runAt: number; lines: HaloInvoiceLine[] }>();
  const toRun = (profile: ClientProfile, at: number, line: HaloInvoiceLine) => {
    const date = new Date(at);
    const every = profile.plan.consolidated ? 1 : size.supportRunMonths;
    const block = Math.floor((date.getUTCFullYear() * 12 + date.getUTCMonth()) / every);
    const key = `${profile.client.id}|${block}`;
    let run = runs.get(key);
    if (run === undefined) {
      const nextMonth = (block + 1) * every;
      run = { profile, runAt: Date.UTC(Math.floor(nextMonth / 12), nextMonth % 12, 1) - DAY_MS, lines: [] };
      runs.set(key, run);
    }
    run.lines.push(line);
  };

  for (const plan of inputs.templates) {
    const { template, profile } = plan;
    for (const at of templateRuns(plan, windowStart, today)) {
      const end = occurrenceAt(at, plan.period, plan.every, 1) - DAY_MS;
      const lines = (template.lines ?? []).map((line) => ({
        ...line,
        id: 0,
        ihid: 0,
        recurring_invoice_id: template.id,
        recurring_invoice_line_id: line.id,
        startdate: wireDate(at),
        enddate: wireDate(end),
      }));
      add(
        profile,
        at,
        invoiceFor(
          profile,
          at,
          { reference: `${template.reference} - ${monthLabel(at)}`, contract: plan.contract, template: plan },
          lines,
        ),
      );
    }
  }

  for (const plan of inputs.book.plans) {
    if (plan.billedByTemplate || !(plan.contract.periodchargeamount ?? 0)) continue;
    const { profile, contract } = plan;
    for (const at of occurrencesBetween(
      plan.start,
      plan.period,
      1,
      windowStart,
      Math.min(plan.stop, today + 1),
    )) {
      const line = makeLine({
        code: 'CONTRACT',
        description: shared(`${plan.kind} ${contract.ref}: ${plan.period.name.toLowerCase()} charge`),
        itemId: -1,
        qty: 1,
        unitPrice: plan.charge,
        currency: profile.plan.currency,
        contractId: contract.id,
        start: at,
        end: occurrenceAt(at, plan.period, 1, 1) - DAY_MS,
      });
      if (profile.plan.consolidated) toRun(profile, at, line);
      else
        add(
          profile,
          at,
          invoiceFor(profile, at, { reference: `${plan.kind} - ${monthLabel(at)}`, contract: plan }, [line]),
        );
    }
  }

  for (const draft of inputs.tickets) {
    const { profile, ticket } = draft;
    const currency = profile.plan.currency;
    const work = draft.billable;
    if (work !== null && work.closedAt >= windowStart) {
      const hours = Math.max(0.25, Math.round(work.hours * 4) / 4);
      const description = `#${ticket.id} ${ticket.summary}`;
      const line = itemLine(work.item, hours, currency, { ticketId: ticket.id, description });
      const at = startOfDay(work.closedAt) + random.int(0, 3) * DAY_MS;
      if (!profile.plan.invoicePerTicket) toRun(profile, work.closedAt, line);
      else if (at <= today)
        add(
          profile,
          at,
          invoiceFor(profile, at, { reference: `Ticket #${ticket.id}`, ticketId: ticket.id }, [line]),
        );
    }
    for (const milestone of draft.milestones) {
      const at = startOfDay(milestone.at);
      if (at < windowStart || at > today) continue;
      const line = makeLine({
        code: 'PROJECT-FIXED',
        description: `${ticket.summary}: ${milestone.label} (${milestone.fraction * 100}%)`,
        itemId: -1,
        qty: 1,
        unitPrice: round2((ticket.projectmoneybudget ?? 0) * milestone.fraction),
        currency,
        ticketId: ticket.id,
      });
      add(
        profile,
        at,
        invoiceFor(profile, at, { reference: `Project ${ticket.summary}`, ticketId: ticket.id }, [line]),
      );
    }
  }

  for (const profile of inputs.profiles) {
    if (profile.internal) continue;
    const from = Math.max(profile.since, windowStart);
    const expected = (size.hardwareOrdersPerClientYear * Math.max(0, profile.until - from)) / (365 * DAY_MS);
    const orders = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
    for (let order = 0; order < orders; order++) {
      const at = startOfDay(from + random.next() * (profile.until - from));
      const lines = Array.from({ length: random.int(1, 3) }, () => {
        const item = random.pick(HARDWARE_ITEMS);
        return itemLine(
          item,
          item === ITEMS.laptop ? random.int(1, 3) : random.int(1, 5),
          profile.plan.currency,
        );
      });
      if (profile.plan.consolidated) for (const line of lines) toRun(profile, at, line);
      else {
        const order = invoiceFor(profile, at, { reference: 'Hardware order' }, lines);
        order.invoicetype = HARDWARE_ORDER_INVOICE_TYPE;
        add(profile, at, order);
      }
    }
  }

  const consolidated: InvoiceDraft[] = [];
  for (const run of runs.values()) {
    if (run.runAt > today) continue;
    const tickets = new Set(run.lines.map((line) => line.ticket_id ?? -1));
    const single = tickets.size === 1 && run.lines.every((line) => (line.ticket_id ?? -1) > 0);
    const mixed = run.profile.plan.consolidated;
    const reference = `${mixed ? 'Monthly billing' : 'Support'} - ${monthLabel(run.runAt)}`;
    const invoice = invoiceFor(
      run.profile,
      run.runAt,
      { reference, ticketId: single ? (run.lines[0]?.ticket_id ?? -1) : -1 },
      run.lines,
    );
    add(run.profile, run.runAt, invoice);
    if (mixed) consolidated.push(drafts[drafts.length - 1] as InvoiceDraft);
  }
  ensureMixedInvoice(drafts, consolidated);

  for (const draft of drafts) applyTotals(draft.invoice);
  drafts.sort(byDate);
  addVoidedCopies(random, drafts, Math.max(1, Math.round(drafts.length * size.voidShare)));
  addCreditNotes(random, drafts, Math.max(1, Math.round(drafts.length * size.creditNoteShare)), today);
  addSupplierInvoices(drafts, Math.max(1, Math.round((drafts.length * size.creditNoteShare) / 2)));
  drafts.sort(byDate);
  return finalise(random, drafts, today);
}

function byDate(a: InvoiceDraft, b: InvoiceDraft): number {
  return a.at - b.at || a.order - b.order || (a.invoice.client_id ?? 0) - (b.invoice.client_id ?? 0);
}

// The smallest dataset must hold an invoice mixing line kinds; consolidated runs almost always do.
function ensureMixedInvoice(drafts: InvoiceDraft[], consolidated: InvoiceDraft[]): void {
  const isMixed = (invoice: HaloInvoice) => new Set((invoice.lines ?? []).map(lineKind)).size > 1;
  if (drafts.some((draft) => isMixed(draft.invoice))) return;
  const target = consolidated[0];
  target?.invoice.lines?.push(itemLine(ITEMS.dock, 1, target.profile.plan.currency));
}

function pickDistinct(
  random: Random,
  drafts: readonly InvoiceDraft[],
  count: number,
  eligible: (d: InvoiceDraft) => boolean,
): InvoiceDraft[] {
  const candidates = drafts.filter(eligible);
  const chosen = new Set<InvoiceDraft>();
  for (let attempt = 0; chosen.size < Math.min(count, candidates.length) && attempt < count * 20; attempt++) {
    chosen.add(random.pick(candidates));
  }
  return [...chosen];
}

function copyInvoice(invoice: HaloInvoice, sign: 1 | -1): HaloInvoice {
  const lines = (invoice.lines ?? []).map((line) => ({
    ...line,
    id: 0,
    ihid: 0,
    qty_order: (line.qty_order ?? 0) * sign,
    net_amount: (line.net_amount ?? 0) * sign,
    tax_amount: (line.tax_amount ?? 0) * sign,
  }));
  return { ...invoice, lines };
}

/** Invoices raised twice: the first copy voided, then the correct one issued the same day. */
function addVoidedCopies(random: Random, drafts: InvoiceDraft[], count: number): void {
  for (const original of pickDistinct(random, drafts, count, (d) => d.invoice.recurring_invoice_id === -1)) {
    const invoice = copyInvoice(original.invoice, 1);
    invoice.voided = true;
    drafts.push({ ...original, order: -1, invoice, credits: null });
  }
}

/** Credit notes against earlier invoices: the whole invoice, or its first line when it has several. */
function addCreditNotes(random: Random, drafts: InvoiceDraft[], count: number, today: number): void {
  const eligible = (d: InvoiceDraft) => !d.invoice.voided && d.at <= today - 5 * DAY_MS;
  for (const [n, original] of pickDistinct(random, drafts, count, eligible).entries()) {
    const invoice = copyInvoice(original.invoice, -1);
    invoice.lines = invoice.lines?.slice(0, 1);
    invoice.invoicetype = CREDIT_NOTE_TYPE_CODES[n % CREDIT_NOTE_TYPE_CODES.length];
    const at = Math.min(today, original.at + random.int(3, 25) * DAY_MS);
    invoice.invoice_date = wireDate(at);
    invoice.duedate = wireDate(at);
    invoice.date_created = wireDate(at);
    applyTotals(invoice);
    drafts.push({ at, order: 1, invoice, profile: original.profile, credits: original });
  }
}

/**
 * Supplier bills for hardware the MSP bought for a client: same lines as the client's hardware
 * order, on the client, with a `purchaseorder_id`. Only `includepoinvoices=true` lists them; a
 * reader that counted them would double the hardware revenue.
 */
function addSupplierInvoices(drafts: InvoiceDraft[], count: number): void {
  const orders = drafts.filter((d) => d.invoice.reference === 'Hardware order' && !d.invoice.voided);
  for (const [n, original] of orders.slice(0, count).entries()) {
    const invoice = copyInvoice(original.invoice, 1);
    invoice.invoicetype = 0;
    invoice.purchaseorder_id = PURCHASE_ORDER_ID_BASE + n;
    invoice.supplier_name = 'Northwind Distribution';
    invoice.reference = `Supplier bill, PO ${PURCHASE_ORDER_ID_BASE + n}`;
    applyTotals(invoice);
    drafts.push({ ...original, order: 2, invoice, credits: null });
  }
}

const PAYMENT_BY_AGE = [
  {
    minDays: 60,
    table: new WeightedTable([
      [PAYMENT_STATUS.paid, 96],
      [PAYMENT_STATUS.partPaid, 2],
      [PAYMENT_STATUS.unpaid, 2],
    ] as const),
  },
  {
    minDays: 30,
    table: new WeightedTable([
      [PAYMENT_STATUS.paid, 80],
      [PAYMENT_STATUS.partPaid, 5],
      [PAYMENT_STATUS.unpaid, 15],
    ] as const),
  },
  {
    minDays: -1,
    table: new WeightedTable([
      [PAYMENT_STATUS.paid, 35],
      [PAYMENT_STATUS.partPaid, 5],
      [PAYMENT_STATUS.unpaid, 60],
    ] as const),
  },
];

function finalise(random: Random, drafts: readonly InvoiceDraft[], today: number): HaloInvoice[] {
  let lineId = 1;
  const invoices = drafts.map((draft, index) => {
    const invoice = draft.invoice;
    invoice.id = INVOICE_ID_BASE + index;
    const credit = draft.credits !== null;
    const prefix = credit ? 'CN' : (invoice.purchaseorder_id ?? -1) > 0 ? 'PO' : 'INV';
    invoice.invoicenumber = `${prefix}-${String(invoice.id).padStart(6, '0')}`;
    for (const line of invoice.lines ?? []) {
      line.id = lineId++;
      line.ihid = invoice.id;
    }
    const ageDays = (today - draft.at) / DAY_MS;
    invoice.posted = ageDays >= 2;
    const total = invoice.total ?? 0;
    if (invoice.voided) {
      invoice.paymentstatus = PAYMENT_STATUS.unpaid;
      return invoice;
    }
    if (credit) {
      invoice.paymentstatus = PAYMENT_STATUS.paid;
      invoice.amountpaid = total;
      invoice.datepaid = invoice.invoice_date;
      return invoice;
    }
    const status =
      (PAYMENT_BY_AGE.find((row) => ageDays > row.minDays) ?? PAYMENT_BY_AGE[2])?.table.pick(random) ?? 0;
    invoice.paymentstatus = status;
    invoice.amountpaid =
      status === PAYMENT_STATUS.paid ? total : status === PAYMENT_STATUS.partPaid ? round2(total / 2) : 0;
    invoice.amountdue = round2(total - (invoice.amountpaid ?? 0));
    if (status !== PAYMENT_STATUS.unpaid) {
      invoice.datepaid = wireDate(Math.min(today, draft.at + random.int(5, 45) * DAY_MS));
    }
    return invoice;
  });
  for (const draft of drafts) {
    if (draft.credits === null) continue;
    draft.invoice.creditlinkedtoinvoiceid = draft.credits.invoice.id;
    draft.invoice.reference = `Credit for ${draft.credits.invoice.invoicenumber}`;
  }
  return invoices;
}
