import { MAX_PORTFOLIO_LIMIT } from '../graphql/schema/revenue.js';
import { DATA_NOTE, fenced, type RenderInput } from './render-text.js';

// The text of revenue_breakdown, written for a person to read at a glance: a headline of figures
// (numbers, ids and dates only), then the detail inside the Halo-data fence, since client names,
// template references, invoice numbers and the breakdown's warnings quote Halo text.

interface Split {
  [source: string]: number;
}

interface Figures {
  currency: string | null;
  recurring: number;
  recurringSplit: Split;
  nonRecurring: number;
  nonRecurringSplit: Split;
  total: number;
  tax: number;
  recurringShare: number | null;
  invoiceCount: number;
  creditNoteCount: number;
}

interface CitedInvoice {
  id: number;
  number: string | null;
  date: string;
  netAmount: number;
  amount: number;
}

interface Section extends Figures {
  largest?: { recurring: CitedInvoice[]; nonRecurring: CitedInvoice[] };
}

interface Contracted {
  currency: string | null;
  mrr: number;
  arr: number;
  unknownCount: number;
  templates?: Array<{ countedAs: string }>;
  contracts?: Array<{ countedAs: string }>;
}

interface Breakdown {
  client: { id: number; name: string };
  period?: { from: string; to: string };
  currency: string | null;
  contracted: Contracted;
  byCurrency: Section[];
  excludedInvoices?: { voided: number; outsidePeriod: number; undated: number };
  warnings: string[];
}

interface Totals extends Figures {
  clientCount: number;
  mrr: number;
  arr: number;
}

interface PortfolioData {
  period: { from: string; to: string };
  totalClients: number;
  clientsConsidered: number;
  limit: number;
  truncated: boolean;
  totals: Totals[];
  rows: Breakdown[];
  warnings: string[];
}

interface RevenueData {
  client?: Breakdown | null;
  portfolio?: PortfolioData | null;
}

export function renderRevenueText({ data, warnings }: RenderInput): string {
  const result = (data.revenueBreakdown ?? {}) as RevenueData;
  const { head, body } = result.portfolio
    ? portfolioText(result.portfolio)
    : result.client
      ? clientText(result.client)
      : { head: ['No revenue breakdown was returned.'], body: [] };
  const lines = [...head, ...warnings.map((w) => `Warning: ${w}`)];
  if (body.length > 0) lines.push(DATA_NOTE, ...fenced(body));
  return lines.join('\n');
}

function clientText(row: Breakdown): { head: string[]; body: string[] } {
  const period = row.period ? ` for ${row.period.from} to ${row.period.to}` : '';
  const head = [`Revenue breakdown of client #${row.client.id}${period}: ${headline(row)}.`];
  const body = [`Client: ${row.client.name} (#${row.client.id})`, ...contractedLines(row.contracted)];
  for (const section of row.byCurrency) body.push(...invoicedLines(section));
  const excluded = row.excludedInvoices;
  if (excluded) {
    const parts = [
      count(excluded.voided, 'voided invoice'),
      count(excluded.outsidePeriod, 'invoice outside the period'),
      count(excluded.undated, 'undated invoice'),
    ].filter((part) => !part.startsWith('0 '));
    if (parts.length > 0) body.push(`Not counted: ${parts.join(', ')}.`);
  }
  body.push(...warningLines(row.warnings));
  return { head, body };
}

/** `MRR 1,725.67 GBP (ARR 20,708.00); invoiced 2,607.50 ex-tax, 59% recurring` with numbers only. */
function headline(row: Breakdown): string {
  const c = row.contracted;
  const parts = [`MRR ${money(c.mrr, c.currency)} (ARR ${money(c.arr)})`];
  for (const section of row.byCurrency) {
    if (section.invoiceCount === 0) continue;
    const share =
      section.total > 0 && section.recurringShare !== null
        ? `, ${percent(section.recurringShare)} recurring`
        : '';
    parts.push(`invoiced ${money(section.total, section.currency)} ex-tax${share}`);
  }
  if (parts.length === 1) parts.push('nothing invoiced in the period');
  return parts.join('; ');
}

