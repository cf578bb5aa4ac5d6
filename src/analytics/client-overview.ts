import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloTicket,
} from '../halo/types.js';
import { computeClientRevenue, isContractActive } from '../revenue/index.js';
import type { ClientRevenue, MonthRevenue } from '../revenue/types.js';
import { type BlockHours, blockHoursOf } from './block-hours.js';
import { addDays, dayOf as dayIn, daysBetween, hasText, type Period, positive, round2 } from './common.js';
import { computeReceivables, type ReceivableTotal } from './receivables.js';
import { computeSlaPerformance, type SlaFigures } from './sla.js';
import { actionAgentId, computeUnbilledTime, isTimeEntry, type UnbilledTotals } from './unbilled-time.js';

// docs/analytics.md §5: one client's quarter at a glance, from records read once and shared.

export const WARRANTY_DAYS = 90;
const TOP_TYPES = 5;

export interface TypeCount {
  name: string | null;
  count: number;
}

export interface ActiveContract {
  id: number;
  reference: string | null;
  type: string | null;
  endDate: string | null;
  daysLeft: number | null;
  blockHours: BlockHours | null;
}

export interface AgentLabour {
  agentId: number | null;
  agentName: string | null;
  hours: number;
  costPrice: number | null;
  cost: number | null;
}

export interface Labour {
  /** Hours x `costprice` of the agents that carry one. */
  cost: number | null;
  /** Hours logged by agents without a `costprice`. */
  uncostedHours: number;
  /** Invoiced total (ex-tax) minus labour cost; null when a cost or the currency is missing. */
  margin: number | null;
  marginShare: number | null;
  agents: AgentLabour[];
}

export interface ClientOverview {
  client: { id: number; name: string };
  period: Period;
  today: string;
  service: {
    opened: number;
    closed: number;
    openNow: number;
    topTypes: TypeCount[];
    chargeableHours: number;
    nonChargeableHours: number;
    sla: SlaFigures;
  };
  money: {
    currency: string | null;
    mrr: number;
    arr: number;
    recurring: number | null;
    nonRecurring: number | null;
    invoicedTotal: number | null;
    /** The period's calendar months (revenue core, docs/revenue.md §5); empty when currencies mix. */
    months: MonthRevenue[];
    unbilled: UnbilledTotals;
    receivables: ReceivableTotal[];
  };
  agreements: ActiveContract[];
  estate: {
    assetCount: number;
    byType: TypeCount[];
    warrantiesEnding: Array<{ id: number; name: string | null; type: string | null; warrantyEnd: string }>;
  };
  labour: Labour | null;
  warnings: string[];
}

export interface OverviewInput {
  client: HaloClient;
  period: Period;
  today: string;
  now: string;
  opened: readonly HaloTicket[];
  closed: readonly HaloTicket[];
  open: readonly HaloTicket[];
  /** Tickets whose actions were read (open, or closed since the period began). */
  worked: readonly HaloTicket[];
  actionsOf: (ticketId: number) => readonly HaloAction[];
  isClosed: (ticket: HaloTicket) => boolean;
  templates: HaloInvoice[];
  contracts: HaloContract[];
  /** The client's invoices, every date (period ones feed revenue, open ones receivables). */
  invoices: HaloInvoice[];
  assets: readonly HaloAsset[];
  agents: readonly HaloAgent[];
  timeZone?: string;
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null, limit?: number): TypeCount[] {
  const counts = new Map<string | null, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  const rows = [...counts].map(([name, count]) => ({ name, count }));
  rows.sort((a, b) => b.count - a.count || String(a.name).localeCompare(String(b.name)));
  return limit === undefined ? rows : rows.slice(0, limit);
}

function inPeriod(day: string | null, period: Period): boolean {
  return day !== null && day >= period.from && day <= period.to;
}

function labourOf(
  entries: ReadonlyArray<{ action: HaloAction; hours: number }>,
  agents: readonly HaloAgent[],
  revenue: ClientRevenue,
  warnings: string[],
): Labour | null {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const hours = new Map<number | null, { name: string | null; hours: number }>();
  for (const { action, hours: h } of entries) {
    const id = actionAgentId(action);
    const row = hours.get(id) ?? {
      name: (id !== null ? byId.get(id)?.name : null) ?? action.who ?? null,
      hours: 0,
    };
    row.hours += h;
    hours.set(id, row);
  }
  const rows: AgentLabour[] = [...hours].map(([agentId, row]) => {
    const costPrice = agentId !== null ? positive(byId.get(agentId)?.costprice) : null;
    return {
      agentId,
      agentName: row.name,
      hours: row.hours,
      costPrice,
      cost: costPrice === null ? null : row.hours * costPrice,
    };
  });
  const costed = rows.filter((r) => r.cost !== null);
  if (rows.length > 0 && costed.length === 0) {
    warnings.push(
      'No agent who logged time for this client carries a costprice, so labour cost and margin are omitted.',
    );
    return null;
  }
  if (rows.length === 0) return null;
  const cost = costed.reduce((t, r) => t + (r.cost ?? 0), 0);
  const uncosted = rows.filter((r) => r.cost === null).reduce((t, r) => t + r.hours, 0);
  const invoiced = revenue.invoiced?.total ?? null;
  let margin: number | null = null;
  if (uncosted > 0) {
    warnings.push(
      `${round2(uncosted)} hour(s) were logged by agents without a costprice; labour cost covers the others only and margin is not given.`,
    );
  } else if (invoiced === null) {
    warnings.push('Invoices in the period mix currencies, so margin is not given.');
  } else {
    margin = invoiced - cost;
  }
  return {
    cost: round2(cost),
    uncostedHours: round2(uncosted),
    margin: margin === null ? null : round2(margin),
    marginShare: margin === null || !invoiced ? null : round2(margin / invoiced),
    agents: rows
      .map((r) => ({ ...r, hours: round2(r.hours), cost: r.cost === null ? null : round2(r.cost) }))
      .sort((a, b) => b.hours - a.hours),
  };
}

