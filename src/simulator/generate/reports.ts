import type {
  HaloAction,
  HaloAgent,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloTicket,
} from '../../halo/types.js';
import type { SavedReport } from '../dataset.js';
import { DAY_MS, isWeekend, SENTINEL_DATE, wireDate } from './dates.js';
import { round2 } from './money.js';
import type { Random } from './random.js';
import { isClosedStatus } from './tickets.js';

export interface ReportSources {
  clients: readonly HaloClient[];
  agents: readonly HaloAgent[];
  tickets: readonly HaloTicket[];
  actions: readonly HaloAction[];
  contracts: readonly HaloContract[];
  invoices: readonly HaloInvoice[];
}

const GROUPS = {
  serviceDesk: [1, 'Service Desk'],
  finance: [2, 'Finance'],
  resources: [3, 'Resource Management'],
} as const;

/** Saved reports whose rows are computed from the generated data (what `loadreport=true` returns). */
export function buildReports(random: Random, data: ReportSources, today: number): SavedReport[] {
  const definitions: Array<{
    name: string;
    description: string;
    group: readonly [number, string];
    published: boolean;
    rows: Array<Record<string, unknown>>;
  }> = [
    {
      name: 'Open tickets by client',
      description: 'Tickets not in a closed status (Resolved or Closed), per client.',
      group: GROUPS.serviceDesk,
      published: true,
      rows: openTicketsByClient(data.tickets),
    },
    {
      name: 'Invoiced revenue by month',
      description:
        'Net and tax invoiced per month and currency; voided invoices excluded, credit notes negative.',
      group: GROUPS.finance,
      published: true,
      rows: revenueByMonth(data.invoices),
    },
    {
      name: 'Agent utilisation last 30 days',
      description: 'Hours logged on actions in the last 30 days against 7.5 hours per weekday.',
      group: GROUPS.resources,
      published: false,
      rows: agentUtilisation(data.agents, data.actions, today),
    },
    {
      name: 'SLA performance by month',
      description: 'Response and fix SLA outcomes of tickets by month opened.',
      group: GROUPS.serviceDesk,
      published: false,
      rows: slaByMonth(data.tickets),
    },
    {
      name: 'Contracts expiring in the next 90 days',
      description: 'Active contracts whose end date falls within 90 days.',
      group: GROUPS.finance,
      published: false,
      rows: expiringContracts(data.contracts, today),
    },
    {
      name: 'Tickets by type (last 12 months)',
      description: 'Tickets opened in the last 12 months per ticket type.',
      group: GROUPS.serviceDesk,
      published: false,
      rows: ticketsByType(data.tickets, today),
    },
  ];
  return definitions.map((definition, index) => ({
    id: index + 1,
    name: definition.name,
    description: definition.description,
    type: 0,
    group_id: definition.group[0],
    group_name: definition.group[1],
    reportingperiod: 0,
    is_published: definition.published,
    published_id: definition.published ? random.guid() : '',
    rows: definition.rows,
  }));
}

function countBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

function openTicketsByClient(tickets: readonly HaloTicket[]): Array<Record<string, unknown>> {
  const counts = countBy(tickets, (t) => (isClosedStatus(t.status_id) ? null : (t.client_name ?? '')));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([client_name, open_tickets]) => ({ client_name, open_tickets }));
}

