import type { HaloTicket } from '../halo/types.js';
import { dayOf, hasText, type Period, positiveId, round2 } from './common.js';

// docs/analytics.md §3: response and resolution against target, per group, and tickets at risk.

export type Verdict = 'met' | 'breached' | 'pending' | 'no_target';
export type SlaGroupBy = 'client' | 'team' | 'agent';

export interface Measure {
  met: number;
  breached: number;
  /** Open and not yet past the target: no verdict yet. */
  pending: number;
  noTarget: number;
  /** met / (met + breached) x 100, 2 decimals; null when nothing has a verdict. */
  compliance: number | null;
}

export interface SlaFigures {
  ticketCount: number;
  /** Projects, `excludefromsla` and tickets without any SLA: counted apart. */
  excludedCount: number;
  response: Measure;
  resolution: Measure;
}

export interface SlaGroup extends SlaFigures {
  key: number | string | null;
  name: string | null;
}

export interface BreachedTicket {
  ticketId: number;
  summary: string | null;
  clientName: string | null;
  agentName: string | null;
  measure: 'response' | 'resolution';
  target: string;
  /** When it was met late (response / closure); null when still open. */
  actual: string | null;
  /** Halo's own `slastate` / `slaresponsestate` (I inside, O outside) where present. */
  haloState: string | null;
}

export interface AtRiskTicket {
  ticketId: number;
  summary: string | null;
  clientId: number | null;
  clientName: string | null;
  agentName: string | null;
  team: string | null;
  fixBy: string;
  hoursLeft: number;
}

export interface SlaPerformance {
  period: Period;
  now: string;
  groupBy: SlaGroupBy | null;
  overall: SlaFigures;
  groups: SlaGroup[];
  breaches: BreachedTicket[];
  breachCount: number;
  atRisk: AtRiskTicket[];
  atRiskCount: number;
  atRiskHours: number;
  /** Breached verdicts where Halo's own state says inside (I). */
  disagreements: number;
  warnings: string[];
}

export interface SlaInput {
  /** Tickets opened in the period (already narrowed to the client / team / agent). */
  opened: readonly HaloTicket[];
  /** Open tickets now, same narrowing (for "at risk"). */
  open: readonly HaloTicket[];
  period: Period;
  now: string;
  groupBy: SlaGroupBy | null;
  atRiskHours: number;
  limit: number;
  isClosed: (ticket: HaloTicket) => boolean;
  timeZone?: string;
}

function before(a: string, b: string): boolean {
  return Date.parse(a) <= Date.parse(b);
}

/** Response verdict: met when responded by the target, breached when late or still unanswered past it. */
export function responseVerdict(ticket: HaloTicket, now: string): Verdict {
  const target = ticket.respondbydate;
  if (!target) return 'no_target';
  if (ticket.responsedate) return before(ticket.responsedate, target) ? 'met' : 'breached';
  return before(now, target) ? 'pending' : 'breached';
}

/** Resolution verdict: met when closed by the target, breached when closed late or open past it. */
export function resolutionVerdict(ticket: HaloTicket, closed: boolean, now: string): Verdict {
  const target = ticket.fixbydate;
  if (!target) return 'no_target';
  if (closed) {
    if (!ticket.dateclosed) return 'pending';
    return before(ticket.dateclosed, target) ? 'met' : 'breached';
  }
  return before(now, target) ? 'pending' : 'breached';
}

/** Counted apart: projects, `excludefromsla`, or no SLA at all (no sla_id and no targets). */
export function isExcluded(ticket: HaloTicket): boolean {
  if (ticket.is_project === true || ticket.excludefromsla === true) return true;
  return positiveId(ticket.sla_id) === null && !ticket.respondbydate && !ticket.fixbydate;
}

function emptyMeasure(): Measure {
  return { met: 0, breached: 0, pending: 0, noTarget: 0, compliance: null };
}

function emptyFigures(): SlaFigures {
  return { ticketCount: 0, excludedCount: 0, response: emptyMeasure(), resolution: emptyMeasure() };
}

function count(measure: Measure, verdict: Verdict): void {
  if (verdict === 'met') measure.met++;
  else if (verdict === 'breached') measure.breached++;
  else if (verdict === 'pending') measure.pending++;
  else measure.noTarget++;
}

function finish(figures: SlaFigures): SlaFigures {
  const pct = (m: Measure) =>
    m.met + m.breached === 0 ? null : round2((100 * m.met) / (m.met + m.breached));
  return {
    ...figures,
    response: { ...figures.response, compliance: pct(figures.response) },
    resolution: { ...figures.resolution, compliance: pct(figures.resolution) },
  };
}

