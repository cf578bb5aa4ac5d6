// Hand-built analytics fixture (NOT the generator), in Halo's WIRE form: zone-less datetimes,
// -1 for "no id", 1900-01-01 for unset dates. Every rule of docs/analytics.md has a record here;
// the figures each test expects are worked out by hand next to the assertions.
//
// today = 2026-06-15 (UTC); "now" = 2026-06-15T00:00:00Z (the start of the dataset's day).
// Unbilled default period 2025-06-16..2026-06-15; SLA and overview default 2026-03-18..2026-06-15.

import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloStatus,
  HaloTeam,
  HaloTicket,
} from '../../src/halo/types.js';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';

export const TODAY = '2026-06-15';
export const NOW = '2026-06-15T00:00:00.000Z';
const UNSET = '1900-01-01T00:00:00';
export const ACME = 1;
export const BETA = 2;
export const GAMMA = 3;
const [ALICE, BOB, CAROL] = [11, 12, 13];

export const clients: HaloClient[] = [
  { id: ACME, name: 'Acme Ltd' },
  { id: BETA, name: 'Beta GmbH' },
  { id: GAMMA, name: 'Gamma Co' },
];

export const agents: HaloAgent[] = [
  { id: 1, name: 'Unassigned' },
  { id: ALICE, name: 'Alice Ames', costprice: 40 },
  { id: BOB, name: 'Bob Brook', costprice: 30 },
  { id: CAROL, name: 'Carol Cole' },
];
const AGENT_NAMES: Record<number, string> = {
  [ALICE]: 'Alice Ames',
  [BOB]: 'Bob Brook',
  [CAROL]: 'Carol Cole',
};

const teams: HaloTeam[] = [
  { id: 1, name: 'Service Desk' },
  { id: 2, name: '2nd Line' },
  { id: 5, name: 'NOC' },
];
const statuses: HaloStatus[] = [
  { id: 2, name: 'In Progress' },
  { id: 9, name: 'Closed' },
];

interface TicketSpec {
  id: number;
  client: number;
  summary: string;
  type: string;
  team: number;
  agent: number;
  opened: string;
  closed?: string;
  contract?: number;
  respondBy?: string;
  responded?: string;
  fixBy?: string;
  slaState?: string;
  responseState?: string;
  exclude?: boolean;
  noSla?: boolean;
  lastAction: string;
}

function ticket(s: TicketSpec): HaloTicket {
  return {
    id: s.id,
    summary: s.summary,
    client_id: s.client,
    client_name: clients.find((c) => c.id === s.client)!.name,
    tickettype_id: s.type === 'Incident' ? 1 : 3,
    tickettype_name: s.type,
    team_id: s.team,
    team: teams.find((t) => t.id === s.team)!.name,
    agent_id: s.agent,
    agent_name: AGENT_NAMES[s.agent],
    status_id: s.closed ? 9 : 2,
    status_name: s.closed ? 'Closed' : 'In Progress',
    dateoccurred: s.opened,
    dateclosed: s.closed ?? UNSET,
    lastactiondate: s.lastAction,
    sla_id: s.noSla ? -1 : 1,
    excludefromsla: s.exclude === true,
    respondbydate: s.respondBy ?? UNSET,
    responsedate: s.responded ?? UNSET,
    fixbydate: s.fixBy ?? UNSET,
    slastate: s.slaState ?? '',
    slaresponsestate: s.responseState ?? '',
    contract_id: s.contract ?? -1,
  };
}

