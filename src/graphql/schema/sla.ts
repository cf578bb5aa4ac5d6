import {
  type AtRiskTicket,
  type BreachedTicket,
  computeSlaPerformance,
  type Measure,
  type SlaFigures,
  type SlaGroup,
  type SlaPerformance,
} from '../../analytics/sla.js';
import type { QueryParams } from '../../halo/resources.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import {
  boundedInt,
  isClosedTicket,
  MAX_ROWS,
  ninetyDays,
  nowFor,
  optionalClient,
  periodArg,
  readAll,
  ticketDates,
} from './analytics-reads.js';
import { opt, PeriodRef, plainObject, req } from './analytics-types.js';
import { optionalId } from './args.js';

// sla_performance (docs/analytics.md §3). Cost: two ticket reads, paged: those opened in the period
// (Halo's date search) and those open now (for "at risk"), both narrowed by client, team or agent.

const GroupByEnum = builder.enumType('SlaGroupBy', {
  description: 'How to break compliance down.',
  values: { CLIENT: { value: 'client' }, TEAM: { value: 'team' }, AGENT: { value: 'agent' } } as const,
});

const MeasureEnum = builder.enumType('SlaMeasure', {
  description: 'Which target.',
  values: {
    RESPONSE: { value: 'response', description: '`respondbydate`.' },
    RESOLUTION: { value: 'resolution', description: '`fixbydate`.' },
  } as const,
});

const MeasureRef = plainObject<Measure>('SlaMeasureFigures', 'Verdicts against one target.', {
  met: req('Int', 'Met the target.'),
  breached: req('Int', 'Missed it (late, or open past it).'),
  pending: req('Int', 'Open and not yet past the target.'),
  noTarget: req('Int', 'No target set.'),
  compliance: opt(
    'Float',
    'met / (met + breached) in percent (2 decimals); null when nothing has a verdict.',
  ),
});

const figures = {
  ticketCount: req('Int', 'Tickets opened in the period.'),
  excludedCount: req('Int', 'Of those, projects, `excludefromsla` or without any SLA: counted apart.'),
  response: req(MeasureRef, 'Response against `respondbydate`.'),
  resolution: req(MeasureRef, 'Resolution against `fixbydate`.'),
};

export const SlaFiguresRef = plainObject<SlaFigures>(
  'SlaFigures',
  'SLA compliance of a set of tickets.',
  figures,
);

const GroupRef = plainObject<SlaGroup>('SlaGroup', 'SLA compliance of one client, team or agent.', {
  key: opt('String', 'The client / agent id, or the team id or name.'),
  name: opt('String', 'Its name, as on the tickets.'),
  ...figures,
});

const BreachRef = plainObject<BreachedTicket>('SlaBreach', 'A ticket that missed a target.', {
  ticketId: req('Int', 'The ticket.'),
  summary: opt('String', 'Summary.'),
  clientName: opt('String', 'Client.'),
  agentName: opt('String', 'Agent.'),
  measure: req(MeasureEnum, 'Which target.'),
  target: req('DateTime', 'The target.'),
  actual: opt('DateTime', 'When it was met late; null while still open.'),
  haloState: opt(
    'String',
    "Halo's own `slastate` / `slaresponsestate` (I inside, O outside), where present.",
  ),
});

const AtRiskRef = plainObject<AtRiskTicket>('SlaAtRisk', 'An open ticket whose resolution target is close.', {
  ticketId: req('Int', 'The ticket.'),
  summary: opt('String', 'Summary.'),
  clientId: opt('Int', 'Client id.'),
  clientName: opt('String', 'Client.'),
  agentName: opt('String', 'Agent.'),
  team: opt('String', 'Team name.'),
  fixBy: req('DateTime', 'Resolution target (`fixbydate`).'),
  hoursLeft: req('Float', 'Hours until then.'),
});

const SlaRef = plainObject<SlaPerformance>('SlaPerformance', 'Response and resolution against target.', {
  period: req(PeriodRef, 'Tickets opened in this period.'),
  now: req('DateTime', 'The instant "open past target" and "at risk" are judged at.'),
  groupBy: opt(GroupByEnum, 'The breakdown asked for.'),
  overall: req(SlaFiguresRef, 'All tickets in scope.'),
  groups: req([GroupRef], 'Per client, team or agent (most tickets first); empty without groupBy.'),
  breaches: req([BreachRef], 'Breached targets, at most `limit`.'),
  breachCount: req('Int', 'Breached targets in all.'),
  atRisk: req([AtRiskRef], 'Open tickets due within `hours`, soonest first, at most `limit`.'),
  atRiskCount: req('Int', 'Open tickets at risk in all.'),
  atRiskHours: req('Int', 'The at-risk horizon in hours.'),
  disagreements: req('Int', "Verdicts that disagree with Halo's own SLA state."),
  warnings: req(['String'], 'Plain sentences on every gap.'),
});

export function slaScope(args: {
  clientId?: number | null;
  teamId?: number | null;
  agentId?: number | null;
}): QueryParams {
  return {
    client_id: optionalClient(args.clientId),
    team: optionalId(args.teamId, 'team id'),
    agent_id: optionalId(args.agentId, 'agent id'),
  };
}

export async function slaPerformance(
  ctx: GraphQLContext,
  args: {
    clientId?: number | null;
    teamId?: number | null;
    agentId?: number | null;
    from?: string | null;
    to?: string | null;
    groupBy?: 'client' | 'team' | 'agent' | null;
    hours?: number | null;
    limit?: number | null;
  },
): Promise<SlaPerformance> {
  const scope = slaScope(args);
  const period = periodArg(args, ctx.today, ninetyDays);
  const hours = boundedInt(args.hours, 24, 'hours', 1, 24 * 30);
  const limit = boundedInt(args.limit, 25, 'limit', 0, MAX_ROWS);
  const [opened, open] = await Promise.all([
    readAll(
      ctx,
      'tickets',
      { ...scope, ...ticketDates('dateoccured', period) },
      'tickets opened in the period',
    ),
    readAll(ctx, 'tickets', { ...scope, open_only: true }, 'open tickets'),
  ]);
  return computeSlaPerformance({
    opened,
    open,
    period,
    now: nowFor(ctx),
    groupBy: args.groupBy ?? null,
    atRiskHours: hours,
    limit,
    isClosed: isClosedTicket,
    timeZone: ctx.timeZone,
  });
}

builder.queryFields((t) => ({
  slaPerformance: t.field({
    type: SlaRef,
    nullable: false,
    description:
      'Response and resolution compliance of tickets opened in the period (default: the 90 days ending today), for a client, team or agent, or all; plus open tickets at risk of breaching now.',
    args: {
      clientId: t.arg.int({ description: 'Only this client.' }),
      teamId: t.arg.int({ description: 'Only this team.' }),
      agentId: t.arg.int({ description: 'Only this agent.' }),
      from: t.arg({ type: 'Date' }),
      to: t.arg({ type: 'Date' }),
      groupBy: t.arg({ type: GroupByEnum, description: 'Break compliance down by client, team or agent.' }),
      hours: t.arg.int({ defaultValue: 24, description: 'At-risk horizon in hours, 1-720.' }),
      limit: t.arg.int({
        defaultValue: 25,
        description: `Most breaches and at-risk tickets listed, 0-${MAX_ROWS}.`,
      }),
    },
    resolve: (_root, args, ctx) => slaPerformance(ctx, args),
  }),
}));
