import {
  clientOverview,
  contractRenewals,
  receivablesAging,
  slaPerformance,
  unbilledTime,
} from './analytics.js';
import {
  getContract,
  getInvoice,
  getRecurringInvoice,
  listContracts,
  listInvoices,
  listRecurringInvoices,
} from './billing.js';
import { getAsset, getClient, listAssets, listClients, listReports, runReport } from './clients.js';
import { revenueClient, revenuePortfolio } from './revenue.js';
import { getProject, getTicket, listActions, listAgents, listProjects, listTickets } from './tickets.js';
import type { NaiveTool, ToolArgs } from './tool.js';

export { type BaselineRun, BaselineStopped, naiveContext } from './naive.js';
export type { NaiveTool, Structured, ToolArgs } from './tool.js';

const BY_TOOL: Record<string, NaiveTool> = {
  list_tickets: listTickets,
  get_ticket: getTicket,
  list_actions: listActions,
  list_agents: listAgents,
  list_projects: listProjects,
  get_project: getProject,
  get_client: getClient,
  list_clients: listClients,
  list_assets: listAssets,
  get_asset: getAsset,
  list_reports: listReports,
  run_report: runReport,
  list_contracts: listContracts,
  get_contract: getContract,
  list_invoices: listInvoices,
  get_invoice: getInvoice,
  list_recurring_invoices: listRecurringInvoices,
  get_recurring_invoice: getRecurringInvoice,
  unbilled_time: unbilledTime,
  contract_renewals: contractRenewals,
  sla_performance: slaPerformance,
  receivables_aging: receivablesAging,
  client_overview: clientOverview,
};

/** The naive answer to a tool call; revenue_breakdown has two (one client, or the portfolio). */
export function baselineFor(tool: string, args: ToolArgs): NaiveTool | undefined {
  if (tool === 'revenue_breakdown') return args.client_id === undefined ? revenuePortfolio : revenueClient;
  return BY_TOOL[tool];
}
