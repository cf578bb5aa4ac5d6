import type { HaloAction, HaloTicket } from '../halo/types.js';
import {
  AGE_BUCKETS,
  type AgeBucket,
  ageBucket,
  dayOf,
  daysBetween,
  hasText,
  largestBy,
  type Period,
  positive,
  positiveId,
  round2,
} from './common.js';

// docs/analytics.md §1: billable time not invoiced yet, per client, aged, valued.

export type ValueSource = 'amount' | 'rate' | 'unknown';

export interface UnbilledEntry {
  ticketId: number;
  ticketSummary: string | null;
  clientId: number | null;
  clientName: string | null;
  actionId: number;
  agentId: number | null;
  agentName: string | null;
  date: string;
  ageDays: number;
  hours: number;
  /** null when neither an amount nor a rate is given. */
  value: number | null;
  valueSource: ValueSource;
}

export interface HoursAndValue {
  hours: number;
  value: number;
}

export type Buckets = Record<AgeBucket, HoursAndValue>;

export interface UnbilledClient {
  clientId: number | null;
  clientName: string | null;
  hours: number;
  /** Sum of the known values. */
  value: number;
  /** Hours whose value is unknown (no amount, no rate). */
  unvaluedHours: number;
  entryCount: number;
  ticketCount: number;
  oldestEntry: string;
  buckets: Buckets;
  /** Billable hours covered by prepay (reported apart, not leakage). */
  prepayHours: number;
}

export interface UnbilledTotals {
  hours: number;
  value: number;
  unvaluedHours: number;
  entryCount: number;
  ticketCount: number;
  clientCount: number;
  buckets: Buckets;
  prepayHours: number;
  prepayEntryCount: number;
}

export interface UnbilledTime {
  period: Period;
  today: string;
  clients: UnbilledClient[];
  totalClients: number;
  truncated: boolean;
  largest: UnbilledEntry[];
  totals: UnbilledTotals;
  /** Tickets whose actions were read to confirm them. */
  ticketsExamined: number;
  warnings: string[];
}

export interface UnbilledInput {
  tickets: readonly HaloTicket[];
  /** The actions of each ticket given (a ticket missing here contributes nothing). */
  actionsOf: (ticketId: number) => readonly HaloAction[];
  period: Period;
  today: string;
  agentId?: number | null;
  /** Most clients listed (totals cover all); most entries in `largest`. */
  clientLimit: number;
  largestLimit: number;
  /** Agent names by id, for entries whose `who` is blank. */
  agentName?: (id: number) => string | null;
  /** The tenant's time zone for entry days (default UTC). */
  timeZone?: string;
}

/** A time entry: an action with time taken or chargeable hours. */
export function isTimeEntry(action: HaloAction): boolean {
  return (action.timetaken ?? 0) > 0 || (action.actionchargehours ?? 0) > 0;
}

/** Billable: chargeable hours, unless Halo marks the action not billable. */
export function isBillable(action: HaloAction): boolean {
  return (action.actionchargehours ?? 0) > 0 && action.actisbillable !== false;
}

/** Not invoiced: no invoice number and no positive invoice id. */
export function isUninvoiced(action: HaloAction): boolean {
  return !hasText(action.actioninvoicenumber) && positiveId(action.invoice_id) === null;
}

/** Who logged the action: the agent author, else the agent it was logged for. */
export function actionAgentId(action: HaloAction): number | null {
  return positiveId(action.who_agentid) ?? positiveId(action.actionby_agent_id);
}

/** Value of `hours` of an entry: its amount (pro rata), else hours x rate, else unknown. */
function entryValue(action: HaloAction, hours: number): { value: number | null; source: ValueSource } {
  const charged = action.actionchargehours ?? 0;
  const amount = positive(action.actionchargeamount);
  if (amount !== null) return { value: charged > 0 ? (amount * hours) / charged : amount, source: 'amount' };
  const rate = positive(action.chargerate);
  if (rate !== null) return { value: hours * rate, source: 'rate' };
  return { value: null, source: 'unknown' };
}

function emptyBuckets(): Buckets {
  return Object.fromEntries(AGE_BUCKETS.map((b) => [b, { hours: 0, value: 0 }])) as Buckets;
}

function roundBuckets(buckets: Buckets): Buckets {
  return Object.fromEntries(
    AGE_BUCKETS.map((b) => [b, { hours: round2(buckets[b].hours), value: round2(buckets[b].value) }]),
  ) as Buckets;
}

interface ClientAcc {
  clientId: number | null;
  clientName: string | null;
  hours: number;
  value: number;
  unvaluedHours: number;
  entryCount: number;
  tickets: Set<number>;
  oldestEntry: string;
  buckets: Buckets;
  prepayHours: number;
}

