import type { QueryParams, ResourceName, ResourceRecord } from '../../halo/resources.js';
import type { HaloClient, HaloContract, HaloInvoice } from '../../halo/types.js';
import { positiveId } from '../../revenue/amounts.js';
import { addMonths } from '../../revenue/dates.js';
import {
  type ClientRevenue,
  type ClientRevenueInput,
  type ContractedRevenue,
  type ContractRevenue,
  computeClientRevenue,
  computePortfolio,
  type ExcludedInvoices,
  type InvoicedFigures,
  type InvoicedRevenue,
  type InvoiceReference,
  isContractActive,
  isTemplateActive,
  type Portfolio,
  type PortfolioTotals,
  resolvePeriod,
  type TemplateRevenue,
} from '../../revenue/index.js';
import { withAssumptionWarnings } from '../assumption-warnings.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import { REVENUE_INVOICE_KINDS } from '../invoice-kinds.js';
import { INVOICE_ORDER, invoiceDateQuery } from '../loaders.js';
import { loadOrNotFound } from './args.js';
import { ClientRef } from './refs.js';

// The revenue breakdown (docs/revenue.md) over the pure core in src/revenue: this file only reads
// the records, in as few requests as Halo allows, and exposes the core's result.
//
// Cost. One client: its templates, contracts and invoices in the period (one filtered list read
// each, paged), plus the client itself unless the directory is warm. Portfolio: each of those
// collections read once for every client (paged) and grouped here, so requests grow with pages,
// not clients. Both modes add detail reads only where a list cannot serve: an active template the
// list sent without `lines`, and the billing period text of active contracts (Halo's list leaves
// `billing_period_string` to the detail): one read per distinct numeric `billingperiod` code, since
// Halo derives the text from the code, plus one per contract that has no code.

type Period = { from: string; to: string };

export const MAX_PERIOD_YEARS = 5;
export const DEFAULT_PORTFOLIO_LIMIT = 25;
export const MAX_PORTFOLIO_LIMIT = 500;

const PERIOD_ARGS_DOC = `from/to: the invoicing period, inclusive, by invoice date. No \`to\` means today; no \`from\` means the 12 months ending on \`to\`. At most ${MAX_PERIOD_YEARS} years.`;

// ---- Validation (before any upstream call) ----------------------------------------------------

function periodOf(args: { from?: string | null; to?: string | null }, today: string): Period {
  const period = resolvePeriod({ from: args.from, to: args.to, today });
  if ('error' in period) throw badInput(period.error);
  if (period.to >= addMonths(period.from, MAX_PERIOD_YEARS * 12)) {
    throw badInput(
      `The period ${period.from}..${period.to} is longer than ${MAX_PERIOD_YEARS} years; give a shorter from/to range.`,
    );
  }
  return period;
}

function limitOf(limit: number | null | undefined): number {
  const value = limit ?? DEFAULT_PORTFOLIO_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PORTFOLIO_LIMIT) {
    throw badInput(`limit must be from 1 to ${MAX_PORTFOLIO_LIMIT}, got ${value}.`);
  }
  return value;
}

// ---- Reading the records ----------------------------------------------------------------------

interface ClientRecords {
  client: HaloClient;
  templates: HaloInvoice[];
  contracts: HaloContract[];
  invoices: HaloInvoice[];
}

function hasText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Active templates that a list sent without `lines` or without `schedule` (which holds the `every`
 * multiplier, docs/halo-api.md §8.4) get them from the detail GET: one per template, batched and
 * cached within the request.
 */
function withTemplateDetails(templates: HaloInvoice[], ctx: GraphQLContext): Promise<HaloInvoice[]> {
  return Promise.all(
    templates.map(async (template) => {
      const complete = Array.isArray(template.lines) && template.schedule != null;
      if (complete || !isTemplateActive(template, ctx.today, ctx.timeZone)) return template;
      const detail = await ctx.loaders.recurringInvoiceDetail.load(template.id);
      return detail ? { ...template, ...detail } : template;
    }),
  );
}

/** An active contract (so listed in the run-rate) whose period text the list left out. */
function needsBillingPeriod(contract: HaloContract, ctx: GraphQLContext): boolean {
  return !hasText(contract.billing_period_string) && isContractActive(contract, ctx.today, ctx.timeZone);
}

