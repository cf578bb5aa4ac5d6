import type { HaloInvoice } from '../../halo/types.js';
import { isTemplateActive } from '../../revenue/activity.js';
import { currencyOf, headerNet, lineNet, sum } from '../../revenue/amounts.js';
import { templateMonthlyValue } from '../../revenue/contracted.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { MAX_LOCAL_ROWS, pageOfRows } from '../loaders.js';
import { contractOf, loadOrNotFound, namedRelation, optionalId, requireTemplateId } from './args.js';
import { linesOf } from './invoice.js';
import { PageInput, pageOf, pageType } from './page.js';
import { ClientRef, ContractRef, InvoiceLineRef, RecurringInvoiceRef } from './refs.js';

const ACTIVE_RULE =
  'Active: not disabled or voided, and neither its end date nor its schedule end date is before today (an unset end is open).';

function templateLines(template: HaloInvoice, ctx: GraphQLContext) {
  return linesOf(template, ctx.loaders.recurringInvoiceDetail);
}

/**
 * The template with its `schedule`: a list row may lack it while the detail has it
 * (docs/halo-api.md §8.4); one detail read per template, batched and cached within the request.
 */
async function withSchedule(template: HaloInvoice, ctx: GraphQLContext): Promise<HaloInvoice> {
  if (template.schedule != null) return template;
  const detail = await ctx.loaders.recurringInvoiceDetail.load(template.id);
  return detail ? { ...template, ...detail } : template;
}

/** Sum of the lines' net amounts; with no lines, the header's total minus tax; null with neither. */
async function amountPerOccurrence(template: HaloInvoice, ctx: GraphQLContext): Promise<number | null> {
  const lines = await templateLines(template, ctx);
  if (lines.length > 0) return sum(lines.map((line) => lineNet(line) ?? 0));
  return headerNet(template);
}

RecurringInvoiceRef.implement({
  description:
    'A recurring invoice template: lines Halo invoices on a schedule (Halo `RecurringInvoice`, spec `InvoiceHeader` with a `StdRequest` schedule).',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    reference: t.exposeString('reference', {
      description: "The template's own reference, as entered in Halo.",
    }),
    name: t.string({
      description: "A readable name: the reference, else the first line's description.",
      resolve: async (r, _args, ctx) => {
        if (r.reference?.trim()) return r.reference.trim();
        return (await templateLines(r, ctx))[0]?.item_shortdescription ?? null;
      },
    }),
    period: t.exposeString('periodname', {
      description:
        "How often it invoices, as Halo words it (`periodname`); Halo's numeric period code is unverified and not interpreted.",
    }),
    every: t.int({
      description:
        'Runs every N periods (schedule `every`; read from the detail when a list row lacks the schedule).',
      resolve: async (r, _args, ctx) => (await withSchedule(r, ctx)).schedule?.every ?? null,
    }),
    nextCreationDate: t.field({
      type: 'Date',
      description: 'When Halo next creates an invoice from it.',
      resolve: (r) => r.nextcreationdate ?? r.schedule?.nextcreationdate,
    }),
    lastCreated: t.field({
      type: 'Date',
      description: 'When it last created an invoice.',
      resolve: (r) => r.lastcreated ?? r.schedule?.lastcreated,
    }),
    startDate: t.field({ type: 'Date', resolve: (r) => r.startdate ?? r.schedule?.startdate }),
    endDate: t.field({
      type: 'Date',
      description: 'Last day it bills; null when open-ended.',
      resolve: (r) => r.enddate ?? r.schedule?.end_date,
    }),
    isActive: t.boolean({
      nullable: false,
      description: `${ACTIVE_RULE} "Today" is the server's current date (UTC).`,
      resolve: (r, _args, ctx) => isTemplateActive(r, ctx.today, ctx.timeZone),
    }),
    currency: t.string({ resolve: currencyOf }),
    amountPerOccurrence: t.field({
      type: 'Money',
      description:
        "Net amount of each invoice it creates: the sum of its lines' net amounts; with no lines, the header's total minus tax.",
      resolve: (r, _args, ctx) => amountPerOccurrence(r, ctx),
    }),
    monthlyValue: t.field({
      type: 'Money',
      description:
        'amountPerOccurrence as a monthly value (weekly x 52/12 ... yearly / 12, divided by every). Null when the period text cannot be read with certainty (the numeric code is never guessed) or when its creation or period dates contradict period x every.',
      resolve: async (r, _args, ctx) =>
        templateMonthlyValue(await withSchedule(r, ctx), await amountPerOccurrence(r, ctx)),
    }),
    client: t.field({
      type: ClientRef,
      resolve: (r, _args, ctx, info) => namedRelation(info, r.client_id, r.client_name, ctx.loaders.client),
    }),
    contract: t.field({
      type: ContractRef,
      description: 'The contract this template bills, when it is linked to one.',
      resolve: (r, _args, ctx, info) => contractOf(r, info, ctx.loaders.contract),
    }),
    lines: t.field({
      type: [InvoiceLineRef],
      nullable: false,
      description:
        'The template lines. Lists ask Halo for lines (`includelines=true`); a template that comes back without them costs one detail read.',
      resolve: (r, _args, ctx) => templateLines(r, ctx),
    }),
  }),
});

