import type { HaloClient } from '../../src/halo/client.js';
import { HALO_MAX_PAGE_SIZE, type QueryParams, type ResourceName } from '../../src/halo/resources.js';
import { isContractActive, resolvePeriod } from '../../src/revenue/index.js';
import type { ToolArgs } from '../baseline/index.js';
import { ANALYTICS_MINIMUMS } from './analytics-minimums.js';

/** The fewest `/api` requests that can answer a call, and what they are. */
export interface Minimum {
  requests: number;
  reads: string;
}

type Rule = (probe: Probe, args: ToolArgs) => Promise<Minimum>;

/**
 * Reads used only to size the minimum (never during a measured run): Halo's `record_count` on
 * one-row pages, and the few records whose links decide what else must be read.
 */
export class Probe {
  constructor(
    readonly halo: HaloClient,
    readonly today: string,
  ) {}

  async count(resource: ResourceName, query: QueryParams): Promise<number> {
    return (await this.halo.list(resource, query, { pageNo: 1, pageSize: 1 })).recordCount;
  }

  /** Pages of 100 needed to read every match (an empty answer is still one request). */
  async pages(resource: ResourceName, query: QueryParams): Promise<number> {
    return Math.max(1, Math.ceil((await this.count(resource, query)) / HALO_MAX_PAGE_SIZE));
  }
}

const fixed =
  (requests: number, reads: string): Rule =>
  async () => ({ requests, reads });

const sum = (...parts: Array<[number, string]>): Minimum => ({
  requests: parts.reduce((n, [count]) => n + count, 0),
  reads: parts.map(([count, what]) => `${count} ${what}`).join(' + '),
});

const positive = (id: number | null | undefined) => (id != null && id > 0 ? 1 : 0);

function period(probe: Probe) {
  const p = resolvePeriod({ today: probe.today });
  if ('error' in p) throw new Error(p.error);
  return { invoicedatestart: `${p.from}T00:00:00.000Z`, invoicedateend: `${p.to}T23:59:59.999Z` };
}

/** Contract detail reads the run-rate needs: one per distinct billing code of an active contract. */
async function billingPeriodReads(probe: Probe, query: QueryParams): Promise<number> {
  const contracts = (await probe.halo.list('contracts', { ...query, includeinactive: true })).records;
  const codes = new Set<number | string>();
  for (const c of contracts) {
    if (c.billing_period_string?.trim() || !isContractActive(c, probe.today)) continue;
    codes.add(typeof c.billingperiod === 'number' ? c.billingperiod : `contract ${c.id}`);
  }
  return codes.size;
}

async function revenueMinimum(probe: Probe, filter: QueryParams): Promise<Minimum> {
  return sum(
    [await probe.pages('recurringInvoices', filter), 'template pages'],
    [await probe.pages('contracts', { ...filter, includeinactive: true }), 'contract pages'],
    [await probe.pages('invoices', { ...filter, ...period(probe) }), 'invoice pages'],
    [await billingPeriodReads(probe, filter), 'contract details (billing period text)'],
  );
}

const RULES: Record<string, Rule> = {
  list_tickets: fixed(1, 'ticket page (rows name client, agent, status, type, team)'),
  get_ticket: async (probe, args) => {
    const ticket = await probe.halo.getOne('tickets', Number(args.ticket_id));
    return sum([1, 'ticket'], [1, 'actions'], [positive(ticket.parent_id), 'parent']);
  },
  list_actions: async (probe, args) => {
    const tickets = Math.min(50, await probe.count('tickets', { client_id: args.client_id }));
    return sum([1, 'ticket page'], [tickets, 'action reads (Halo reads actions per ticket)']);
  },
  list_agents: async (probe) => {
    const agents = (await probe.halo.list('agents', {})).records
      .filter((a) => a.id !== 1 && a.isdisabled !== true)
      .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id)
      .slice(0, 25);
    const open = await probe.pages('tickets', { open_only: true, agent: agents.map((a) => a.id).join(',') });
    return sum([1, 'agent list (rows name teams)'], [Math.min(open, agents.length), 'open-ticket pages']);
  },
  get_client: async (probe, args) =>
    sum(
      [1, 'client (names its account manager)'],
      [await probe.pages('sites', { client_id: args.client_id, includeinactive: true }), 'site pages'],
      [await probe.pages('users', { client_id: args.client_id }), 'contact pages'],
    ),
  list_clients: fixed(1, 'client page'),
  list_contracts: async (probe, args) =>
    sum([
      await probe.pages('contracts', { client_id: args.client_id, includeinactive: true }),
      'contract pages (no Halo filter for active today)',
    ]),
  get_contract: async (probe, args) =>
    sum(
      [1, 'contract (names client, site)'],
      [
        await probe.pages('recurringInvoices', { contract_id: args.contract_id }),
        'template pages (with lines)',
      ],
    ),
  list_invoices: async (probe, args) =>
    sum([
      await probe.pages('invoices', { client_id: args.client_id }),
      'invoice pages (no Halo filter for one-off / voided)',
    ]),
  get_invoice: async (probe, args) => {
    const invoice = await probe.halo.getOne('invoices', Number(args.invoice_id));
    return sum(
      [1, 'invoice (names client, contract)'],
      [positive(invoice.ticket_id), 'ticket'],
      [positive(invoice.recurring_invoice_id), 'template'],
    );
  },
  list_recurring_invoices: async (probe, args) =>
    sum([
      await probe.pages('recurringInvoices', { client_id: args.client_id }),
      'template pages (no Halo filter for active)',
    ]),
  get_recurring_invoice: fixed(1, 'template (names client, contract)'),
  list_projects: async (probe, args) =>
    sum([
      await probe.pages('projects', { client_id: args.client_id }),
      'project pages (tasks must be read to be left out)',
    ]),
  get_project: async (probe, args) =>
    sum(
      [1, 'project'],
      [await probe.pages('projects', { parent_id: args.project_id }), 'task pages'],
      [1, 'actions'],
    ),
  list_assets: fixed(1, 'asset page (rows name client)'),
  get_asset: async (probe, args) => {
    const asset = await probe.halo.getOne('assets', Number(args.asset_id), { includedetails: true });
    const linked = (asset.parent_assets?.length ?? 0) + (asset.child_assets?.length ?? 0);
    return sum([1, 'asset'], [1, 'ticket page'], [linked, 'linked assets (links carry no type)']);
  },
  list_reports: fixed(1, 'report page'),
  run_report: fixed(1, 'report run'),
  revenue_breakdown: (probe, args) =>
    revenueMinimum(probe, args.client_id === undefined ? {} : { client_id: args.client_id }),
  ...ANALYTICS_MINIMUMS,
};

export async function minimumFor(probe: Probe, tool: string, args: ToolArgs): Promise<Minimum | undefined> {
  return RULES[tool]?.(probe, args);
}