export function computeClientOverview(input: OverviewInput): ClientOverview {
  const { client, period, today } = input;
  const tz = input.timeZone ?? 'UTC';
  const dayOf = (value: string | null | undefined) => dayIn(value, tz);
  const warnings: string[] = [];

  const sla = computeSlaPerformance({
    opened: input.opened,
    open: input.open,
    period,
    now: input.now,
    groupBy: null,
    atRiskHours: 24,
    limit: 0,
    isClosed: input.isClosed,
    timeZone: tz,
  });
  warnings.push(...sla.warnings);

  let chargeable = 0;
  let nonChargeable = 0;
  const logged: Array<{ action: HaloAction; hours: number }> = [];
  for (const ticket of input.worked) {
    for (const action of input.actionsOf(ticket.id)) {
      if (!isTimeEntry(action) || !inPeriod(dayOf(action.datetime), period)) continue;
      const charge = action.actionchargehours ?? 0;
      const nonCharge = action.actionnonchargehours ?? Math.max(0, (action.timetaken ?? 0) - charge);
      chargeable += charge;
      nonChargeable += nonCharge;
      logged.push({ action, hours: Math.max(action.timetaken ?? 0, charge + nonCharge) });
    }
  }

  const periodInvoices = input.invoices.filter((i) => inPeriod(dayOf(i.invoice_date), period));
  const revenue = computeClientRevenue({
    client,
    templates: input.templates,
    contracts: input.contracts,
    invoices: periodInvoices,
    from: period.from,
    to: period.to,
    today,
    timeZone: tz,
  });
  warnings.push(...revenue.warnings);

  const unbilled = computeUnbilledTime({
    tickets: input.worked,
    actionsOf: input.actionsOf,
    period,
    today,
    clientLimit: 1,
    largestLimit: 0,
    timeZone: tz,
  });
  warnings.push(...unbilled.warnings);
  const receivables = computeReceivables({ invoices: input.invoices, today, limit: 1, timeZone: tz });
  warnings.push(...receivables.warnings);

  const allActions = input.worked.flatMap((t) => input.actionsOf(t.id));
  const agreements = input.contracts
    .filter((c) => isContractActive(c, today))
    .map((c) => {
      const end = dayOf(c.end_date);
      return {
        id: c.id,
        reference: c.ref ?? null,
        type: c.contracttype_name ?? null,
        endDate: end,
        daysLeft: end === null ? null : daysBetween(today, end),
        blockHours: blockHoursOf(c, allActions, today, warnings, tz),
      };
    })
    .sort((a, b) => (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') || a.id - b.id);

  const warrantyEnd = addDays(today, WARRANTY_DAYS);
  const assets = input.assets.filter((a) => a.inactive !== true);
  const nameOf = (a: HaloAsset) => (hasText(a.key_field) ? a.key_field : (a.inventory_number ?? null));
  const warrantiesEnding = assets
    .map((a) => ({ asset: a, end: dayOf(a.warranty_end) }))
    .filter(
      (x): x is { asset: HaloAsset; end: string } => x.end !== null && x.end >= today && x.end <= warrantyEnd,
    )
    .sort((a, b) => a.end.localeCompare(b.end) || a.asset.id - b.asset.id)
    .map(({ asset, end }) => ({
      id: asset.id,
      name: nameOf(asset),
      type: asset.assettype_name ?? null,
      warrantyEnd: end,
    }));

  const single = revenue.invoiced;
  return {
    client: { id: client.id, name: client.name },
    period,
    today,
    service: {
      opened: input.opened.length,
      closed: input.closed.filter((t) => inPeriod(dayOf(t.dateclosed), period)).length,
      openNow: input.open.filter((t) => !input.isClosed(t)).length,
      topTypes: countBy(input.opened, (t) => t.tickettype_name ?? null, TOP_TYPES),
      chargeableHours: round2(chargeable),
      nonChargeableHours: round2(nonChargeable),
      sla: sla.overall,
    },
    money: {
      currency: revenue.currency,
      mrr: revenue.contracted.mrr,
      arr: revenue.contracted.arr,
      recurring: single?.recurring ?? null,
      nonRecurring: single?.non_recurring ?? null,
      invoicedTotal: single?.total ?? null,
      months: single?.months ?? [],
      unbilled: unbilled.totals,
      receivables: receivables.totals,
    },
    agreements,
    estate: {
      assetCount: assets.length,
      byType: countBy(assets, (a) => a.assettype_name ?? null),
      warrantiesEnding,
    },
    labour: labourOf(logged, input.agents, revenue, warnings),
    warnings,
  };
}