export const tickets: HaloTicket[] = [
  ticket({
    id: 101,
    client: ACME,
    summary: 'Printer outage',
    type: 'Incident',
    team: 1,
    agent: ALICE,
    opened: '2026-06-10T09:00:00',
    respondBy: '2026-06-10T10:00:00',
    responded: '2026-06-10T09:30:00',
    fixBy: '2026-06-15T08:00:00',
    lastAction: '2026-06-12T10:00:00',
  }),
  ticket({
    id: 102,
    client: ACME,
    summary: 'Server migration',
    type: 'Service Request',
    team: 1,
    agent: BOB,
    opened: '2026-04-01T09:00:00',
    closed: '2026-04-02T12:00:00',
    contract: 402,
    respondBy: '2026-04-01T10:00:00',
    responded: '2026-04-01T11:00:00',
    responseState: 'I',
    fixBy: '2026-04-03T09:00:00',
    slaState: 'I',
    lastAction: '2026-05-25T15:00:00',
  }),
  ticket({
    id: 201,
    client: BETA,
    summary: 'Firewall rules',
    type: 'Incident',
    team: 2,
    agent: CAROL,
    opened: '2026-05-10T09:00:00',
    contract: 404,
    respondBy: '2026-05-10T13:00:00',
    fixBy: '2026-05-12T09:00:00',
    slaState: 'O',
    lastAction: '2026-06-14T16:00:00',
  }),
  ticket({
    id: 301,
    client: GAMMA,
    summary: 'Laptop rebuild',
    type: 'Service Request',
    team: 5,
    agent: CAROL,
    opened: '2026-01-05T09:00:00',
    closed: '2026-06-01T12:00:00',
    lastAction: '2026-06-01T12:00:00',
  }),
  ticket({
    id: 302,
    client: GAMMA,
    summary: 'Old cabling job',
    type: 'Service Request',
    team: 5,
    agent: CAROL,
    opened: '2024-01-08T09:00:00',
    closed: '2024-01-10T17:00:00',
    lastAction: '2024-01-10T17:00:00',
  }),
  ticket({
    id: 303,
    client: GAMMA,
    summary: 'Project prep (excluded from SLA)',
    type: 'Service Request',
    team: 5,
    agent: CAROL,
    opened: '2026-06-02T09:00:00',
    closed: '2026-06-03T09:00:00',
    exclude: true,
    fixBy: '2026-06-04T09:00:00',
    lastAction: '2026-06-02T15:00:00',
  }),
  ticket({
    id: 304,
    client: GAMMA,
    summary: 'Question without SLA',
    type: 'Service Request',
    team: 5,
    agent: CAROL,
    opened: '2026-05-01T09:00:00',
    closed: '2026-05-01T12:00:00',
    noSla: true,
    lastAction: '2026-05-01T12:00:00',
  }),
  ticket({
    id: 305,
    client: GAMMA,
    summary: 'Password reset',
    type: 'Service Request',
    team: 5,
    agent: CAROL,
    opened: '2026-05-02T08:00:00',
    closed: '2026-05-02T12:00:00',
    respondBy: '2026-05-02T10:00:00',
    responded: '2026-05-02T09:00:00',
    lastAction: '2026-05-02T12:00:00',
  }),
  ticket({
    id: 306,
    client: GAMMA,
    summary: 'Mailbox full',
    type: 'Incident',
    team: 5,
    agent: CAROL,
    opened: '2026-06-14T12:00:00',
    respondBy: '2026-06-15T06:00:00',
    fixBy: '2026-06-16T12:00:00',
    lastAction: '2026-06-14T12:00:00',
  }),
  ticket({
    id: 307,
    client: GAMMA,
    summary: 'Backup failing',
    type: 'Incident',
    team: 5,
    agent: CAROL,
    opened: '2026-02-01T09:00:00',
    respondBy: '2026-02-01T10:00:00',
    responded: '2026-02-01T09:15:00',
    fixBy: '2026-06-15T20:00:00',
    lastAction: '2026-06-10T09:00:00',
  }),
];

interface ActionSpec {
  at: string;
  agent: number;
  hours?: number;
  nonCharge?: number;
  amount?: number;
  rate?: number;
  invoiceNumber?: string;
  invoiceId?: number;
  prepay?: number;
  billable?: boolean;
  contract?: number;
}