/**
 * Fills `billing_period_string` on the active contracts, across every client given: one detail
 * read per distinct `billingperiod` code (its text then names the code for every contract that has
 * it) and one per contract without a code. A code whose detail has no text stays unknown.
 */
async function withBillingPeriods(groups: ClientRecords[], ctx: GraphQLContext): Promise<ClientRecords[]> {
  const wanted = groups.flatMap((g) => g.contracts.filter((c) => needsBillingPeriod(c, ctx)));
  const sampled = new Set<number>();
  const reads = wanted.filter((contract) => {
    const code = contract.billingperiod;
    if (typeof code !== 'number') return true;
    if (sampled.has(code)) return false;
    sampled.add(code);
    return true;
  });
  if (reads.length === 0) return groups;
  const details = await Promise.all(reads.map((contract) => ctx.loaders.contractDetail.load(contract.id)));
  const detailOf = new Map<number, HaloContract>();
  const textOfCode = new Map<number, string>();
  reads.forEach((contract, i) => {
    const detail = details[i];
    if (!detail) return;
    detailOf.set(contract.id, detail);
    if (typeof contract.billingperiod === 'number' && hasText(detail.billing_period_string)) {
      textOfCode.set(contract.billingperiod, detail.billing_period_string!);
    }
  });
  ctx.loaders.prime('contracts', [...detailOf.values()]);
  const filled = (contract: HaloContract): HaloContract => {
    const detail = detailOf.get(contract.id);
    if (detail) return { ...contract, ...detail };
    const text =
      typeof contract.billingperiod === 'number' ? textOfCode.get(contract.billingperiod) : undefined;
    return text && !hasText(contract.billing_period_string)
      ? { ...contract, billing_period_string: text }
      : contract;
  };
  return groups.map((g) => ({ ...g, contracts: g.contracts.map(filled) }));
}

async function completed(groups: ClientRecords[], ctx: GraphQLContext): Promise<ClientRecords[]> {
  const lined = await Promise.all(
    groups.map(async (g) => ({ ...g, templates: await withTemplateDetails(g.templates, ctx) })),
  );
  return withBillingPeriods(lined, ctx);
}

function inputOf(records: ClientRecords, period: Period, ctx: GraphQLContext): ClientRevenueInput {
  return { ...records, ...period, today: ctx.today, timeZone: ctx.timeZone };
}

/** One client's breakdown; through the per-request loaders, so many clients batch together. */
async function clientRevenue(
  client: HaloClient,
  period: Period,
  ctx: GraphQLContext,
): Promise<ClientRevenue> {
  ctx.loaders.prime('clients', [client]);
  const [templates, contracts, invoices] = await Promise.all([
    ctx.loaders.recurringInvoicesByClient.load(client.id),
    ctx.loaders.contractsByClient.load(client.id),
    ctx.loaders.invoicesByClient.load({ clientId: client.id, ...period }),
  ]);
  const [records] = await completed([{ client, templates, contracts, invoices }], ctx);
  return withAssumptionWarnings(computeClientRevenue(inputOf(records!, period, ctx)), ctx);
}

/** Every row of a collection (all pages); refused when the configured row bound cut it short. */
async function readWhole<R extends ResourceName>(
  ctx: GraphQLContext,
  resource: R,
  query: QueryParams,
  hint: { what: string; narrow: string },
): Promise<Array<ResourceRecord[R]>> {
  const result = await ctx.halo.list(resource, query);
  if (result.truncated) {
    throw badInput(
      `${result.recordCount} ${hint.what} match but one request reads at most ${result.records.length} (HALO_MAX_LIST_RECORDS), so the portfolio would be incomplete; ${hint.narrow}.`,
    );
  }
  return result.records;
}

function groupByClient<T extends { client_id?: number | null }>(rows: T[]): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const id = positiveId(row.client_id);
    if (id === null) continue;
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

