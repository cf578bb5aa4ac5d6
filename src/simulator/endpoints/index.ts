import { actionsEndpoint } from './actions.js';
import { assetEndpoint } from './assets.js';
import { contractEndpoint } from './contracts.js';
import { clientEndpoint, siteEndpoint, usersEndpoint } from './crm.js';
import type { Endpoint } from './endpoint.js';
import { invoiceEndpoint, recurringInvoiceEndpoint } from './invoices.js';
import {
  agentEndpoint,
  priorityEndpoint,
  statusEndpoint,
  teamEndpoint,
  ticketTypeEndpoint,
} from './lookups.js';
import { reportEndpoint } from './reports.js';
import { ticketsEndpoints } from './tickets.js';

export type { Endpoint } from './endpoint.js';

/** Every resource the simulator serves, by lower-case path segment. */
export const ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map(
  [
    ...ticketsEndpoints,
    actionsEndpoint,
    clientEndpoint,
    siteEndpoint,
    usersEndpoint,
    contractEndpoint,
    invoiceEndpoint,
    recurringInvoiceEndpoint,
    assetEndpoint,
    reportEndpoint,
    agentEndpoint,
    teamEndpoint,
    statusEndpoint,
    ticketTypeEndpoint,
    priorityEndpoint,
  ].map((endpoint) => [endpoint.name, endpoint]),
);