function actionsOf(ticketId: number, specs: ActionSpec[]): HaloAction[] {
  return specs.map((s, i) => ({
    id: i + 1,
    ticket_id: ticketId,
    outcome: 'Remote Session',
    who: AGENT_NAMES[s.agent],
    who_agentid: s.agent,
    datetime: s.at,
    note: 'Worked on it.',
    timetaken: (s.hours ?? 0) + (s.nonCharge ?? 0),
    actionchargehours: s.hours ?? 0,
    actionnonchargehours: s.nonCharge ?? 0,
    actionchargeamount: s.amount ?? 0,
    chargerate: s.rate ?? 0,
    actioninvoicenumber: s.invoiceNumber ?? '',
    invoice_id: s.invoiceId ?? -1,
    actionprepayhours: s.prepay ?? 0,
    action_contract_id: s.contract ?? -1,
    ...(s.billable === undefined ? {} : { actisbillable: s.billable }),
  }));
}

export const actions: HaloAction[] = [
  ...actionsOf(101, [
    { at: '2026-06-10T10:00:00', agent: ALICE, hours: 2, amount: 170 },
    { at: '2026-06-12T10:00:00', agent: ALICE, nonCharge: 0.5 },
    { at: '2026-05-01T10:00:00', agent: BOB, hours: 1.5, amount: 127.5, invoiceNumber: 'INV-9' },
  ]),
  ...actionsOf(102, [
    { at: '2026-04-01T10:00:00', agent: BOB, hours: 3, rate: 90 },
    { at: '2026-02-01T10:00:00', agent: BOB, hours: 1 },
    { at: '2026-03-01T10:00:00', agent: BOB, hours: 2, amount: 170, billable: false },
    { at: '2026-05-20T10:00:00', agent: ALICE, hours: 4, amount: 340, prepay: 4, contract: 402 },
    { at: '2026-05-25T10:00:00', agent: ALICE, hours: 2, amount: 200, prepay: 0.5, contract: 402 },
    { at: '2025-05-01T10:00:00', agent: BOB, hours: 5, amount: 500 },
    { at: '2026-04-20T10:00:00', agent: BOB, hours: 1, amount: 85, invoiceId: 55 },
  ]),
  ...actionsOf(201, [
    { at: '2026-05-10T10:00:00', agent: CAROL, hours: 3, amount: 300, contract: 404 },
    { at: '2026-06-14T10:00:00', agent: ALICE, hours: 1, amount: 100 },
    {
      at: '2026-05-20T10:00:00',
      agent: CAROL,
      hours: 4,
      amount: 400,
      invoiceNumber: 'INV-300',
      contract: 404,
    },
  ]),
  ...actionsOf(301, [
    { at: '2026-06-01T10:00:00', agent: CAROL, hours: 2, amount: 170, invoiceNumber: 'INV-77' },
  ]),
  ...actionsOf(302, [{ at: '2024-01-10T10:00:00', agent: CAROL, hours: 1, amount: 85 }]),
  ...actionsOf(303, [{ at: '2026-06-02T10:00:00', agent: CAROL, hours: 2, amount: 170, prepay: 2 }]),
  ...actionsOf(305, [{ at: '2026-05-02T09:00:00', agent: CAROL, nonCharge: 1 }]),
];

function contract(fields: Partial<HaloContract> & { id: number; client_id: number }): HaloContract {
  return {
    client_name: clients.find((c) => c.id === fields.client_id)!.name,
    active: true,
    next_invoice_date: UNSET,
    periodchargeamount: 0,
    ...fields,
  };
}

