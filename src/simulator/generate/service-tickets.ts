import type { HaloAction, HaloUser } from '../../halo/types.js';
import { addAction } from './actions.js';
import type { ClientProfile } from './clients.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './dates.js';
import { ITEMS } from './items.js';
import { type Random, WeightedTable } from './random.js';
import { STATUS, TEAM, TICKET_TYPE } from './reference-data.js';
import { ASSET_NOUNS, CLOSURE_CATEGORIES, ISSUES, type IssueTemplate, NOTES } from './ticket-text.js';
import {
  instantBetween,
  type TicketContext,
  type TicketDraft,
  ticketRecord,
  workingTime,
} from './tickets.js';

const TYPES = new WeightedTable<number>([
  [TICKET_TYPE.incident, 55],
  [TICKET_TYPE.serviceRequest, 28],
  [TICKET_TYPE.problem, 3],
  [TICKET_TYPE.change, 6],
  [TICKET_TYPE.alert, 8],
]);
const INTERNAL_TYPES = new WeightedTable<number>([
  [TICKET_TYPE.incident, 60],
  [TICKET_TYPE.serviceRequest, 40],
]);

const PRIORITIES: Record<number, WeightedTable<number>> = {
  [TICKET_TYPE.incident]: new WeightedTable([
    [1, 3],
    [2, 12],
    [3, 60],
    [4, 25],
  ]),
  [TICKET_TYPE.serviceRequest]: new WeightedTable([
    [3, 40],
    [4, 60],
  ]),
  [TICKET_TYPE.problem]: new WeightedTable([
    [2, 50],
    [3, 50],
  ]),
  [TICKET_TYPE.change]: new WeightedTable([
    [3, 50],
    [4, 50],
  ]),
  [TICKET_TYPE.alert]: new WeightedTable([
    [1, 10],
    [2, 40],
    [3, 50],
  ]),
};

const TEAMS: Record<number, WeightedTable<number>> = {
  [TICKET_TYPE.incident]: new WeightedTable([
    [TEAM.serviceDesk, 75],
    [TEAM.secondLine, 15],
    [TEAM.fieldServices, 10],
  ]),
  [TICKET_TYPE.serviceRequest]: new WeightedTable([
    [TEAM.serviceDesk, 85],
    [TEAM.fieldServices, 15],
  ]),
  [TICKET_TYPE.problem]: new WeightedTable([[TEAM.secondLine, 1]]),
  [TICKET_TYPE.change]: new WeightedTable([[TEAM.secondLine, 1]]),
  [TICKET_TYPE.alert]: new WeightedTable([[TEAM.noc, 1]]),
};

const OPEN_STATUSES = new WeightedTable<number>([
  [STATUS.inProgress, 45],
  [STATUS.actionRequired, 15],
  [STATUS.waitingOnCustomer, 20],
  [STATUS.waitingOnSupplier, 10],
  [STATUS.scheduled, 10],
]);

const MIDDLE_ACTIONS = new WeightedTable<number>([
  [0, 60],
  [1, 28],
  [2, 12],
]);

const TAGS = ['onsite', 'hardware', 'recurring', 'escalated', 'security'];

const ISSUES_BY_TYPE = new Map<number, IssueTemplate[]>();
for (const issue of ISSUES)
  ISSUES_BY_TYPE.set(issue.type, [...(ISSUES_BY_TYPE.get(issue.type) ?? []), issue]);

/**
 * One service ticket (incident, request, problem, change or alert) of a client, with its actions.
 * A `backlog` ticket was opened in the last three weeks and is still open.
 */
