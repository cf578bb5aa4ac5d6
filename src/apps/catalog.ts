import { fileURLToPath } from 'node:url';

// The MCP Apps views (SEP-1865): one `ui://` HTML resource per tool that has a picture to show.
// Built by src/apps/build-views.ts from views/<file>.ts into dist/views/<file>.html.

/** Where built views live, for both `src/apps` (tsx, tests) and `dist/apps` (built). */
export const BUILT_VIEWS_DIR = fileURLToPath(new URL('../../dist/views/', import.meta.url));

export interface ViewEntry {
  /** The tool whose results the view draws. */
  tool: string;
  /** Source `views/<file>.ts`, built to `<file>.html`. */
  file: string;
  uri: string;
  title: string;
  description: string;
}

export const VIEWS: readonly ViewEntry[] = [
  {
    tool: 'revenue_breakdown',
    file: 'revenue-breakdown',
    uri: 'ui://halo-psa-mcp/revenue-breakdown.html',
    title: 'Revenue breakdown',
    description:
      'One client: recurring vs non-recurring invoiced per month, MRR and ARR, the split by source and the largest invoices. Portfolio: clients ranked by revenue, concentration, totals per currency; picking a client asks the host to call revenue_breakdown for it.',
  },
  {
    tool: 'receivables_aging',
    file: 'receivables-aging',
    uri: 'ui://halo-psa-mcp/receivables-aging.html',
    title: 'Receivables aging',
    description: 'What is owed per currency in age buckets, and the largest debtors.',
  },
  {
    tool: 'client_overview',
    file: 'client-overview',
    uri: 'ui://halo-psa-mcp/client-overview.html',
    title: 'Client overview',
    description:
      'The client review on one screen: MRR, revenue by month, tickets and SLA compliance, unbilled time, renewals due and receivables.',
  },
];

/**
 * What the view resources declare to the host (MCP Apps `_meta.ui`): no connect or resource
 * domains, so the host's frame may reach nothing on the network; the view only talks to the host.
 */
export const VIEW_RESOURCE_META = {
  ui: { csp: { connectDomains: [] as string[], resourceDomains: [] as string[] }, prefersBorder: true },
};

export function viewForTool(tool: string): ViewEntry | undefined {
  return VIEWS.find((view) => view.tool === tool);
}