export const contracts: HaloContract[] = [
  contract({
    id: 401,
    ref: 'MSA-401',
    client_id: ACME,
    contracttype_name: 'Managed Services',
    start_date: '2025-07-01T00:00:00',
    end_date: '2026-08-31T00:00:00',
    rollingcontract: false,
    billing_period_string: 'Monthly',
  }),
  contract({
    id: 402,
    ref: 'BLK-402',
    client_id: ACME,
    contracttype_name: 'Block Hours',
    start_date: '2026-01-01T00:00:00',
    end_date: '2026-07-31T00:00:00',
    rollingcontract: true,
    billing_period_string: 'Quarterly',
    periodchargeamount: 900,
    chargehoursperperiod: 10,
    contract_prepaybalance: 2.5,
    next_invoice_date: '2026-07-01T00:00:00',
    periods: [
      { id: 1, start_date: '2026-01-01T00:00:00', end_date: '2026-03-31T00:00:00', current: false },
      { id: 2, start_date: '2026-04-01T00:00:00', end_date: '2026-06-30T00:00:00', current: true },
    ],
  }),
  contract({
    id: 403,
    ref: 'FIX-403',
    client_id: ACME,
    contracttype_name: 'Fixed',
    start_date: '2024-06-01T00:00:00',
    end_date: '2026-12-31T00:00:00',
    billing_period_string: 'Monthly',
  }),
  contract({
    id: 404,
    ref: 'BLK-404',
    client_id: BETA,
    contracttype_name: 'Block Hours',
    active: false,
    start_date: '2025-06-06T00:00:00',
    end_date: '2026-06-05T00:00:00',
    rollingcontract: false,
    billing_period_string: 'Monthly',
    periodchargeamount: 400,
    chargehoursperperiod: 5,
    contract_prepaybalance: 0,
  }),
  contract({
    id: 405,
    ref: 'MSA-405',
    client_id: BETA,
    contracttype_name: 'Managed Services',
    active: false,
    start_date: '2025-06-02T00:00:00',
    end_date: '2026-06-01T00:00:00',
    billing_period_string: 'Monthly',
    periodchargeamount: 250,
  }),
  contract({
    id: 406,
    ref: 'MSA-406',
    client_id: BETA,
    contracttype_name: 'Managed Services',
    start_date: '2026-06-02T00:00:00',
    end_date: UNSET,
    billing_period_string: 'Monthly',
    periodchargeamount: 250,
  }),
  contract({
    id: 407,
    ref: 'FIX-407',
    client_id: GAMMA,
    contracttype_name: 'Fixed',
    active: false,
    start_date: '2025-04-02T00:00:00',
    end_date: '2026-04-01T00:00:00',
    billing_period_string: 'Monthly',
    periodchargeamount: 50,
  }),
  contract({
    id: 408,
    ref: 'FIX-408',
    client_id: GAMMA,
    contracttype_name: 'Fixed',
    start_date: '2025-09-14T00:00:00',
    end_date: '2026-09-13T00:00:00',
    billing_period_string: 'Yearly',
    periodchargeamount: 1200,
  }),
];

export const recurringInvoices: HaloInvoice[] = [
  {
    id: -10,
    reference: 'Managed services',
    client_id: ACME,
    client_name: 'Acme Ltd',
    contract_id: 401,
    currency: 'GBP',
    periodname: 'Monthly',
    startdate: '2025-07-01T00:00:00',
    enddate: UNSET,
    nextcreationdate: '2026-07-01T00:00:00',
    schedule: { every: 1 },
    lines: [{ id: 1, qty_order: 1, unit_price: 1000, net_amount: 1000 }],
  },
];

function invoice(fields: Partial<HaloInvoice> & { id: number; client_id: number }): HaloInvoice {
  return {
    invoicenumber: `INV-${fields.id}`,
    client_name: clients.find((c) => c.id === fields.client_id)!.name,
    currency: 'GBP',
    voided: false,
    amountpaid: 0,
    creditlinkedtoinvoiceid: -1,
    recurring_invoice_id: -1,
    ticket_id: -1,
    contract_id: -1,
    lines: [],
    ...fields,
  };
}