export function draftServiceTicket(ctx: TicketContext, profile: ClientProfile, backlog = false): TicketDraft {
  const { random: r, now, lookups } = ctx;
  const typeId = (profile.internal ? INTERNAL_TYPES : TYPES).pick(r);
  const from = Math.max(profile.since, ctx.windowStart, backlog ? now - 21 * DAY_MS : -Infinity);
  let openedAt = instantBetween(r, from, profile.until);
  if (typeId !== TICKET_TYPE.alert) openedAt = workingTime(r, openedAt, profile.until);
  const issue = r.pick(ISSUES_BY_TYPE.get(typeId) ?? ISSUES);
  const siteIndex = r.chance(0.6) ? 0 : r.int(0, profile.sites.length - 1);
  const users = profile.siteUsers[siteIndex] ?? [];
  let user = r.pick(users);
  if (user.inactive && openedAt > now - 120 * DAY_MS) user = users[0] ?? user;
  const site = profile.sites[siteIndex];
  const assets = issue.asset === undefined ? [] : ctx.inventory.ofType(profile.client.id, issue.asset);
  const assetName = issue.asset === undefined ? '' : assets.length > 0 ? r.pick(assets).key_field : undefined;
  const summary = ctx.shared(
    issue.summary
      .replace('{asset}', assetName ?? ASSET_NOUNS[issue.asset ?? 'laptop'])
      .replace('{site}', site?.name ?? 'site'),
  );

  const priorityId = (PRIORITIES[typeId] ?? PRIORITIES[TICKET_TYPE.incident])?.pick(r) ?? 3;
  const slaId = profile.plan.vip ? 2 : 1;
  const priority = lookups.priority(slaId, priorityId);
  const teamId = TEAMS[typeId]?.pick(r) ?? TEAM.serviceDesk;
  const isChange = typeId === TICKET_TYPE.change;
  const responseTarget = (priority.responsetime ?? 4) * HOUR_MS;
  const fixTarget = (priority.fixtime ?? 24) * HOUR_MS;
  const responseMs = Math.max(2 * MINUTE_MS, responseTarget * r.logNormal(0.35, 0.8));
  // Most tickets close within their fix target; some wait on customers or suppliers for weeks.
  const quickFix = !isChange && r.chance(0.3);
  const waiting = r.chance(0.12) ? r.logNormal(3 * DAY_MS, 0.7) : 0;
  const longRunning = r.chance(0.15) ? r.logNormal(25 * DAY_MS, 0.8) : 0;
  const stale = r.chance(0.03) ? r.logNormal(80 * DAY_MS, 0.6) : 0;
  let resolveMs = isChange
    ? r.logNormal(5 * DAY_MS, 0.5)
    : quickFix
      ? responseMs + r.int(5, 40) * MINUTE_MS
      : Math.max(
          responseMs + 15 * MINUTE_MS,
          fixTarget * r.logNormal(0.4, 0.9) + waiting + longRunning + stale,
        );
  if (backlog) resolveMs = Math.max(resolveMs, now - openedAt + r.logNormal(5 * DAY_MS, 0.8));
  // A former customer's last tickets were all wrapped up around the time it left.
  if (profile.plan.inactive)
    resolveMs = Math.min(resolveMs, Math.max(profile.until + 7 * DAY_MS - openedAt, responseMs + 1));
  const respondedAt = Math.floor(openedAt + responseMs);
  const resolvedAt = Math.floor(openedAt + resolveMs);
  const responded = respondedAt < now;
  const closed = resolvedAt < now;
  const workEnd = closed ? resolvedAt : now;
  const agent = responded ? ctx.roster.pick(r, teamId, workEnd) : ctx.roster.unassigned;
  const statusId = closed
    ? now - resolvedAt < 3 * DAY_MS
      ? STATUS.resolved
      : STATUS.closed
    : responded
      ? OPEN_STATUSES.pick(r)
      : STATUS.new;

  const contract = profile.internal ? null : ctx.book.coverageAt(profile.client.id, openedAt);
  const managed = contract?.kind === 'Managed Services';
  const chargeable = !profile.internal && !managed;
  const actions: HaloAction[] = [];
  const status = (id: number) => ({ newStatus: id, newStatusName: lookups.statusName(id) });
  const byUser =
    typeId === TICKET_TYPE.alert ? { who: 'Monitoring', agentId: -1 } : { who: user.name, agentId: -1 };
  const byAgent = { who: agent.name, agentId: agent.id };
  addAction(actions, {
    outcome: 'new',
    at: openedAt,
    ...byUser,
    note: issue.details,
    minutes: 0,
    chargeable: false,
    ...status(STATUS.new),
  });
  // A quick fix is answered by the closing action itself.
  if (responded && !(quickFix && closed)) {
    const first = r.pick(['emailUser', 'emailUser', 'emailUser', 'phoneCall', 'remoteSession'] as const);
    addAction(actions, {
      outcome: first,
      at: respondedAt,
      ...byAgent,
      note: r.pick(first === 'remoteSession' ? NOTES.remote : NOTES.reply),
      minutes: first === 'remoteSession' ? r.int(3, 12) * 5 : r.int(1, 4) * 5,
      chargeable,
      ...status(STATUS.inProgress),
    });
    const middle = MIDDLE_ACTIONS.pick(r);
    const times = Array.from({ length: middle }, () => instantBetween(r, respondedAt + 1, workEnd)).sort(
      (a, b) => a - b,
    );
    for (const at of times) addMiddleAction(r, actions, at, teamId, user, byAgent, chargeable, status);
  }
  if (closed) {
    addAction(actions, {
      outcome: statusId === STATUS.resolved ? 'resolved' : 'closed',
      at: resolvedAt,
      ...byAgent,
      note: r.pick(NOTES.resolution),
      minutes: r.int(1, 6) * 5,
      chargeable,
      ...status(statusId),
    });
  } else if (actions.length > 1) {
    const last = actions[actions.length - 1];
    if (last !== undefined) Object.assign(last, status(statusId));
  }
  if (contract?.kind === 'Block Hours') {
    for (const action of actions) {
      const hours = action.actionchargehours ?? 0;
      if (hours > 0) contract.usage.push([Date.parse(`${action.datetime}Z`), hours]);
    }
  }

  const ticket = ticketRecord(lookups, now, {
    profile,
    siteIndex,
    user,
    typeId,
    teamId,
    agent,
    slaId,
    priorityId,
    statusId,
    summary,
    details: issue.details,
    category: issue.category,
    closure: r.pick(CLOSURE_CATEGORIES),
    openedAt,
    closedAt: closed ? resolvedAt : null,
    respondedAt: responded ? (quickFix && closed ? resolvedAt : respondedAt) : null,
    respondBy: openedAt + responseTarget,
    fixBy: isChange ? null : openedAt + fixTarget,
    startAt: isChange ? openedAt + resolveMs * 0.8 : null,
    targetAt: isChange ? openedAt + resolveMs * 0.8 + 2 * HOUR_MS : null,
    deadlineAt: null,
    contract,
    actions,
    tags: r.chance(0.08) ? r.pick(TAGS) : '',
  });
  if (r.chance(0.02)) ticket.flagged = true;
  if (r.chance(0.05)) {
    const cause = r.pick(['User error', 'Hardware fault', 'Software bug', 'Third party']);
    ticket.customfields = [
      { id: 140, name: 'CFRootCause', label: 'Root cause', type: 2, value: cause, display: cause },
    ];
  }
  const billable =
    chargeable && !contract && closed && (ticket.chargehours ?? 0) > 0
      ? {
          hours: ticket.chargehours ?? 0,
          item: teamId === TEAM.fieldServices ? ITEMS.onsiteLabour : ITEMS.remoteLabour,
          closedAt: resolvedAt,
        }
      : null;
  return { openedAt, ticket, actions, profile, parent: null, billable, milestones: [] };
}

