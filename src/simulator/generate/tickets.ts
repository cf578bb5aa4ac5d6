import type { HaloAction, HaloAgent, HaloTicket, HaloUser } from '../../halo/types.js';
import { actionTotals } from './actions.js';
import type { AgentRoster } from './agents.js';
import type { AssetInventory } from './assets.js';
import type { ClientProfile } from './clients.js';
import type { ContractBook, ContractPlan } from './contracts.js';
import { HOUR_MS, MINUTE_MS, SENTINEL_DATE, startOfDay, toWeekday, wireDateTime } from './dates.js';
import type { CatalogueItem } from './items.js';
import type { Random } from './random.js';
import { CLOSED_STATUS_IDS, type Lookups, TICKET_TYPE } from './reference-data.js';
import { INJECTION_TEXTS } from './ticket-text.js';

export const TICKET_ID_BASE = 10001;

export interface TicketContext {
  random: Random;
  now: number;
  windowStart: number;
  roster: AgentRoster;
  inventory: AssetInventory;
  book: ContractBook;
  lookups: Lookups;
  /** Interns repeated texts (summaries naming the same asset) so they are held once. */
  shared: (text: string) => string;
}

/** Work to invoice in the month-end run after it closed (client currency, net). */
export interface BillableWork {
  hours: number;
  item: CatalogueItem;
  closedAt: number;
}

/** A fixed-price project's invoiced stage. */
export interface Milestone {
  at: number;
  fraction: number;
  label: string;
}

export interface TicketDraft {
  openedAt: number;
  ticket: HaloTicket;
  actions: HaloAction[];
  profile: ClientProfile;
  parent: TicketDraft | null;
  billable: BillableWork | null;
  milestones: Milestone[];
}

export interface TicketInput {
  profile: ClientProfile;
  siteIndex: number;
  user: HaloUser;
  typeId: number;
  teamId: number;
  agent: HaloAgent;
  slaId: number;
  priorityId: number;
  statusId: number;
  summary: string;
  details: string;
  category: string;
  closure: string;
  openedAt: number;
  closedAt: number | null;
  respondedAt: number | null;
  /** SLA targets; null writes the unset-date sentinel and excludes the ticket from the SLA. */
  respondBy: number | null;
  fixBy: number | null;
  startAt: number | null;
  targetAt: number | null;
  deadlineAt: number | null;
  contract: ContractPlan | null;
  actions: HaloAction[];
  tags: string;
}

function wireOrSentinel(ms: number | null): string {
  return ms === null ? SENTINEL_DATE : wireDateTime(ms);
}

/** `I` met, `O` breached (done late, or not done and overdue), empty while undetermined or untracked. */
function slaState(target: number | null, doneAt: number | null, now: number): string {
  if (target === null) return '';
  if (doneAt !== null) return doneAt <= target ? 'I' : 'O';
  return now > target ? 'O' : '';
}

/** One ticket in wire form, every field derived from the input so names always match ids. */
export function ticketRecord(lookups: Lookups, now: number, input: TicketInput): HaloTicket {
  const { profile, user, agent, actions } = input;
  const site = profile.sites[input.siteIndex] ?? profile.sites[0];
  const opened = wireDateTime(input.openedAt);
  const lastAction = actions[actions.length - 1]?.datetime ?? opened;
  const totals = actionTotals(actions);
  const responded = input.respondedAt !== null;
  const closed = input.closedAt !== null;
  const responseState = slaState(input.respondBy, input.respondedAt, now);
  const fixState = slaState(input.fixBy, input.closedAt, now);
  const priority = lookups.priority(input.slaId, input.priorityId);
  return {
    id: 0,
    summary: input.summary,
    details: input.details,
    dateoccurred: opened,
    datecreated: opened,
    dateclosed: wireOrSentinel(input.closedAt),
    dateassigned: responded && agent.id !== 1 ? wireOrSentinel(input.respondedAt) : SENTINEL_DATE,
    lastactiondate: lastAction,
    last_update: lastAction,
    startdate: wireOrSentinel(input.startAt),
    targetdate: wireOrSentinel(input.targetAt),
    deadlinedate: wireOrSentinel(input.deadlineAt),
    status_id: input.statusId,
    status_name: lookups.statusName(input.statusId),
    tickettype_id: input.typeId,
    tickettype_name: lookups.typeName(input.typeId),
    priority_id: input.priorityId,
    priority_name: priority.name,
    priority: lookups.priorityRef(input.slaId, input.priorityId),
    sla_id: input.slaId,
    sla_name: input.slaId === 2 ? 'Premium SLA' : 'Standard SLA',
    client_id: profile.client.id,
    client_name: profile.client.name,
    site_id: site?.id ?? -1,
    site_name: site?.name ?? '',
    user_id: user.id,
    user_name: user.name,
    user_email: user.emailaddress ?? '',
    reportedby: user.emailaddress ?? '',
    agent_id: agent.id,
    agent_name: agent.name,
    team: lookups.teamName(input.teamId),
    team_id: input.teamId,
    category_1: input.category,
    category_2: closed ? input.closure : '',
    impact: Math.min(3, Math.ceil(input.priorityId / 1.5)),
    urgency: Math.min(3, Math.ceil(input.priorityId / 1.3)),
    parent_id: -1,
    child_count: 0,
    child_count_open: 0,
    attachment_count: 0,
    flagged: false,
    onhold: input.statusId === 4 || input.statusId === 5,
    is_vip: profile.plan.vip,
    hasbeenclosed: closed,
    excludefromsla: input.fixBy === null,
    respondbydate: wireOrSentinel(input.respondBy),
    responsedate: wireOrSentinel(input.respondedAt),
    fixbydate: wireOrSentinel(input.fixBy),
    slaresponsestate: responseState,
    slastate: fixState,
    timetaken: totals.taken,
    estimate: 0,
    chargehours: totals.charge,
    nonchargehours: totals.nonCharge,
    contract_id: input.contract?.contract.id ?? -1,
    contract_ref: input.contract?.contract.ref ?? '',
    ticket_tags: input.tags,
    is_project: false,
  };
}

