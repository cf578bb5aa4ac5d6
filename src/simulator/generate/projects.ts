import type { HaloAction } from '../../halo/types.js';
import { addAction } from './actions.js';
import type { ClientProfile } from './clients.js';
import { DAY_MS, MINUTE_MS } from './dates.js';
import { ITEMS } from './items.js';
import { round2 } from './money.js';
import type { WeightedTable } from './random.js';
import { STATUS, TEAM, TICKET_TYPE } from './reference-data.js';
import { NOTES, PROJECT_NAMES, PROJECT_TASKS } from './ticket-text.js';
import {
  instantBetween,
  type TicketContext,
  type TicketDraft,
  ticketRecord,
  workingTime,
} from './tickets.js';

/** A project (a ticket with `is_project`) and its tasks (child tickets), each with actions. */
export function draftProject(ctx: TicketContext, customers: WeightedTable<ClientProfile>): TicketDraft[] {
  const { random: r, now, lookups } = ctx;
  let profile = customers.pick(r);
  for (
    let attempt = 0;
    attempt < 20 && profile.until - Math.max(profile.since, ctx.windowStart) < 60 * DAY_MS;
    attempt++
  ) {
    profile = customers.pick(r);
  }
  const from = Math.max(profile.since, ctx.windowStart);
  const start = workingTime(
    r,
    instantBetween(r, from, Math.max(from + DAY_MS, profile.until - 45 * DAY_MS)),
    now,
  );
  const target = Math.min(start + r.int(30, 150) * DAY_MS, profile.plan.inactive ? profile.until : Infinity);
  const taskCount = r.int(3, 6);
  const fixedPrice = r.chance(0.3);
  const rate = round2(ITEMS.projectLabour.price * profile.plan.currency.rate);
  const slaId = profile.plan.vip ? 2 : 1;
  const siteIndex = 0;
  const user = profile.siteUsers[0]?.[0];
  if (user === undefined) throw new Error(`client ${profile.client.id} has no contact`);
  const lastTaskEnd = { value: start };
  const agent = ctx.roster.pick(r, TEAM.projects, Math.min(target, now));
  const byAgent = { who: agent.name, agentId: agent.id };
  const status = (id: number) => ({ newStatus: id, newStatusName: lookups.statusName(id) });
  const name = r.pick(PROJECT_NAMES);

  const tasks: TicketDraft[] = [];
  const slot = (target - start) / taskCount;
  for (let index = 0; index < taskCount; index++) {
    const taskStart = Math.floor(start + index * slot + r.float(0, 0.2) * slot);
    const taskEnd = Math.floor(taskStart + slot * r.float(0.5, 0.95));
    lastTaskEnd.value = Math.max(lastTaskEnd.value, taskEnd);
    const createdAt = start + (index + 1) * MINUTE_MS;
    const estimate = r.int(2, 16);
    const actual = estimate * r.logNormal(1, 0.25);
    const closed = taskEnd < now;
    const actions: HaloAction[] = [];
    addAction(actions, {
      outcome: 'new',
      at: createdAt,
      ...byAgent,
      note: `Task created for ${name}.`,
      minutes: 0,
      chargeable: false,
      ...status(STATUS.new),
    });
    const sessions = r.int(1, 3);
    for (let session = 0; session < sessions; session++) {
      const at = Math.floor(taskStart + ((session + 0.5) / sessions) * (taskEnd - taskStart));
      if (at >= now) break;
      addAction(actions, {
        outcome: 'privateNote',
        at,
        ...byAgent,
        note: r.pick(NOTES.taskWork),
        minutes: Math.max(15, Math.round((actual * 60) / sessions / 15) * 15),
        chargeable: true,
        ...status(STATUS.inProgress),
      });
    }
    if (closed) {
      addAction(actions, {
        outcome: 'closed',
        at: taskEnd,
        ...byAgent,
        note: 'Task complete.',
        minutes: 0,
        chargeable: true,
        ...status(STATUS.closed),
      });
    }
    const statusId = closed ? STATUS.closed : taskStart < now ? STATUS.inProgress : STATUS.scheduled;
    const ticket = ticketRecord(lookups, now, {
      profile,
      siteIndex,
      user,
      typeId: TICKET_TYPE.projectTask,
      teamId: TEAM.projects,
      agent,
      slaId,
      priorityId: 4,
      statusId,
      summary: `${name}: ${PROJECT_TASKS[index] ?? `Stage ${index + 1}`}`,
      details: `${PROJECT_TASKS[index] ?? 'Project stage'} for the ${name.toLowerCase()} project.`,
      category: 'Project>Task',
      closure: 'Completed',
      openedAt: createdAt,
      closedAt: closed ? taskEnd : null,
      respondedAt: createdAt,
      respondBy: null,
      fixBy: null,
      startAt: taskStart,
      targetAt: taskEnd,
      deadlineAt: null,
      contract: null,
      actions,
      tags: '',
    });
    ticket.estimate = estimate;
    const billable =
      !fixedPrice && closed && (ticket.chargehours ?? 0) > 0
        ? { hours: ticket.chargehours ?? 0, item: ITEMS.projectLabour, closedAt: taskEnd }
        : null;
    tasks.push({ openedAt: createdAt, ticket, actions, profile, parent: null, billable, milestones: [] });
  }

  const closeAt = Math.max(lastTaskEnd.value, target);
  const closed = closeAt < now && tasks.every((task) => task.ticket.status_id === STATUS.closed);
  const actions: HaloAction[] = [];
  addAction(actions, {
    outcome: 'new',
    at: start,
    ...byAgent,
    note: `${name} for ${profile.client.name}.`,
    minutes: 0,
    chargeable: false,
    ...status(STATUS.new),
  });
  addAction(actions, {
    outcome: 'privateNote',
    at: Math.min(now - 1, start + r.int(1, 5) * DAY_MS),
    ...byAgent,
    note: r.pick(NOTES.projectKickoff),
    minutes: 60,
    chargeable: false,
    ...status(STATUS.inProgress),
  });
  if (closed) {
    addAction(actions, {
      outcome: 'closed',
      at: closeAt,
      ...byAgent,
      note: 'Project complete and handed over.',
      minutes: 0,
      chargeable: false,
      ...status(STATUS.closed),
    });
  }
  const project = ticketRecord(lookups, now, {
    profile,
    siteIndex,
    user,
    typeId: TICKET_TYPE.project,
    teamId: TEAM.projects,
    agent,
    slaId,
    priorityId: 3,
    statusId: closed ? STATUS.closed : STATUS.inProgress,
    summary: name,
    details: `${name} for ${profile.client.name}.`,
    category: 'Project>Delivery',
    closure: 'Completed',
    openedAt: start,
    closedAt: closed ? closeAt : null,
    respondedAt: start,
    respondBy: null,
    fixBy: null,
    startAt: start,
    targetAt: target,
    deadlineAt: target + 14 * DAY_MS,
    contract: null,
    actions,
    tags: 'project',
  });
  const budget = tasks.reduce((sum, task) => sum + (task.ticket.estimate ?? 0), 0);
  const spent = tasks.reduce((sum, task) => sum + (task.ticket.timetaken ?? 0), 0);
  const done = tasks.filter((task) => task.ticket.status_id === STATUS.closed).length;
  Object.assign(project, {
    is_project: true,
    estimate: budget,
    budgettype: fixedPrice ? 'Fixed Price' : 'Time and Materials',
    projecttimebudget: budget,
    projectmoneybudget: round2(budget * rate),
    projecttimeactual: round2(spent),
    projectmoneyactual: round2(spent * rate),
    projecttimepercentage: budget > 0 ? round2((spent / budget) * 100) : 0,
    projectcompletionpercentage: round2((done / taskCount) * 100),
  });
  const draft: TicketDraft = {
    openedAt: start,
    ticket: project,
    actions,
    profile,
    parent: null,
    billable: null,
    milestones: fixedPrice
      ? [
          { at: start, fraction: 0.5, label: 'deposit' },
          ...(closed ? [{ at: closeAt, fraction: 0.5, label: 'completion' }] : []),
        ]
      : [],
  };
  for (const task of tasks) task.parent = draft;
  return [draft, ...tasks];
}