function revenueByMonth(invoices: readonly HaloInvoice[]): Array<Record<string, unknown>> {
  const rows = new Map<
    string,
    { month: string; currency: string; invoices: number; net: number; tax: number }
  >();
  for (const invoice of invoices) {
    if (invoice.voided) continue;
    const month = (invoice.invoice_date ?? '').slice(0, 7);
    const currency = invoice.currency ?? '';
    const key = `${month}|${currency}`;
    const row = rows.get(key) ?? { month, currency, invoices: 0, net: 0, tax: 0 };
    row.invoices++;
    row.net += (invoice.total ?? 0) - (invoice.tax_total ?? 0);
    row.tax += invoice.tax_total ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort((a, b) => a.month.localeCompare(b.month) || a.currency.localeCompare(b.currency))
    .map((row) => ({
      month: row.month,
      currency: row.currency,
      invoice_count: row.invoices,
      net_total: round2(row.net),
      tax_total: round2(row.tax),
    }));
}

function agentUtilisation(
  agents: readonly HaloAgent[],
  actions: readonly HaloAction[],
  today: number,
): Array<Record<string, unknown>> {
  const from = wireDate(today - 30 * DAY_MS);
  const to = wireDate(today);
  let weekdays = 0;
  for (let day = today - 30 * DAY_MS; day < today; day += DAY_MS) if (!isWeekend(day)) weekdays++;
  const capacity = weekdays * 7.5;
  const logged = new Map<number, { hours: number; charge: number }>();
  for (const action of actions) {
    // Wire datetimes share one fixed-width prefix, so text order is time order.
    const at = action.datetime ?? SENTINEL_DATE;
    const agentId = action.who_agentid ?? -1;
    if (agentId <= 1 || at < from || at >= to) continue;
    const sum = logged.get(agentId) ?? { hours: 0, charge: 0 };
    sum.hours += action.timetaken ?? 0;
    sum.charge += action.actionchargehours ?? 0;
    logged.set(agentId, sum);
  }
  return agents
    .filter((agent) => agent.id !== 1 && !agent.isdisabled)
    .map((agent) => {
      const sum = logged.get(agent.id) ?? { hours: 0, charge: 0 };
      return {
        agent_name: agent.name,
        hours_logged: round2(sum.hours),
        chargeable_hours: round2(sum.charge),
        utilisation_percent: capacity > 0 ? round2((sum.hours / capacity) * 100) : 0,
      };
    })
    .sort((a, b) => b.hours_logged - a.hours_logged || a.agent_name.localeCompare(b.agent_name));
}

function slaByMonth(tickets: readonly HaloTicket[]): Array<Record<string, unknown>> {
  const rows = new Map<string, Record<string, number | string>>();
  for (const ticket of tickets) {
    if (ticket.excludefromsla) continue;
    const month = (ticket.dateoccurred ?? '').slice(0, 7);
    const row = rows.get(month) ?? {
      month,
      tickets_opened: 0,
      response_met: 0,
      response_breached: 0,
      fix_met: 0,
      fix_breached: 0,
    };
    const bump = (key: string) => {
      row[key] = (row[key] as number) + 1;
    };
    bump('tickets_opened');
    if (ticket.slaresponsestate === 'I') bump('response_met');
    if (ticket.slaresponsestate === 'O') bump('response_breached');
    if (ticket.slastate === 'I') bump('fix_met');
    if (ticket.slastate === 'O') bump('fix_breached');
    rows.set(month, row);
  }
  return [...rows.values()].sort((a, b) => String(a.month).localeCompare(String(b.month)));
}

function expiringContracts(
  contracts: readonly HaloContract[],
  today: number,
): Array<Record<string, unknown>> {
  const from = wireDate(today);
  const to = wireDate(today + 90 * DAY_MS);
  return contracts
    .filter(
      (c) =>
        c.active && c.end_date !== SENTINEL_DATE && (c.end_date ?? '') >= from && (c.end_date ?? '') <= to,
    )
    .sort((a, b) => (a.end_date ?? '').localeCompare(b.end_date ?? ''))
    .map((c) => ({
      contract_ref: c.ref ?? '',
      client_name: c.client_name ?? '',
      contracttype_name: c.contracttype_name ?? '',
      end_date: c.end_date ?? '',
    }));
}

function ticketsByType(tickets: readonly HaloTicket[], today: number): Array<Record<string, unknown>> {
  const from = wireDate(today - 365 * DAY_MS);
  const counts = countBy(tickets, (t) => ((t.dateoccurred ?? '') >= from ? (t.tickettype_name ?? '') : null));
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([tickettype_name, count]) => ({ tickettype_name, tickets: count }));
}