/** A weekday working-hours instant on the day of `ms`, unless that would pass `limit`. */
export function workingTime(random: Random, ms: number, limit: number): number {
  const day = startOfDay(toWeekday(ms));
  const at = day + 8 * HOUR_MS + random.int(0, 9.5 * 60) * MINUTE_MS + random.int(0, 59_999);
  return at < limit ? at : ms;
}

/** Random instant in [from, to) with a random millisecond part. */
export function instantBetween(random: Random, from: number, to: number): number {
  return Math.floor(from + random.next() * Math.max(0, to - from));
}

export function isClosedStatus(statusId: number | null | undefined): boolean {
  return statusId !== null && statusId !== undefined && CLOSED_STATUS_IDS.includes(statusId);
}

/**
 * Orders drafts by opening time and gives them ids, so ids grow with time like Halo's; then wires
 * the action ticket ids, project links and counts, and plants the injection texts.
 */
export function finaliseTickets(drafts: TicketDraft[]): { tickets: HaloTicket[]; actions: HaloAction[] } {
  drafts.sort((a, b) => a.openedAt - b.openedAt);
  const tickets: HaloTicket[] = [];
  const actions: HaloAction[] = [];
  drafts.forEach((draft, index) => {
    draft.ticket.id = TICKET_ID_BASE + index;
    tickets.push(draft.ticket);
  });
  for (const draft of drafts) {
    const projectId = draft.ticket.is_project ? draft.ticket.id : (draft.parent?.ticket.id ?? -1);
    if (draft.parent !== null) {
      const parent = draft.parent.ticket;
      draft.ticket.parent_id = parent.id;
      draft.ticket.main_project_id = parent.id;
      parent.child_count = (parent.child_count ?? 0) + 1;
      if (!isClosedStatus(draft.ticket.status_id))
        parent.child_count_open = (parent.child_count_open ?? 0) + 1;
    }
    for (const action of draft.actions) {
      action.ticket_id = draft.ticket.id;
      action.project_id = projectId;
      actions.push(action);
    }
  }
  plantInjections(drafts);
  return { tickets, actions };
}

// Two action notes and one ticket description carry injection text, on the first customers'
// tickets so even the smallest dataset has them.
function plantInjections(drafts: readonly TicketDraft[]): void {
  const written = new Set<number>([TICKET_TYPE.projectTask, TICKET_TYPE.alert]);
  const customers = drafts.filter((d) => !d.profile.internal && !written.has(d.ticket.tickettype_id ?? 0));
  const withReplies = customers.filter((d) => d.actions.length >= 2);
  const [first, second] = [withReplies[0], withReplies.find((d) => d.profile !== withReplies[0]?.profile)];
  const [textA, textB, textC] = INJECTION_TEXTS;
  if (first !== undefined) setUserNote(first, textA);
  if (second !== undefined) setUserNote(second, textB);
  const described = customers.find((d) => d !== first && d !== second) ?? customers[0];
  if (described !== undefined) described.ticket.details = `${described.ticket.details}\n\n${textC}`;
  // Larger datasets get one more every ~2000 tickets so sampled reads meet them too.
  for (let index = 2000; index < withReplies.length; index += 2000) {
    const draft = withReplies[index];
    if (draft !== undefined) setUserNote(draft, INJECTION_TEXTS[index % INJECTION_TEXTS.length] ?? textA);
  }
}

/** Puts the text in the latest note an end user wrote (the opening note at least). */
function setUserNote(draft: TicketDraft, text: string): void {
  const action = draft.actions.findLast((a) => a.who_agentid === -1) ?? draft.actions[0];
  if (action === undefined) return;
  action.note = text;
  action.hiddenfromuser = false;
}
