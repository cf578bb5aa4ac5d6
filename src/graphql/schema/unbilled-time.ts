import {
  computeUnbilledTime,
  type UnbilledClient,
  type UnbilledEntry,
  type UnbilledTime,
  type UnbilledTotals,
} from '../../analytics/unbilled-time.js';
import { defaultPeriod } from '../../revenue/index.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import {
  actionsFor,
  activeSince,
  boundedInt,
  MAX_ROWS,
  optionalClient,
  periodArg,
  readAll,
} from './analytics-reads.js';
import { AgeBucketsRef, opt, PeriodRef, plainObject, req } from './analytics-types.js';
import { optionalId } from './args.js';

// unbilled_time (docs/analytics.md §1). Cost: one ticket read narrowed by Halo's billing filters
// (`billableonly`, `ready_for_invoicing`: unverified, so every candidate is confirmed from its
// actions), paged; then one actions read per candidate whose last action falls in the period.

const ValueSourceEnum = builder.enumType('UnbilledValueSource', {
  description: "Where an entry's value comes from.",
  values: {
    AMOUNT: { value: 'amount', description: "Halo's `actionchargeamount`." },
    RATE: { value: 'rate', description: '`actionchargehours` x `chargerate` (rate used; warned).' },
    UNKNOWN: { value: 'unknown', description: 'Neither is given: counted in hours only.' },
  } as const,
});

const EntryRef = plainObject<UnbilledEntry>(
  'UnbilledEntry',
  'One billable, uninvoiced time entry (an action).',
  {
    ticketId: req('Int', 'The ticket.'),
    ticketSummary: opt('String', 'Ticket summary.'),
    clientId: opt('Int', 'The client.'),
    clientName: opt('String', 'Client name, as on the ticket.'),
    actionId: req('Int', 'The action id (per ticket).'),
    agentId: opt('Int', 'Agent who logged it.'),
    agentName: opt('String', 'Agent name.'),
    date: req('Date', 'Day of the entry.'),
    ageDays: req('Int', 'Days from the entry to today.'),
    hours: req('Float', 'Unbilled chargeable hours (beyond any prepay cover).'),
    value: opt('Money', 'Their value; null when unknown.'),
    valueSource: req(ValueSourceEnum, 'Where the value comes from.'),
  },
);

const ClientRowRef = plainObject<UnbilledClient>('UnbilledClient', 'Unbilled time of one client.', {
  clientId: opt('Int', 'The client (null when the ticket names none).'),
  clientName: opt('String', 'Client name.'),
  hours: req('Float', 'Unbilled chargeable hours.'),
  value: req('Money', 'Known value of those hours.'),
  unvaluedHours: req('Float', 'Hours among them whose value is unknown.'),
  entryCount: req('Int', 'Time entries.'),
  ticketCount: req('Int', 'Tickets they are on.'),
  oldestEntry: req('Date', 'Day of the oldest entry.'),
  buckets: req(AgeBucketsRef, 'By age.'),
  prepayHours: req('Float', 'Billable hours drawn from prepay (not leakage, reported apart).'),
});

const TotalsRef = plainObject<UnbilledTotals>(
  'UnbilledTotals',
  'Totals over every client (not only the rows shown).',
  {
    hours: req('Float', 'Unbilled chargeable hours.'),
    value: req('Money', 'Known value (as Halo states it; actions carry no currency).'),
    unvaluedHours: req('Float', 'Hours whose value is unknown.'),
    entryCount: req('Int', 'Time entries.'),
    ticketCount: req('Int', 'Tickets.'),
    clientCount: req('Int', 'Clients with unbilled time.'),
    buckets: req(AgeBucketsRef, 'By age.'),
    prepayHours: req('Float', 'Billable hours drawn from prepay.'),
    prepayEntryCount: req('Int', 'Entries drawing on prepay.'),
  },
);

export { TotalsRef as UnbilledTotalsRef };

const UnbilledTimeRef = plainObject<UnbilledTime>(
  'UnbilledTime',
  'Billable time not yet invoiced (revenue leakage), per client, aged and valued.',
  {
    period: req(PeriodRef, 'Entries dated in this period count.'),
    today: req('Date', 'The day ages are counted to.'),
    clients: req([ClientRowRef], 'Clients, largest value first (then hours), at most `limit`.'),
    totalClients: req('Int', 'Clients with unbilled time (before the limit).'),
    truncated: req('Boolean', 'True when more clients have unbilled time than are shown.'),
    largest: req([EntryRef], 'The largest entries by value (unknown values last).'),
    totals: req(TotalsRef, 'Totals over every client.'),
    ticketsExamined: req('Int', 'Candidate tickets whose actions were read.'),
    warnings: req(['String'], 'Plain sentences on every guess (rate used, unknown values...).'),
  },
);

export async function unbilledTime(
  ctx: GraphQLContext,
  args: {
    clientId?: number | null;
    agentId?: number | null;
    from?: string | null;
    to?: string | null;
    limit?: number | null;
    largest?: number | null;
  },
): Promise<UnbilledTime> {
  const clientId = optionalClient(args.clientId);
  const agentId = optionalId(args.agentId, 'agent id');
  const period = periodArg(args, ctx.today, defaultPeriod);
  const limit = boundedInt(args.limit, 25, 'limit', 1, MAX_ROWS);
  const largest = boundedInt(args.largest, 10, 'largest', 0, 100);
  const candidates = await readAll(
    ctx,
    'tickets',
    { client_id: clientId, billableonly: true, ready_for_invoicing: true },
    'tickets with billable time',
  );
  const tickets = activeSince(candidates, period.from);
  const actionsOf = await actionsFor(ctx, tickets);
  const agents = new Map((await ctx.reference.get('agents')).map((a) => [a.id, a.name]));
  return computeUnbilledTime({
    tickets,
    actionsOf,
    period,
    today: ctx.today,
    agentId: agentId ?? null,
    clientLimit: limit,
    largestLimit: largest,
    agentName: (id) => agents.get(id) ?? null,
    timeZone: ctx.timeZone,
  });
}

const PERIOD_DOC = 'from/to: entries dated in this period, inclusive (default: the 12 months ending today).';

builder.queryFields((t) => ({
  unbilledTime: t.field({
    type: UnbilledTimeRef,
    nullable: false,
    description: `Billable time not invoiced yet, per client (or one client), aged and valued. ${PERIOD_DOC}`,
    args: {
      clientId: t.arg.int({ description: 'One client; omit for every client.' }),
      agentId: t.arg.int({ description: 'Only time logged by this agent.' }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      limit: t.arg.int({
        defaultValue: 25,
        description: `Most client rows, 1-${MAX_ROWS}; totals cover all.`,
      }),
      largest: t.arg.int({
        defaultValue: 10,
        description: 'How many of the largest entries to list, 0-100.',
      }),
    },
    resolve: (_root, args, ctx) => unbilledTime(ctx, args),
  }),
}));
