import {
  type ActiveContract,
  type AgentLabour,
  type ClientOverview,
  computeClientOverview,
  type Labour,
  type TypeCount,
  WARRANTY_DAYS,
} from '../../analytics/client-overview.js';
import { isContractActive } from '../../revenue/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import {
  actionsFor,
  isClosedTicket,
  ninetyDays,
  nowFor,
  periodArg,
  readAll,
  ticketDates,
  withContractDetails,
  withTemplateLines,
} from './analytics-reads.js';
import { opt, PeriodRef, plainObject, req } from './analytics-types.js';
import { loadOrNotFound } from './args.js';
import { BlockHoursRef } from './contract-renewals.js';
import { ReceivableTotalRef, readInvoices } from './receivables.js';
import { ClientRef } from './refs.js';
import { MonthRef } from './revenue.js';
import { SlaFiguresRef } from './sla.js';
import { UnbilledTotalsRef } from './unbilled-time.js';

// client_overview (docs/analytics.md §5). Every collection is read once and shared by the sections:
// tickets opened, closed and open (three reads, paged), the actions of the open and closed ones
// (one read per ticket), the client's templates, contracts (+ detail of the active ones), invoices
// (all dates, with lines), assets, and the cached agent directory.

const TypeCountRef = plainObject<TypeCount>('NamedCount', 'A count under a name.', {
  name: opt('String', 'The name (ticket or asset type); null when unnamed.'),
  count: req('Int', 'How many.'),
});

const ServiceRef = plainObject<ClientOverview['service']>('OverviewService', 'Service in the period.', {
  opened: req('Int', 'Tickets opened in the period.'),
  closed: req('Int', 'Tickets closed in the period.'),
  openNow: req('Int', 'Tickets open now.'),
  topTypes: req([TypeCountRef], 'Top 5 ticket types of the tickets opened.'),
  chargeableHours: req('Float', 'Chargeable hours logged in the period.'),
  nonChargeableHours: req('Float', 'Non-chargeable hours logged in the period.'),
  sla: req(SlaFiguresRef, 'SLA compliance of the tickets opened.'),
});

const MoneyRef = plainObject<ClientOverview['money']>('OverviewMoney', 'Money.', {
  currency: opt('String', 'The single currency of everything reported; null when none or mixed.'),
  mrr: req('Money', 'Monthly recurring revenue today.'),
  arr: req('Money', '12 x mrr.'),
  recurring: opt('Money', 'Recurring invoiced in the period (ex-tax); null when currencies mix.'),
  nonRecurring: opt('Money', 'Non-recurring invoiced in the period; null when currencies mix.'),
  invoicedTotal: opt('Money', 'recurring + nonRecurring.'),
  months: req(
    [MonthRef],
    "Recurring and non-recurring invoiced per calendar month of the period (as revenue_breakdown's months); empty when currencies mix.",
  ),
  unbilled: req(UnbilledTotalsRef, 'Billable time dated in the period and not invoiced.'),
  receivables: req([ReceivableTotalRef], 'Amounts still due today, per currency.'),
});

const AgreementRef = plainObject<ActiveContract>('OverviewContract', 'An active contract.', {
  id: req('Int', 'Contract id.'),
  reference: opt('String', 'Reference.'),
  type: opt('String', 'Type name.'),
  endDate: opt('Date', 'End date; null when open-ended.'),
  daysLeft: opt('Int', 'Days to the end date.'),
  blockHours: opt(BlockHoursRef, 'Block hours / prepay balance, where any.'),
});

const EstateRef = plainObject<ClientOverview['estate']>('OverviewEstate', 'Assets.', {
  assetCount: req('Int', 'Active assets.'),
  byType: req([TypeCountRef], 'Active assets by type.'),
  warrantiesEnding: req(
    [
      plainObject<ClientOverview['estate']['warrantiesEnding'][number]>(
        'WarrantyEnding',
        'An asset whose warranty ends soon.',
        {
          id: req('Int', 'Asset id.'),
          name: opt('String', 'Its key field (or asset tag).'),
          type: opt('String', 'Asset type.'),
          warrantyEnd: req('Date', 'Warranty end.'),
        },
      ),
    ],
    `Warranties ending in the next ${WARRANTY_DAYS} days, soonest first.`,
  ),
});