export const invoices: HaloInvoice[] = [
  invoice({
    id: 501,
    client_id: ACME,
    invoice_date: '2026-06-01T00:00:00',
    duedate: '2026-06-30T00:00:00',
    total: 1200,
    tax_total: 200,
    amountdue: 1200,
    recurring_invoice_id: -10,
    lines: [{ id: 11, recurring_invoice_id: -10, net_amount: 1000, tax_amount: 200 }],
  }),
  invoice({
    id: 502,
    client_id: ACME,
    invoice_date: '2026-04-01T00:00:00',
    duedate: '2026-05-01T00:00:00',
    total: 600,
    tax_total: 100,
    amountpaid: 200,
    amountdue: 400,
    lines: [{ id: 12, ticket_id: 102, net_amount: 500, tax_amount: 100 }],
  }),
  invoice({
    id: 503,
    client_id: ACME,
    invoice_date: '2026-01-01T00:00:00',
    duedate: '2026-02-01T00:00:00',
    total: 300,
    tax_total: 50,
    amountdue: 300,
    lines: [{ id: 13, _itemid: 9, net_amount: 250, tax_amount: 50 }],
  }),
  invoice({
    id: 504,
    client_id: ACME,
    invoice_date: '2026-05-02T00:00:00',
    duedate: '2026-06-01T00:00:00',
    total: 500,
    amountdue: 500,
    voided: true,
  }),
  invoice({
    id: 505,
    client_id: ACME,
    invoice_date: '2026-05-15T00:00:00',
    duedate: '2026-06-14T00:00:00',
    total: 300,
    tax_total: 50,
    amountpaid: 300,
    amountdue: 0,
    lines: [{ id: 14, _itemid: 9, net_amount: 250, tax_amount: 50 }],
  }),
  invoice({
    id: 506,
    client_id: ACME,
    invoicenumber: 'CN-506',
    invoice_date: '2026-02-10T00:00:00',
    duedate: '2026-02-10T00:00:00',
    total: -100,
    amountdue: -100,
    creditlinkedtoinvoiceid: 503,
  }),
  invoice({
    id: 601,
    client_id: BETA,
    currency: 'EUR',
    invoice_date: '2026-05-06T00:00:00',
    duedate: '2026-06-05T00:00:00',
    total: 800,
    amountdue: 800,
  }),
  invoice({
    id: 602,
    client_id: BETA,
    currency: 'EUR',
    invoice_date: '2026-03-02T00:00:00',
    duedate: '2026-04-01T00:00:00',
    total: 250,
    amountdue: 250,
  }),
  invoice({
    id: 603,
    client_id: BETA,
    currency: 'USD',
    invoice_date: '2026-02-13T00:00:00',
    duedate: '2026-03-15T00:00:00',
    total: 1000,
    amountdue: 1000,
  }),
  invoice({
    id: 701,
    client_id: GAMMA,
    invoice_date: '2026-06-10T00:00:00',
    duedate: UNSET,
    total: 50,
    amountdue: 50,
  }),
];

export const assets: HaloAsset[] = [
  {
    id: 801,
    client_id: ACME,
    key_field: 'ACME-PC-01',
    assettype_name: 'Laptop',
    warranty_end: '2026-07-10T00:00:00',
  },
  {
    id: 802,
    client_id: ACME,
    key_field: 'ACME-PC-02',
    assettype_name: 'Laptop',
    warranty_end: '2027-01-10T00:00:00',
  },
  {
    id: 803,
    client_id: ACME,
    key_field: 'ACME-SRV-01',
    assettype_name: 'Server',
    warranty_end: '2026-09-12T00:00:00',
  },
  {
    id: 804,
    client_id: ACME,
    key_field: 'ACME-PC-03',
    assettype_name: 'Laptop',
    warranty_end: '2026-06-01T00:00:00',
  },
  {
    id: 805,
    client_id: ACME,
    key_field: 'ACME-PC-OLD',
    assettype_name: 'Laptop',
    inactive: true,
    warranty_end: '2026-07-01T00:00:00',
  },
];

export function dataset(): Dataset {
  return {
    ...emptyDataset(TODAY),
    clients,
    agents,
    teams,
    statuses,
    tickets,
    actions,
    contracts,
    recurringInvoices,
    invoices,
    assets,
  };
}
