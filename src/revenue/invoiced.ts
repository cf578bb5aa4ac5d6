import type { HaloInvoice } from '../halo/types.js';
import {
  currencyOf,
  hasLines,
  headerNet,
  invoiceTax,
  lineAmount,
  positiveId,
  round2,
  sum,
} from './amounts.js';
import { classifyLine, isRecurring } from './classify.js';
import { dayOf, isWithin } from './dates.js';
import { describeInvoice, listOf } from './describe.js';
import type { ExcludedInvoices, InvoicedRevenue, InvoiceReference, LineKind } from './types.js';

const LARGEST_COUNT = 3;

type Parts = Record<LineKind, number>;

function zeroParts(): Parts {
  return { template: 0, contract: 0, ticket: 0, item: 0, other: 0 };
}

/** One invoice read into signed, unrounded figures. */
interface ReadInvoice {
  invoice: HaloInvoice;
  day: string;
  currency: string | null;
  parts: Parts;
  tax: number;
  creditNote: boolean;
}

/** Warnings about many invoices are gathered by cause and written once, listing the invoices. */
interface Notes {
  withoutLines: string[];
  noAmount: string[];
  signAssumed: string[];
  undated: string[];
  /** Non-zero `invoicetype` codes seen, with the invoices carrying each. */
  typeCodes: Map<number, string[]>;
  downPayments: string[];
}

/**
 * A credit note is an invoice with a negative net (or total), counted as it stands, or one with a
 * `creditlinkedtoinvoiceid` > 0, whose positive amounts are negated with a warning
 * (docs/revenue.md §2). `invoicetype` has no published enumeration and never decides either.
 */
function creditSign(invoice: HaloInvoice, net: number): { creditNote: boolean; sign: 1 | -1 } {
  const negative = net < 0 || (typeof invoice.total === 'number' && invoice.total < 0);
  if (negative) return { creditNote: true, sign: 1 };
  if (positiveId(invoice.creditlinkedtoinvoiceid) === null) return { creditNote: false, sign: 1 };
  return { creditNote: true, sign: net > 0 ? -1 : 1 };
}

function noteKind(invoice: HaloInvoice, name: string, notes: Notes): void {
  const code = invoice.invoicetype;
  if (typeof code === 'number' && code !== 0)
    notes.typeCodes.set(code, [...(notes.typeCodes.get(code) ?? []), name]);
  if (invoice.is_down_payment === true) notes.downPayments.push(name);
}

function readInvoice(invoice: HaloInvoice, day: string, notes: Notes, warnings: string[]): ReadInvoice {
  const name = describeInvoice(invoice);
  const parts = zeroParts();
  if (hasLines(invoice)) {
    for (const line of invoice.lines) parts[classifyLine(line, invoice)] += lineAmount(line, name, warnings);
  } else {
    notes.withoutLines.push(name);
    const net = headerNet(invoice);
    if (net === null) notes.noAmount.push(name);
    parts[classifyLine(null, invoice)] += net ?? 0;
  }
  noteKind(invoice, name, notes);
  const { creditNote, sign } = creditSign(invoice, sum(Object.values(parts)));
  if (sign === -1) {
    notes.signAssumed.push(name);
    for (const kind of Object.keys(parts) as LineKind[]) parts[kind] = -parts[kind];
  }
  const tax = invoiceTax(invoice);
  return {
    invoice,
    day,
    currency: currencyOf(invoice),
    parts,
    tax: creditNote ? -Math.abs(tax) : tax,
    creditNote,
  };
}

function writeNotes(notes: Notes, warnings: string[]): void {
  const many = (names: string[], one: string, several: string) =>
    names.length === 1 ? `${names[0]} ${one}` : `${names.length} invoices ${several}: ${listOf(names)}`;
  if (notes.withoutLines.length > 0) {
    warnings.push(
      `${many(notes.withoutLines, 'was read without lines', 'were read without lines')}; classified whole by the invoice header, net = total minus tax.`,
    );
  }
  if (notes.noAmount.length > 0) {
    warnings.push(`${many(notes.noAmount, 'has', 'have')} neither lines nor a total; counted as 0.`);
  }
  if (notes.signAssumed.length > 0) {
    warnings.push(
      `${many(notes.signAssumed, 'is', 'are')} linked to a credited invoice (creditlinkedtoinvoiceid) with positive amounts; read as a credit note, the amounts are counted as negative.`,
    );
  }
  for (const [code, names] of [...notes.typeCodes].sort(([a], [b]) => a - b)) {
    warnings.push(
      `${many(names, `has invoicetype ${code}`, `have invoicetype ${code}`)}; Halo publishes no meaning for the code, so it changes nothing: amounts count as written (credit notes are recognised by a negative total or creditlinkedtoinvoiceid).`,
    );
  }
  if (notes.downPayments.length > 0) {
    warnings.push(
      `${many(notes.downPayments, 'is a down payment', 'are down payments')}; counted as billed, so a later final invoice may bill the same work again.`,
    );
  }
  if (notes.undated.length > 0) {
    warnings.push(`${many(notes.undated, 'has', 'have')} no invoice_date; left out of the period.`);
  }
}