/** Portfolio mode: each collection read once for all clients, grouped here (never one read per client). */
async function portfolioRevenue(period: Period, limit: number, ctx: GraphQLContext): Promise<Portfolio> {
  const narrowAll = 'ask for one client instead, or raise HALO_MAX_LIST_RECORDS';
  const [directory, templates, contracts, invoices] = await Promise.all([
    ctx.reference.get('clients'),
    readWhole(
      ctx,
      'recurringInvoices',
      { includelines: true },
      { what: 'recurring invoice templates', narrow: narrowAll },
    ),
    readWhole(ctx, 'contracts', { includeinactive: true }, { what: 'contracts', narrow: narrowAll }),
    readWhole(
      ctx,
      'invoices',
      {
        ...invoiceDateQuery(period.from, period.to),
        ...INVOICE_ORDER,
        ...REVENUE_INVOICE_KINDS,
        includelines: true,
      },
      { what: 'invoices in the period', narrow: `give a shorter from/to range, or ${narrowAll}` },
    ),
  ]);
  const byClient = {
    templates: groupByClient(templates),
    contracts: groupByClient(contracts),
    invoices: groupByClient(invoices),
  };
  const clients = new Map(directory.map((client) => [client.id, client]));
  const missing = [
    ...new Set([...byClient.templates.keys(), ...byClient.contracts.keys(), ...byClient.invoices.keys()]),
  ].filter((id) => !clients.has(id));
  for (const id of missing) clients.set(id, { id, name: `Client ${id}` });
  ctx.loaders.prime('clients', [...clients.values()]);

  const groups = [...clients.values()].map((client) => {
    const records = {
      client,
      templates: byClient.templates.get(client.id) ?? [],
      contracts: byClient.contracts.get(client.id) ?? [],
      invoices: byClient.invoices.get(client.id) ?? [],
    };
    // Later reads of the same client in this request (e.g. `rows { client { contracts } }`) cost nothing.
    ctx.loaders.recurringInvoicesByClient.prime(client.id, records.templates);
    ctx.loaders.contractsByClient.prime(client.id, records.contracts);
    ctx.loaders.invoicesByClient.prime({ clientId: client.id, ...period }, records.invoices);
    return records;
  });
  const inputs = (await completed(groups, ctx)).map((records) => inputOf(records, period, ctx));
  const portfolio = computePortfolio(inputs, limit);
  const warnings = [...portfolio.warnings];
  if (missing.length > 0) {
    warnings.push(
      `${missing.length} client id(s) found on templates, contracts or invoices are not in Halo's client directory (${missing.slice(0, 10).join(', ')}); they are shown as "Client <id>".`,
    );
  }
  return withAssumptionWarnings({ ...portfolio, period, warnings }, ctx);
}

// ---- Types --------------------------------------------------------------------------------------

/** Options of a non-null Money field: `t.field(money('What it is.', (parent) => parent.amount))`. */
function money<Parent>(description: string, resolve: (parent: Parent) => number) {
  return { type: 'Money' as const, nullable: false as const, description, resolve };
}

const TemplateCountedAsEnum = builder.enumType('RevenueTemplateCountedAs', {
  description: 'What a recurring invoice template contributed to the run-rate.',
  values: {
    RECURRING_TEMPLATE: { value: 'recurring_template', description: 'Its monthly value is added to mrr.' },
    UNKNOWN_PERIOD: {
      value: 'unknown_period',
      description: 'Its schedule period could not be read with certainty: listed, left out of mrr.',
    },
    UNKNOWN_AMOUNT: {
      value: 'unknown_amount',
      description: 'Neither lines nor a header total: listed, left out of mrr.',
    },
  } as const,
});

const ContractCountedAsEnum = builder.enumType('RevenueContractCountedAs', {
  description: 'What a contract contributed to the run-rate.',
  values: {
    BILLED_THROUGH_TEMPLATE: {
      value: 'billed_through_template',
      description: 'A recurring invoice template bills it; it adds nothing of its own (no double counting).',
    },
    PERIOD_CHARGE: {
      value: 'period_charge',
      description: 'Its `periodchargeamount`, normalised to a month, is added to mrr.',
    },
    UNKNOWN_PERIOD: {
      value: 'unknown_period',
      description: 'A positive charge but a billing period that could not be read: left out of mrr.',
    },
    NO_CHARGE: {
      value: 'no_charge',
      description: 'No linked template and no positive `periodchargeamount`.',
    },
  } as const,
});