function addMiddleAction(
  r: Random,
  actions: HaloAction[],
  at: number,
  teamId: number,
  user: HaloUser,
  byAgent: { who: string; agentId: number },
  chargeable: boolean,
  status: (id: number) => { newStatus: number; newStatusName: string },
): void {
  const kind =
    teamId === TEAM.fieldServices && r.chance(0.5)
      ? 'onsiteVisit'
      : r.pick([
          'privateNote',
          'internalNote',
          'remoteSession',
          'remoteSession',
          'userReply',
          'statusChange',
        ] as const);
  if (kind === 'userReply') {
    addAction(actions, {
      outcome: kind,
      at,
      who: user.name,
      agentId: -1,
      note: r.pick(NOTES.userReply),
      minutes: 0,
      chargeable: false,
      ...status(STATUS.actionRequired),
    });
    return;
  }
  const waiting = kind === 'statusChange';
  const notes =
    kind === 'onsiteVisit'
      ? NOTES.onsite
      : kind === 'remoteSession'
        ? NOTES.remote
        : waiting
          ? NOTES.waiting
          : NOTES.work;
  const minutes =
    kind === 'onsiteVisit'
      ? r.int(6, 18) * 10
      : kind === 'remoteSession'
        ? r.int(3, 18) * 5
        : r.int(1, 3) * 5;
  addAction(actions, {
    outcome: kind,
    at,
    ...byAgent,
    note: r.pick(notes),
    minutes: waiting ? 0 : minutes,
    chargeable,
    ...status(waiting ? STATUS.waitingOnCustomer : STATUS.inProgress),
  });
}
