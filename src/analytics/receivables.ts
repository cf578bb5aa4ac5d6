import type { HaloInvoice } from '../halo/types.js';
import { currencyOf } from '../revenue/amounts.js';
import { dayOf, daysBetween, isCreditNote, positiveId, round2 } from './common.js';

// docs/analytics.md §4: what is still due, by days past the due date, per client and currency.

export const DUE_BUCKETS = ['notDue', 'days1To30', 'days31To60', 'days61To90', 'over90'] as const;
export type DueBucket = (typeof DUE_BUCKETS)[number];
export type DueBuckets = Record<DueBucket, number>;

export function dueBucket(daysOverdue: number): DueBucket {
  if (daysOverdue <= 0) return 'notDue';
  if (daysOverdue <= 30) return 'days1To30';
  if (daysOverdue <= 60) return 'days31To60';
  if (daysOverdue <= 90) return 'days61To90';
  return 'over90';
}

export interface OldestInvoice {
  id: number;
  number: string | null;
  dueDate: string | null;
  daysOverdue: number;
  amountDue: number;
}

export interface ReceivableClient {
  clientId: number | null;
  clientName: string | null;
  currency: string | null;
  totalDue: number;
  buckets: DueBuckets;
  invoiceCount: number;
  partPaidCount: number;
  oldest: OldestInvoice;
}

export interface ReceivableTotal {
  currency: string | null;
  totalDue: number;
  buckets: DueBuckets;
  invoiceCount: number;
  partPaidCount: number;
  clientCount: number;
  /** Credit notes with an amount still open, reported apart (not netted). */
  openCredits: number;
  openCreditCount: number;
}

export interface ReceivablesAging {
  today: string;
  clients: ReceivableClient[];
  totalClients: number;
  truncated: boolean;
  totals: ReceivableTotal[];
  warnings: string[];
}

function emptyBuckets(): DueBuckets {
  return { notDue: 0, days1To30: 0, days31To60: 0, days61To90: 0, over90: 0 };
}

function roundBuckets(b: DueBuckets): DueBuckets {
  return Object.fromEntries(DUE_BUCKETS.map((k) => [k, round2(b[k])])) as DueBuckets;
}

interface Acc extends Omit<ReceivableClient, 'oldest'> {
  oldest: OldestInvoice | null;
}

/** Still to be paid: `amountdue`, else total - amountpaid (0 when neither is known). */
export function amountDueOf(invoice: HaloInvoice): number {
  if (typeof invoice.amountdue === 'number') return invoice.amountdue;
  if (typeof invoice.total === 'number') return invoice.total - (invoice.amountpaid ?? 0);
  return 0;
}

/** Rows are one per (client, currency): money is never summed across currencies. */
export function computeReceivables(input: {
  invoices: readonly HaloInvoice[];
  today: string;
  limit: number;
  timeZone?: string;
}): ReceivablesAging {
  const { today } = input;
  const warnings: string[] = [];
  const rows = new Map<string, Acc>();
  const totals = new Map<string | null, ReceivableTotal & { clients: Set<number | null> }>();
  let undated = 0;
  const totalFor = (currency: string | null) => {
    let total = totals.get(currency);
    if (!total) {
      total = {
        currency,
        totalDue: 0,
        buckets: emptyBuckets(),
        invoiceCount: 0,
        partPaidCount: 0,
        clientCount: 0,
        openCredits: 0,
        openCreditCount: 0,
        clients: new Set(),
      };
      totals.set(currency, total);
    }
    return total;
  };

  for (const invoice of input.invoices) {
    if (invoice.voided === true) continue;
    const currency = currencyOf(invoice);
    if (isCreditNote(invoice)) {
      const open = Math.abs(amountDueOf(invoice));
      if (open > 0) {
        const total = totalFor(currency);
        total.openCredits += open;
        total.openCreditCount++;
      }
      continue;
    }
    const due = amountDueOf(invoice);
    if (due < 0.005) continue;
    const dueDay = dayOf(invoice.duedate, input.timeZone);
    const dueDate = dueDay ?? dayOf(invoice.invoice_date, input.timeZone);
    if (dueDay === null) undated++;
    const daysOverdue = dueDate === null ? 0 : daysBetween(dueDate, today);
    const bucket = dueBucket(daysOverdue);
    const clientId = positiveId(invoice.client_id);
    const key = `${clientId}|${currency}`;
    let acc = rows.get(key);
    if (!acc) {
      acc = {
        clientId,
        clientName: invoice.client_name ?? null,
        currency,
        totalDue: 0,
        buckets: emptyBuckets(),
        invoiceCount: 0,
        partPaidCount: 0,
        oldest: null,
      };
      rows.set(key, acc);
    }
    const partPaid = (invoice.amountpaid ?? 0) > 0;
    acc.totalDue += due;
    acc.buckets[bucket] += due;
    acc.invoiceCount++;
    if (partPaid) acc.partPaidCount++;
    if (!acc.oldest || daysOverdue > acc.oldest.daysOverdue) {
      acc.oldest = {
        id: invoice.id,
        number: invoice.invoicenumber ?? null,
        dueDate,
        daysOverdue,
        amountDue: due,
      };
    }
    const total = totalFor(currency);
    total.totalDue += due;
    total.buckets[bucket] += due;
    total.invoiceCount++;
    if (partPaid) total.partPaidCount++;
    total.clients.add(clientId);
  }
  if (undated > 0) {
    warnings.push(
      `${undated} open invoice(s) have no due date (duedate); they are aged from their invoice date.`,
    );
  }
  const currencies = new Set([...rows.values()].map((r) => r.currency));
  if (currencies.size > 1) {
    warnings.push(
      `Invoices are in ${currencies.size} currencies; totals are per currency and never added together.`,
    );
  }
  const clients = [...rows.values()]
    .sort((a, b) => b.totalDue - a.totalDue || (a.clientId ?? 0) - (b.clientId ?? 0))
    .map((r) => ({
      ...r,
      totalDue: round2(r.totalDue),
      buckets: roundBuckets(r.buckets),
      oldest: r.oldest!,
    }));
  return {
    today,
    clients: clients.slice(0, input.limit),
    totalClients: clients.length,
    truncated: clients.length > input.limit,
    totals: [...totals.values()]
      .map(({ clients: set, ...t }) => ({
        ...t,
        clientCount: set.size,
        totalDue: round2(t.totalDue),
        buckets: roundBuckets(t.buckets),
        openCredits: round2(t.openCredits),
      }))
      .sort((a, b) => (a.currency ?? '').localeCompare(b.currency ?? '')),
    warnings,
  };
}