function largest(read: ReadInvoice[], recurring: boolean): InvoiceReference[] {
  const amountOf = (item: ReadInvoice) =>
    sum(
      (Object.keys(item.parts) as LineKind[])
        .filter((k) => isRecurring(k) === recurring)
        .map((k) => item.parts[k]),
    );
  return read
    .map((item) => ({ item, amount: amountOf(item) }))
    .filter(({ amount }) => amount > 0)
    .sort((a, b) => b.amount - a.amount || a.item.invoice.id - b.item.invoice.id)
    .slice(0, LARGEST_COUNT)
    .map(({ item, amount }) => ({
      id: item.invoice.id,
      number: item.invoice.invoicenumber ?? null,
      date: item.day,
      net_amount: round2(sum(Object.values(item.parts))),
      amount: round2(amount),
    }));
}

/** One currency's figures, built from unrounded sums and rounded only here. */
function section(currency: string | null, read: ReadInvoice[]): InvoicedRevenue {
  const parts = zeroParts();
  for (const item of read)
    for (const kind of Object.keys(parts) as LineKind[]) parts[kind] += item.parts[kind];
  const recurring = parts.template + parts.contract;
  const nonRecurring = parts.ticket + parts.item + parts.other;
  const total = recurring + nonRecurring;
  return {
    currency,
    recurring: round2(recurring),
    recurring_split: { template: round2(parts.template), contract: round2(parts.contract) },
    non_recurring: round2(nonRecurring),
    non_recurring_split: {
      ticket: round2(parts.ticket),
      item: round2(parts.item),
      other: round2(parts.other),
    },
    total: round2(total),
    tax: round2(sum(read.map((item) => item.tax))),
    recurring_share: total === 0 ? null : round2(recurring / total),
    invoice_count: read.length,
    credit_note_count: read.filter((item) => item.creditNote).length,
    largest: { recurring: largest(read, true), non_recurring: largest(read, false) },
  };
}

/** Currency names in code-point order, "no currency" (null) last. */
export function byCurrencyName(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

export function emptyInvoiced(currency: string | null): InvoicedRevenue {
  return section(currency, []);
}

/**
 * Actuals (docs/revenue.md §2): invoices dated within [from, to], voided ones left out, one
 * section per currency (sorted by name, "no currency" last).
 */
export function computeInvoiced(input: {
  invoices: HaloInvoice[];
  from: string;
  to: string;
  timeZone?: string;
  warnings: string[];
}): { sections: InvoicedRevenue[]; excluded: ExcludedInvoices } {
  const { warnings } = input;
  const excluded: ExcludedInvoices = { voided: 0, outside_period: 0, undated: 0 };
  const notes: Notes = {
    withoutLines: [],
    noAmount: [],
    signAssumed: [],
    undated: [],
    typeCodes: new Map(),
    downPayments: [],
  };
  const byCurrency = new Map<string | null, ReadInvoice[]>();
  for (const invoice of input.invoices) {
    if (invoice.voided === true) {
      excluded.voided += 1;
      continue;
    }
    const day = dayOf(invoice.invoice_date, input.timeZone);
    if (day === null) {
      excluded.undated += 1;
      notes.undated.push(describeInvoice(invoice));
      continue;
    }
    if (!isWithin(day, input.from, input.to)) {
      excluded.outside_period += 1;
      continue;
    }
    const read = readInvoice(invoice, day, notes, warnings);
    const group = byCurrency.get(read.currency);
    if (group) group.push(read);
    else byCurrency.set(read.currency, [read]);
  }
  writeNotes(notes, warnings);

  const currencies = [...byCurrency.keys()].sort(byCurrencyName);
  const sections = currencies.map((currency) => section(currency, byCurrency.get(currency) ?? []));
  if (sections.length > 1) {
    const names = currencies.map((currency) => currency ?? 'no currency');
    warnings.push(
      `Invoices in the period use more than one currency (${listOf(names)}); totals are given per currency in by_currency and invoiced is null.`,
    );
  }
  for (const item of sections) {
    if (item.total < 0) {
      warnings.push(
        `Net invoiced total${item.currency ? ` in ${item.currency}` : ''} is negative (credit notes exceed invoices); recurring_share is not meaningful.`,
      );
    }
  }
  return { sections, excluded };
}