const AgentLabourRef = plainObject<AgentLabour>('AgentLabour', "One agent's time for the client.", {
  agentId: opt('Int', 'Agent id.'),
  agentName: opt('String', 'Agent name.'),
  hours: req('Float', 'Hours logged in the period.'),
  costPrice: opt('Money', 'Hourly cost (`costprice`); null when unset.'),
  cost: opt('Money', 'hours x costPrice.'),
});

const LabourRef = plainObject<Labour>('OverviewLabour', 'Labour cost against invoiced revenue.', {
  cost: opt('Money', 'Hours x cost of the agents that carry a costprice.'),
  uncostedHours: req('Float', 'Hours by agents without a costprice.'),
  margin: opt('Money', 'Invoiced total minus labour cost; null when a cost or the currency is missing.'),
  marginShare: opt('Float', 'margin / invoiced total (0-1).'),
  agents: req([AgentLabourRef], 'Per agent, most hours first.'),
});

const OverviewRef = plainObject<ClientOverview>('ClientOverview', 'One client at a glance for a period.', {
  client: req(ClientRef, 'The client.'),
  period: req(PeriodRef, 'The period.'),
  today: req('Date', 'Today (run-rate, receivables, agreements and warranties are as of today).'),
  service: req(ServiceRef, 'Tickets, hours and SLA.'),
  money: req(MoneyRef, 'Run-rate, invoiced, unbilled and due.'),
  agreements: req([AgreementRef], 'Active contracts, soonest end first.'),
  estate: req(EstateRef, 'Assets and warranties.'),
  labour: opt(LabourRef, 'Labour cost and margin; null (with a warning) when no agent carries a costprice.'),
  warnings: req(['String'], 'Plain sentences on every guess and gap.'),
});

export async function clientOverview(
  ctx: GraphQLContext,
  args: { clientId: number; from?: string | null; to?: string | null },
): Promise<ClientOverview> {
  const period = periodArg(args, ctx.today, ninetyDays);
  const client = await loadOrNotFound(ctx.loaders.client, args.clientId, 'client');
  const scope = { client_id: client.id };
  const [opened, closed, open, templates, contracts, invoices, assets, agents] = await Promise.all([
    readAll(
      ctx,
      'tickets',
      { ...scope, ...ticketDates('dateoccured', period) },
      'tickets opened in the period',
    ),
    readAll(
      ctx,
      'tickets',
      { ...scope, ...ticketDates('datecleared', period) },
      'tickets closed in the period',
    ),
    readAll(ctx, 'tickets', { ...scope, open_only: true }, 'open tickets'),
    ctx.loaders.recurringInvoicesByClient.load(client.id).then((rows) => withTemplateLines(rows, ctx)),
    ctx.loaders.contractsByClient.load(client.id),
    readInvoices(ctx, client.id, true),
    ctx.loaders.assetsByClient.load(client.id),
    ctx.reference.get('agents'),
  ]);
  const active = contracts.filter((c) => isContractActive(c, ctx.today));
  const detailed = new Map((await withContractDetails(active, ctx)).map((c) => [c.id, c]));
  const worked = [...new Map([...open, ...closed].map((t) => [t.id, t])).values()];
  const actionsOf = await actionsFor(ctx, worked);
  return computeClientOverview({
    client,
    period,
    today: ctx.today,
    now: nowFor(ctx),
    opened,
    closed,
    open,
    worked,
    actionsOf,
    isClosed: isClosedTicket,
    templates,
    contracts: contracts.map((c) => detailed.get(c.id) ?? c),
    invoices,
    assets,
    agents,
    timeZone: ctx.timeZone,
  });
}

builder.queryFields((t) => ({
  clientOverview: t.field({
    type: OverviewRef,
    nullable: false,
    description:
      'One client at a glance for a period (default: the 90 days ending today): service, money, agreements, estate and labour margin, from one set of reads shared by every section.',
    args: {
      clientId: t.arg.int({ required: true, description: 'The client.' }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
    },
    resolve: (_root, args, ctx) => clientOverview(ctx, args),
  }),
}));