builder.objectField(ClientRef, 'recurringInvoices', (t) =>
  t.field({
    type: [RecurringInvoiceRef],
    nullable: false,
    description: `The client's recurring invoice templates; with activeOnly (default), only active ones. ${ACTIVE_RULE}`,
    args: { activeOnly: t.arg.boolean({ defaultValue: true }) },
    resolve: async (client, args, ctx) => {
      const templates = await ctx.loaders.recurringInvoicesByClient.load(client.id);
      return args.activeOnly === false
        ? templates
        : templates.filter((r) => isTemplateActive(r, ctx.today, ctx.timeZone));
    },
  }),
);

const RecurringInvoicePage = pageType<HaloInvoice>(
  'RecurringInvoice',
  RecurringInvoiceRef,
  'A page of recurring invoice templates.',
);

builder.queryFields((t) => ({
  recurringInvoice: t.field({
    type: RecurringInvoiceRef,
    nullable: false,
    description:
      'One recurring invoice template by id, with its lines. Template ids are negative on Halo; any id but 0 and -1 is accepted.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) =>
      loadOrNotFound(ctx.loaders.recurringInvoice, args.id, 'recurring invoice', requireTemplateId),
  }),
  recurringInvoices: t.field({
    type: RecurringInvoicePage,
    nullable: false,
    description: `Recurring invoice templates. activeOnly (default true) applies the isActive rule, which Halo has no filter for: every matching template is read, then filtered and paged here (exact totalCount; refused above ${MAX_LOCAL_ROWS} matches).`,
    args: {
      filter: t.arg({ type: RecurringInvoiceFilter }),
      page: t.arg({ type: PageInput }),
    },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const query = {
        client_id: optionalId(args.filter?.clientId, 'clientId'),
        contract_id: optionalId(args.filter?.contractId, 'contractId'),
        includelines: true,
      };
      const activeOnly = args.filter?.activeOnly !== false;
      return pageOfRows(
        ctx.halo,
        'recurringInvoices',
        query,
        paging,
        activeOnly
          ? {
              keep: (r) => isTemplateActive(r, ctx.today, ctx.timeZone),
              what: 'recurring invoice templates',
              narrow: 'narrow with clientId or contractId, or set activeOnly: false',
            }
          : undefined,
      );
    },
  }),
}));

const RecurringInvoiceFilter = builder.inputType('RecurringInvoiceFilter', {
  description: 'Narrows the recurring invoice templates; all conditions must hold.',
  fields: (t) => ({
    clientId: t.int(),
    contractId: t.int({ description: 'Only templates linked to this contract.' }),
    activeOnly: t.boolean({ defaultValue: true, description: `Only active templates. ${ACTIVE_RULE}` }),
  }),
});