const PeriodRef = builder.objectRef<Period>('RevenuePeriod').implement({
  description: 'An invoicing period, both days included.',
  fields: (t) => ({
    from: t.field({ type: 'Date', nullable: false, description: 'First day.', resolve: (p) => p.from }),
    to: t.field({ type: 'Date', nullable: false, description: 'Last day.', resolve: (p) => p.to }),
  }),
});

const TemplateRef = builder.objectRef<TemplateRevenue>('RevenueTemplate').implement({
  description: 'An active recurring invoice template and what it adds to the run-rate.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false, description: 'The recurring invoice template id.' }),
    reference: t.exposeString('reference', { description: "The template's reference, as entered in Halo." }),
    period: t.exposeString('period', {
      description:
        "How often it bills: the canonical name (Weekly ... Three Yearly) when understood, else Halo's own text, else null.",
    }),
    every: t.exposeInt('every', {
      nullable: false,
      description: 'Bills every N periods (1 = every period).',
    }),
    amountPerOccurrence: t.field({
      type: 'Money',
      description:
        "Net amount of each invoice it creates: its lines' net amounts, else the header's total minus tax.",
      resolve: (r) => r.amount_per_occurrence,
    }),
    monthlyValue: t.field({
      type: 'Money',
      description:
        'amountPerOccurrence normalised to a month; null when the period or the amount is unknown.',
      resolve: (r) => r.monthly_value,
    }),
    countedAs: t.field({
      type: TemplateCountedAsEnum,
      nullable: false,
      description: 'How it was counted in mrr.',
      resolve: (r) => r.counted_as,
    }),
    contractId: t.int({
      description: 'The contract this template bills, when linked to one.',
      resolve: (r) => r.contract_id,
    }),
    currency: t.exposeString('currency', { description: 'Currency of its lines, as Halo names it.' }),
  }),
});

const ContractRevenueRef = builder.objectRef<ContractRevenue>('RevenueContract').implement({
  description: 'A contract active today and what it adds to the run-rate.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false, description: 'The contract id.' }),
    reference: t.exposeString('ref', { description: 'Contract name / reference (`ref`).' }),
    periodCharge: t.field({
      type: 'Money',
      description: 'Amount charged each billing period (`periodchargeamount`).',
      resolve: (c) => c.periodchargeamount,
    }),
    billingPeriod: t.exposeString('billing_period', {
      description:
        "How often it bills: the canonical name when understood, else Halo's text, else null. Halo's contract list leaves the text out, so it is read from a contract's detail: once per numeric `billingperiod` code (that text then names every contract with the code), and once per contract without a code.",
    }),
    monthlyValue: t.field({
      type: 'Money',
      description:
        'What it adds to mrr each month: 0 when billed through a template or without charge; null when unknown.',
      resolve: (c) => c.monthly_value,
    }),
    countedAs: t.field({
      type: ContractCountedAsEnum,
      nullable: false,
      description: 'How it was counted in mrr.',
      resolve: (c) => c.counted_as,
    }),
    templateIds: t.field({
      type: ['Int'],
      nullable: false,
      description: 'The recurring invoice templates linked to it (`RecurringInvoice.contract_id`).',
      resolve: (c) => c.template_ids,
    }),
  }),
});

const ContractedRef = builder.objectRef<ContractedRevenue>('ContractedRevenue').implement({
  description:
    'The run-rate: what the client is scheduled to pay every month from today on (active templates, plus active contracts not billed through a template).',
  fields: (t) => ({
    currency: t.exposeString('currency', {
      description: "The active templates' single currency, else the invoices'; null when none or mixed.",
    }),
    mrr: t.field(
      money(
        'Monthly recurring revenue: the sum of the known monthly values (unknown ones are left out and warned).',
        (c) => c.mrr,
      ),
    ),
    arr: t.field(money('Annual run-rate: 12 x mrr.', (c) => c.arr)),
    templates: t.field({
      type: [TemplateRef],
      nullable: false,
      description: 'Recurring invoice templates active today.',
      resolve: (c) => c.templates,
    }),
    contracts: t.field({
      type: [ContractRevenueRef],
      nullable: false,
      description: 'Contracts active today.',
      resolve: (c) => c.contracts,
    }),
    unknownCount: t.exposeInt('unknown_count', {
      nullable: false,
      description: 'Templates and contracts whose monthly value is unknown and left out of mrr.',
    }),
  }),
});