export function computeUnbilledTime(input: UnbilledInput): UnbilledTime {
  const { period, today } = input;
  const warnings: string[] = [];
  const clients = new Map<number, ClientAcc>();
  const entries: UnbilledEntry[] = [];
  const totals = emptyBuckets();
  const counts = { rate: 0, unknown: 0, prepay: 0, prepayHours: 0, undated: 0 };

  const accFor = (ticket: HaloTicket): ClientAcc => {
    const key = positiveId(ticket.client_id) ?? -1;
    let acc = clients.get(key);
    if (!acc) {
      acc = {
        clientId: key > 0 ? key : null,
        clientName: ticket.client_name ?? null,
        hours: 0,
        value: 0,
        unvaluedHours: 0,
        entryCount: 0,
        tickets: new Set(),
        oldestEntry: '9999-12-31',
        buckets: emptyBuckets(),
        prepayHours: 0,
      };
      clients.set(key, acc);
    }
    return acc;
  };

  for (const ticket of input.tickets) {
    for (const action of input.actionsOf(ticket.id)) {
      if (!isTimeEntry(action) || !isBillable(action) || !isUninvoiced(action)) continue;
      const agentId = actionAgentId(action);
      if (input.agentId != null && agentId !== input.agentId) continue;
      const date = dayOf(action.datetime, input.timeZone);
      if (date === null) {
        counts.undated++;
        continue;
      }
      if (date < period.from || date > period.to) continue;
      const charged = action.actionchargehours ?? 0;
      const prepay = Math.min(charged, positive(action.actionprepayhours) ?? 0);
      const acc = accFor(ticket);
      if (prepay > 0) {
        counts.prepay++;
        counts.prepayHours += prepay;
        acc.prepayHours += prepay;
      }
      const hours = charged - prepay;
      if (hours <= 1e-9) continue;
      const { value, source } = entryValue(action, hours);
      if (source === 'rate') counts.rate++;
      if (source === 'unknown') counts.unknown++;
      const ageDays = daysBetween(date, today);
      const bucket = ageBucket(ageDays);
      acc.hours += hours;
      acc.value += value ?? 0;
      if (value === null) acc.unvaluedHours += hours;
      acc.entryCount++;
      acc.tickets.add(ticket.id);
      if (date < acc.oldestEntry) acc.oldestEntry = date;
      acc.buckets[bucket].hours += hours;
      acc.buckets[bucket].value += value ?? 0;
      totals[bucket].hours += hours;
      totals[bucket].value += value ?? 0;
      entries.push({
        ticketId: ticket.id,
        ticketSummary: ticket.summary ?? null,
        clientId: acc.clientId,
        clientName: acc.clientName,
        actionId: action.id,
        agentId,
        agentName: hasText(action.who)
          ? action.who
          : agentId !== null
            ? (input.agentName?.(agentId) ?? null)
            : null,
        date,
        ageDays,
        hours,
        value,
        valueSource: source,
      });
    }
  }

  if (counts.rate > 0) {
    warnings.push(
      `${counts.rate} entr${counts.rate === 1 ? 'y has' : 'ies have'} no actionchargeamount; rate used: value = actionchargehours x chargerate (chargerate's meaning is unverified: on some tenants it is a rate id).`,
    );
  }
  if (counts.unknown > 0) {
    warnings.push(
      `${counts.unknown} entr${counts.unknown === 1 ? 'y has' : 'ies have'} neither actionchargeamount nor chargerate: counted in hours, value unknown (see unvaluedHours).`,
    );
  }
  if (counts.undated > 0) {
    warnings.push(`${counts.undated} billable uninvoiced entries have no date (datetime) and are left out.`);
  }

  const rows = [...clients.values()].filter((c) => c.entryCount > 0);
  rows.sort((a, b) => b.value - a.value || b.hours - a.hours || (a.clientId ?? 0) - (b.clientId ?? 0));
  const all = [...clients.values()];
  const sumOf = (pick: (c: ClientAcc) => number) => all.reduce((t, c) => t + pick(c), 0);
  return {
    period,
    today,
    clients: rows.slice(0, input.clientLimit).map((c) => ({
      clientId: c.clientId,
      clientName: c.clientName,
      hours: round2(c.hours),
      value: round2(c.value),
      unvaluedHours: round2(c.unvaluedHours),
      entryCount: c.entryCount,
      ticketCount: c.tickets.size,
      oldestEntry: c.oldestEntry,
      buckets: roundBuckets(c.buckets),
      prepayHours: round2(c.prepayHours),
    })),
    totalClients: rows.length,
    truncated: rows.length > input.clientLimit,
    largest: largestBy(entries, (e) => e.value ?? -1 / (1 + e.hours), input.largestLimit).map((e) => ({
      ...e,
      hours: round2(e.hours),
      value: e.value === null ? null : round2(e.value),
    })),
    totals: {
      hours: round2(sumOf((c) => c.hours)),
      value: round2(sumOf((c) => c.value)),
      unvaluedHours: round2(sumOf((c) => c.unvaluedHours)),
      entryCount: sumOf((c) => c.entryCount),
      ticketCount: sumOf((c) => c.tickets.size),
      clientCount: rows.length,
      buckets: roundBuckets(totals),
      prepayHours: round2(counts.prepayHours),
      prepayEntryCount: counts.prepay,
    },
    ticketsExamined: input.tickets.length,
    warnings,
  };
}