function groupOf(ticket: HaloTicket, by: SlaGroupBy): { key: number | string | null; name: string | null } {
  if (by === 'client') return { key: positiveId(ticket.client_id), name: ticket.client_name ?? null };
  if (by === 'agent') return { key: positiveId(ticket.agent_id), name: ticket.agent_name ?? null };
  const team = hasText(ticket.team) ? ticket.team : null;
  return { key: positiveId(ticket.team_id) ?? team, name: team };
}

/** Halo's I (inside) against a breach, or O (outside) against a met target. */
function disagrees(verdict: Verdict, state: string | null): boolean {
  return (verdict === 'breached' && state === 'I') || (verdict === 'met' && state === 'O');
}

function haloState(value: string | undefined): string | null {
  return hasText(value) ? value.trim().toUpperCase() : null;
}

export function computeSlaPerformance(input: SlaInput): SlaPerformance {
  const { now, period } = input;
  const warnings: string[] = [];
  const overall = emptyFigures();
  const groups = new Map<string, SlaGroup>();
  const breaches: BreachedTicket[] = [];
  let disagreements = 0;
  let outsidePeriod = 0;

  for (const ticket of input.opened) {
    const opened = dayOf(ticket.dateoccurred, input.timeZone);
    if (opened === null || opened < period.from || opened > period.to) {
      outsidePeriod++;
      continue;
    }
    const target: SlaFigures[] = [overall];
    if (input.groupBy) {
      const { key, name } = groupOf(ticket, input.groupBy);
      const id = String(key);
      let group = groups.get(id);
      if (!group) {
        group = { key, name, ...emptyFigures() };
        groups.set(id, group);
      }
      target.push(group);
    }
    for (const figures of target) figures.ticketCount++;
    if (isExcluded(ticket)) {
      for (const figures of target) figures.excludedCount++;
      continue;
    }
    const closed = input.isClosed(ticket);
    const response = responseVerdict(ticket, now);
    const resolution = resolutionVerdict(ticket, closed, now);
    for (const figures of target) {
      count(figures.response, response);
      count(figures.resolution, resolution);
    }
    const base = {
      ticketId: ticket.id,
      summary: ticket.summary ?? null,
      clientName: ticket.client_name ?? null,
      agentName: ticket.agent_name ?? null,
    };
    const responseState = haloState(ticket.slaresponsestate);
    const fixState = haloState(ticket.slastate);
    if (disagrees(response, responseState)) disagreements++;
    if (disagrees(resolution, fixState)) disagreements++;
    if (response === 'breached') {
      breaches.push({
        ...base,
        measure: 'response',
        target: ticket.respondbydate!,
        actual: ticket.responsedate ?? null,
        haloState: responseState,
      });
    }
    if (resolution === 'breached') {
      breaches.push({
        ...base,
        measure: 'resolution',
        target: ticket.fixbydate!,
        actual: closed ? (ticket.dateclosed ?? null) : null,
        haloState: fixState,
      });
    }
  }
  if (outsidePeriod > 0) {
    warnings.push(`${outsidePeriod} ticket(s) Halo sent were opened outside the period and are left out.`);
  }
  if (disagreements > 0) {
    warnings.push(
      `${disagreements} verdict(s) disagree with Halo's own slastate / slaresponsestate (I inside, O outside); the figures follow the dates.`,
    );
  }

  const horizon = Date.parse(now) + input.atRiskHours * 3_600_000;
  const atRisk = input.open
    .filter((t) => !input.isClosed(t) && !isExcluded(t) && t.fixbydate)
    .filter((t) => {
      const at = Date.parse(t.fixbydate!);
      return at > Date.parse(now) && at <= horizon;
    })
    .sort((a, b) => Date.parse(a.fixbydate!) - Date.parse(b.fixbydate!) || a.id - b.id)
    .map((t) => ({
      ticketId: t.id,
      summary: t.summary ?? null,
      clientId: positiveId(t.client_id),
      clientName: t.client_name ?? null,
      agentName: t.agent_name ?? null,
      team: hasText(t.team) ? t.team : null,
      fixBy: t.fixbydate!,
      hoursLeft: round2((Date.parse(t.fixbydate!) - Date.parse(now)) / 3_600_000),
    }));

  const sortedGroups = [...groups.values()]
    .map((g) => ({ ...g, ...finish(g) }))
    .sort((a, b) => b.ticketCount - a.ticketCount || String(a.name).localeCompare(String(b.name)));
  return {
    period,
    now,
    groupBy: input.groupBy,
    overall: finish(overall),
    groups: sortedGroups,
    breaches: breaches.slice(0, input.limit),
    breachCount: breaches.length,
    atRisk: atRisk.slice(0, input.limit),
    atRiskCount: atRisk.length,
    atRiskHours: input.atRiskHours,
    disagreements,
    warnings,
  };
}