const InvoiceCitedRef = builder.objectRef<InvoiceReference>('RevenueInvoice').implement({
  description: 'An invoice an answer can cite.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false, description: 'The invoice id.' }),
    number: t.exposeString('number', { description: 'Invoice number shown to the customer.' }),
    date: t.field({ type: 'Date', nullable: false, description: 'Invoice date.', resolve: (i) => i.date }),
    netAmount: t.field(
      money('The whole invoice, ex-tax, signed (credit notes negative).', (i) => i.net_amount),
    ),
    amount: t.field(
      money(
        'The part of netAmount of the kind the list is about (recurring or non-recurring).',
        (i) => i.amount,
      ),
    ),
  }),
});

const RecurringSplitRef = builder
  .objectRef<InvoicedFigures['recurring_split']>('RevenueRecurringSplit')
  .implement({
    description: 'Recurring invoiced revenue by source.',
    fields: (t) => ({
      template: t.field(money('Lines billed by a recurring invoice template.', (s) => s.template)),
      contract: t.field(
        money('Lines billed under a contract (not from a template or a ticket).', (s) => s.contract),
      ),
    }),
  });

const NonRecurringSplitRef = builder
  .objectRef<InvoicedFigures['non_recurring_split']>('RevenueNonRecurringSplit')
  .implement({
    description: 'Non-recurring invoiced revenue by source.',
    fields: (t) => ({
      ticket: t.field(
        money(
          'Break-fix, project and ad-hoc work billed from tickets (even under a contract).',
          (s) => s.ticket,
        ),
      ),
      item: t.field(money('Hardware, licences and other catalogue items.', (s) => s.item)),
      other: t.field(money('Other ad-hoc charges.', (s) => s.other)),
    }),
  });

const LargestRef = builder.objectRef<InvoicedRevenue['largest']>('RevenueLargestInvoices').implement({
  description: 'The largest invoices of each kind (up to 3), by the amount of that kind they carry.',
  fields: (t) => ({
    recurring: t.field({
      type: [InvoiceCitedRef],
      nullable: false,
      description: 'Largest by recurring amount.',
      resolve: (l) => l.recurring,
    }),
    nonRecurring: t.field({
      type: [InvoiceCitedRef],
      nullable: false,
      description: 'Largest by non-recurring amount.',
      resolve: (l) => l.non_recurring,
    }),
  }),
});

const InvoicedFiguresRef = builder
  .interfaceRef<InvoicedFigures & { currency: string | null }>('InvoicedFigures')
  .implement({
    description:
      'Invoiced revenue in the period, ex-tax: lines are classified (template, ticket, contract, item, other: first match wins), voided invoices left out, credit notes negative.',
    fields: (t) => ({
      currency: t.exposeString('currency', {
        description: 'The currency of these figures; null when Halo names none.',
      }),
      recurring: t.field(money('Recurring: template + contract.', (f) => f.recurring)),
      recurringSplit: t.field({
        type: RecurringSplitRef,
        nullable: false,
        description: 'recurring by source.',
        resolve: (f) => f.recurring_split,
      }),
      nonRecurring: t.field(money('Non-recurring: ticket + item + other.', (f) => f.non_recurring)),
      nonRecurringSplit: t.field({
        type: NonRecurringSplitRef,
        nullable: false,
        description: 'nonRecurring by source.',
        resolve: (f) => f.non_recurring_split,
      }),
      total: t.field(money('recurring + nonRecurring.', (f) => f.total)),
      tax: t.field(money('Tax, reported apart.', (f) => f.tax)),
      recurringShare: t.float({
        description: 'recurring / total, from 0 to 1 (2 decimals); null when total is 0.',
        resolve: (f) => f.recurring_share,
      }),
      invoiceCount: t.exposeInt('invoice_count', {
        nullable: false,
        description: 'Invoices counted, credit notes included.',
      }),
      creditNoteCount: t.exposeInt('credit_note_count', {
        nullable: false,
        description: 'Credit notes among them (negative amounts, or marked as credits).',
      }),
    }),
  });

