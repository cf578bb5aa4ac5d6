import type { ToolArgs } from '../baseline/index.js';
import type { Picks } from './picks.js';

export interface ToolScenario {
  tool: string;
  args: ToolArgs;
  /** Why these arguments: what makes the call realistic and heavy. */
  why: string;
  /** At most this many runs (a call that takes many seconds); one with --quick. */
  maxRuns?: number;
}

/** One call per tool (two where the tool has two modes), with arguments picked from the data. */
export function toolScenarios(p: Picks): ToolScenario[] {
  return [
    { tool: 'list_tickets', args: {}, why: 'newest tickets of all clients' },
    { tool: 'list_tickets', args: { client_id: p.busyClient }, why: 'client with most tickets' },
    { tool: 'get_ticket', args: { ticket_id: p.ticket }, why: 'ticket with most actions' },
    { tool: 'list_actions', args: { client_id: p.busyClient }, why: 'client with most tickets' },
    { tool: 'list_agents', args: {}, why: 'first page of agents' },
    { tool: 'list_clients', args: { search: p.clientSearch }, why: 'commonest word in client names' },
    { tool: 'get_client', args: { client_id: p.busyClient }, why: 'client with most tickets' },
    { tool: 'list_contracts', args: { client_id: p.contractClient }, why: 'client with most contracts' },
    { tool: 'get_contract', args: { contract_id: p.contract }, why: 'active contract, most templates' },
    { tool: 'list_invoices', args: { client_id: p.invoiceClient }, why: 'client with most invoices' },
    { tool: 'get_invoice', args: { invoice_id: p.invoice }, why: 'invoice with most lines' },
    {
      tool: 'list_recurring_invoices',
      args: { client_id: p.templateClient },
      why: 'client with most templates',
    },
    {
      tool: 'get_recurring_invoice',
      args: { recurring_invoice_id: p.template },
      why: 'template with most lines',
    },
    { tool: 'list_projects', args: { client_id: p.projectClient }, why: 'client with most projects' },
    { tool: 'get_project', args: { project_id: p.project }, why: 'project with most tasks' },
    { tool: 'list_assets', args: { client_id: p.assetClient }, why: 'client with most assets' },
    { tool: 'get_asset', args: { asset_id: p.asset }, why: 'asset with most linked assets' },
    { tool: 'list_reports', args: {}, why: 'all saved reports' },
    { tool: 'run_report', args: { report_id: p.report }, why: 'report with most rows' },
    {
      tool: 'revenue_breakdown',
      args: { client_id: p.revenueClient },
      why: 'client invoiced most in 12 months',
    },
    { tool: 'revenue_breakdown', args: {}, why: 'whole portfolio, 12 months', maxRuns: 3 },
    { tool: 'unbilled_time', args: { client_id: p.busyClient }, why: 'client with most tickets, 12 months' },
    { tool: 'contract_renewals', args: {}, why: 'every client, 90-day window' },
    {
      tool: 'sla_performance',
      args: { client_id: p.busyClient, group_by: 'TEAM' },
      why: 'client with most tickets, 90 days, by team',
    },
    { tool: 'receivables_aging', args: {}, why: 'every invoice', maxRuns: 3 },
    { tool: 'client_overview', args: { client_id: p.busyClient }, why: 'client with most tickets, 90 days' },
  ];
}

export function argsText(args: ToolArgs): string {
  const entries = Object.entries(args).filter(([, v]) => v !== undefined);
  return entries.length === 0 ? '(none)' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}
