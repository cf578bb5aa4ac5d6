import type { Dataset } from '../../src/simulator/dataset.js';

/** One valid call per tool, with ids taken from the dataset (the first record of each kind). */
export function oneCallPerTool(data: Dataset): Array<{ name: string; arguments: Record<string, unknown> }> {
  const first = <T>(rows: T[], what: string): T => {
    const row = rows[0];
    if (row === undefined) throw new Error(`The dataset has no ${what}`);
    return row;
  };
  const client = first(
    data.clients.filter((c) => !c.inactive && c.id > 1),
    'active client',
  );
  const project = first(
    data.tickets.filter((t) => t.is_project),
    'project',
  );
  const service = first(
    data.tickets.filter((t) => !t.is_project),
    'ticket',
  );
  const args: Record<string, Record<string, unknown>> = {
    get_asset: { asset_id: first(data.assets, 'asset').id },
    get_client: { client_id: client.id },
    get_contract: { contract_id: first(data.contracts, 'contract').id },
    get_invoice: { invoice_id: first(data.invoices, 'invoice').id },
    get_project: { project_id: project.id },
    get_recurring_invoice: { recurring_invoice_id: first(data.recurringInvoices, 'template').id },
    get_ticket: { ticket_id: service.id },
    list_actions: { ticket_id: service.id },
    list_agents: {},
    list_assets: { client_id: client.id },
    list_clients: {},
    list_contracts: { client_id: client.id },
    list_invoices: { client_id: client.id },
    list_projects: {},
    list_recurring_invoices: {},
    list_reports: {},
    list_tickets: { client_id: client.id },
    revenue_breakdown: { client_id: client.id },
    run_report: { report_id: first(data.reports, 'report').id },
  };
  return Object.entries(args).map(([name, a]) => ({ name, arguments: a }));
}