const InvoicedRef = builder.objectRef<InvoicedRevenue>('InvoicedRevenue').implement({
  description: 'Invoiced revenue in the period for one currency.',
  interfaces: [InvoicedFiguresRef],
  fields: (t) => ({
    largest: t.field({
      type: LargestRef,
      nullable: false,
      description: 'The invoices to cite for this currency.',
      resolve: (i) => i.largest,
    }),
  }),
});

const ExcludedRef = builder.objectRef<ExcludedInvoices>('RevenueExcludedInvoices').implement({
  description:
    'Invoices read but not counted. Halo filters by date, so outside/undated ones appear only when it sends them.',
  fields: (t) => ({
    voided: t.exposeInt('voided', { nullable: false, description: 'Voided invoices (never counted).' }),
    outsidePeriod: t.exposeInt('outside_period', {
      nullable: false,
      description: 'Invoices dated outside the period that Halo still sent.',
    }),
    undated: t.exposeInt('undated', { nullable: false, description: 'Invoices without an invoice date.' }),
  }),
});

const BreakdownRef = builder.objectRef<ClientRevenue>('RevenueBreakdown').implement({
  description:
    "One client's revenue: the recurring run-rate (contracted) and what was invoiced in the period.",
  fields: (t) => ({
    client: t.field({
      type: ClientRef,
      nullable: false,
      description: 'The client (from the client directory when it is warm, else its own read).',
      resolve: async (r, _args, ctx) => (await ctx.loaders.client.load(r.client.id)) ?? r.client,
    }),
    period: t.field({
      type: PeriodRef,
      nullable: false,
      description: 'The invoicing period of `invoiced`.',
      resolve: (r) => r.period,
    }),
    today: t.field({
      type: 'Date',
      nullable: false,
      description: 'The day "active" was judged on for the run-rate.',
      resolve: (r) => r.today,
    }),
    currency: t.exposeString('currency', {
      description: 'The single currency of everything reported; null when none is given or they mix.',
    }),
    contracted: t.field({
      type: ContractedRef,
      nullable: false,
      description: 'The recurring run-rate as of today (MRR, ARR and their sources).',
      resolve: (r) => r.contracted,
    }),
    invoiced: t.field({
      type: InvoicedRef,
      description:
        "The period's invoiced figures when its invoices share one currency; null when they mix (see byCurrency).",
      resolve: (r) => r.invoiced,
    }),
    byCurrency: t.field({
      type: [InvoicedRef],
      nullable: false,
      description:
        'Invoiced figures per invoice currency (at least one entry; zeros when nothing was invoiced).',
      resolve: (r) => r.by_currency,
    }),
    excludedInvoices: t.field({
      type: ExcludedRef,
      nullable: false,
      description: 'Invoices read but left out of the figures.',
      resolve: (r) => r.excluded_invoices,
    }),
    warnings: t.exposeStringList('warnings', {
      nullable: false,
      description:
        'Plain sentences on every guess and gap (unknown periods, missing lines, mixed currencies...).',
    }),
  }),
});

const TotalsRef = builder.objectRef<PortfolioTotals>('RevenueTotals').implement({
  description:
    'Portfolio totals for one currency over ALL clients with revenue (not only the rows shown), summed on unrounded values.',
  interfaces: [InvoicedFiguresRef],
  fields: (t) => ({
    clientCount: t.exposeInt('client_count', {
      nullable: false,
      description: 'Clients contributing to this currency.',
    }),
    mrr: t.field(money('Sum of the mrr of the clients whose run-rate is in this currency.', (p) => p.mrr)),
    arr: t.field(money('12 x mrr.', (p) => p.arr)),
  }),
});