function contractedLines(c: Contracted): string[] {
  const unknown =
    c.unknownCount > 0 ? `; ${count(c.unknownCount, 'item')} of unknown monthly value left out` : '';
  const lines = [`Contracted run-rate: MRR ${money(c.mrr, c.currency)}, ARR ${money(c.arr)}${unknown}.`];
  if (c.templates && c.contracts) {
    const own = c.contracts.filter((x) => x.countedAs === 'PERIOD_CHARGE').length;
    const through = c.contracts.filter((x) => x.countedAs === 'BILLED_THROUGH_TEMPLATE').length;
    lines.push(
      `  Sources: ${count(c.templates.length, 'active recurring invoice template')}; ${count(c.contracts.length, 'active contract')} (${own} with their own charge, ${through} billed through a template).`,
    );
  }
  return lines;
}

function invoicedLines(section: Section): string[] {
  if (section.invoiceCount === 0)
    return [`Nothing invoiced in the period${section.currency ? ` (${section.currency})` : ''}.`];
  const credits = section.creditNoteCount > 0 ? `, ${count(section.creditNoteCount, 'credit note')}` : '';
  const lines = [
    `Invoiced${section.currency ? ` in ${section.currency}` : ''} (ex-tax): ${money(section.total)} over ${count(section.invoiceCount, 'invoice')}${credits}; tax ${money(section.tax)} apart.`,
  ];
  const shares = section.total > 0;
  const share = (part: number) => (shares ? ` (${percent(part / section.total)})` : '');
  lines.push(
    `  Recurring ${money(section.recurring)}${share(section.recurring)}: ${splitText(section.recurringSplit)}`,
    `  Non-recurring ${money(section.nonRecurring)}${share(section.nonRecurring)}: ${splitText(section.nonRecurringSplit)}`,
  );
  if (section.largest) {
    lines.push(
      ...largestLine('recurring', section.largest.recurring),
      ...largestLine('non-recurring', section.largest.nonRecurring),
    );
  }
  return lines;
}

function largestLine(kind: string, invoices: CitedInvoice[]): string[] {
  if (invoices.length === 0) return [];
  const cited = invoices.map((i) => {
    const whole = i.netAmount !== i.amount ? ` of ${money(i.netAmount)}` : '';
    return `${i.number ?? `invoice #${i.id}`} ${money(i.amount)}${whole} (${i.date})`;
  });
  return [`  Largest ${kind}: ${cited.join(' · ')}`];
}

function portfolioText(p: PortfolioData): { head: string[]; body: string[] } {
  const shown = p.rows.length;
  const more = p.truncated ? ` (truncated: raise limit, up to ${MAX_PORTFOLIO_LIMIT}, for more)` : '';
  const head = [
    `Revenue portfolio for ${p.period.from} to ${p.period.to}: ${count(p.totalClients, 'client')} with revenue out of ${p.clientsConsidered}; showing the top ${shown}${more}. Totals cover all ${p.totalClients}.`,
  ];
  const body = ['Totals:'];
  for (const t of p.totals) {
    const invoiced =
      t.invoiceCount > 0 ? `; invoiced ${money(t.total)} (${count(t.invoiceCount, 'invoice')})` : '';
    body.push(
      `  ${t.currency ?? 'No currency'}: MRR ${money(t.mrr)}, ARR ${money(t.arr)}${invoiced}; ${count(t.clientCount, 'client')}`,
    );
    if (t.invoiceCount > 0)
      body.push(
        ...invoicedLines(t)
          .slice(1)
          .map((line) => `  ${line}`),
      );
  }
  body.push('Clients, largest invoiced total first within each currency:');
  p.rows.forEach((row, i) => {
    const notes = row.warnings.length > 0 ? ` · ${count(row.warnings.length, 'warning')}` : '';
    body.push(`${i + 1}. ${row.client.name} (#${row.client.id}): ${headline(row)}${notes}`);
  });
  body.push(...warningLines(p.warnings));
  return { head, body };
}

function warningLines(warnings: string[]): string[] {
  return warnings.length > 0 ? ['Warnings:', ...warnings.map((w) => `- ${w}`)] : [];
}

function splitText(split: Split): string {
  return Object.entries(split)
    .map(([source, amount]) => `${source} ${money(amount)}`)
    .join(' · ');
}

function money(amount: number, currency?: string | null): string {
  const text = amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // Only a plain currency code goes into the headline, which sits outside the Halo-data fence.
  return currency && /^[A-Z]{3}$/.test(currency) ? `${text} ${currency}` : text;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