const PortfolioRef = builder.objectRef<Portfolio>('RevenuePortfolio').implement({
  description:
    'Every client with revenue, ranked per currency (largest invoiced total first within each), with totals over all of them.',
  fields: (t) => ({
    period: t.field({
      type: PeriodRef,
      nullable: false,
      description: 'The invoicing period of every row.',
      resolve: (p) => p.period!,
    }),
    rows: t.field({
      type: [BreakdownRef],
      nullable: false,
      description:
        'Clients with revenue, grouped by currency (by name) and largest invoiced total first within each (then mrr), at most `limit`; amounts in different currencies are never compared.',
      resolve: (p) => p.rows,
    }),
    totalClients: t.exposeInt('total_clients', {
      nullable: false,
      description: 'Clients with any revenue (before the limit).',
    }),
    clientsConsidered: t.exposeInt('clients_considered', {
      nullable: false,
      description: 'Clients examined, with or without revenue.',
    }),
    limit: t.exposeInt('limit', { nullable: false, description: 'The row limit applied.' }),
    truncated: t.exposeBoolean('truncated', {
      nullable: false,
      description: 'True when more clients have revenue than rows are shown.',
    }),
    currency: t.exposeString('currency', {
      description: 'The single currency across all rows; null when none or mixed.',
    }),
    totals: t.field({
      type: [TotalsRef],
      nullable: false,
      description: 'One entry per currency.',
      resolve: (p) => p.totals,
    }),
    warnings: t.exposeStringList('warnings', {
      nullable: false,
      description: "Portfolio-wide notes (mixed currencies...); each row carries its own client's warnings.",
    }),
  }),
});

interface RevenueResult {
  client: ClientRevenue | null;
  portfolio: Portfolio | null;
}

const ResultRef = builder.objectRef<RevenueResult>('RevenueResult').implement({
  description:
    'The revenue breakdown of one client, or of the whole portfolio: exactly one of the two is set.',
  fields: (t) => ({
    client: t.field({
      type: BreakdownRef,
      description: 'Set when a clientId was given.',
      resolve: (r) => r.client,
    }),
    portfolio: t.field({
      type: PortfolioRef,
      description: 'Set when no clientId was given.',
      resolve: (r) => r.portfolio,
    }),
  }),
});

// ---- Fields -------------------------------------------------------------------------------------

builder.objectField(ClientRef, 'revenue', (t) =>
  t.field({
    type: BreakdownRef,
    nullable: false,
    description: `What is recurring and what is non-recurring for this client. ${PERIOD_ARGS_DOC}`,
    args: { from: t.arg({ type: 'Date' }), to: t.arg({ type: 'Date' }) },
    resolve: (client, args, ctx) => clientRevenue(client, periodOf(args, ctx.today), ctx),
  }),
);

builder.queryFields((t) => ({
  revenuePortfolio: t.field({
    type: PortfolioRef,
    nullable: false,
    description: `Every client's revenue breakdown, largest first, with totals per currency. Each collection is read once for all clients (paged). ${PERIOD_ARGS_DOC}`,
    args: {
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      limit: t.arg.int({
        defaultValue: DEFAULT_PORTFOLIO_LIMIT,
        description: `Most rows to return, 1-${MAX_PORTFOLIO_LIMIT}; totals always cover every client.`,
      }),
    },
    resolve: (_root, args, ctx) => {
      const period = periodOf(args, ctx.today);
      return portfolioRevenue(period, limitOf(args.limit), ctx);
    },
  }),
  revenueBreakdown: t.field({
    type: ResultRef,
    nullable: false,
    description: `One entry for both modes: with clientId, that client's breakdown (as Client.revenue); without, the portfolio (as revenuePortfolio). ${PERIOD_ARGS_DOC}`,
    args: {
      clientId: t.arg.int({ description: 'The client; omit for the portfolio.' }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      limit: t.arg.int({
        defaultValue: DEFAULT_PORTFOLIO_LIMIT,
        description: `Portfolio only: most rows, 1-${MAX_PORTFOLIO_LIMIT}.`,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const period = periodOf(args, ctx.today);
      const limit = limitOf(args.limit);
      if (args.clientId == null)
        return { client: null, portfolio: await portfolioRevenue(period, limit, ctx) };
      const client = await loadOrNotFound(ctx.loaders.client, args.clientId, 'client');
      return { client: await clientRevenue(client, period, ctx), portfolio: null };
    },
  }),
}));
