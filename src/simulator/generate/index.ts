import type { Dataset } from '../dataset.js';
import { buildAgents } from './agents.js';
import { countOpenTickets } from './aggregates.js';
import { buildAssets } from './assets.js';
import { buildDirectory, type ClientProfile } from './clients.js';
import { buildContracts, fillContractPeriods } from './contracts.js';
import { addMonths, parseDay, toDay } from './dates.js';
import { buildInvoices } from './invoices.js';
import { createInterner } from './money.js';
import { draftProject } from './projects.js';
import { Random, WeightedTable } from './random.js';
import { buildRecurringTemplates } from './recurring-invoices.js';
import {
  buildLookups,
  buildPriorities,
  buildStatuses,
  buildTeams,
  buildTicketTypes,
} from './reference-data.js';
import { buildReports } from './reports.js';
import { draftServiceTicket } from './service-tickets.js';
import { type CustomSize, type DatasetSize, HISTORY_MONTHS, resolveSize } from './sizes.js';
import { finaliseTickets, type TicketContext, type TicketDraft } from './tickets.js';

export type { BillingPeriodName, BillingPeriodSpec } from './billing-periods.js';
export { BILLING_PERIODS, UNKNOWN_BILLING_PERIOD } from './billing-periods.js';
export { INTERNAL_CLIENT_ID } from './clients.js';
export { SENTINEL_DATE } from './dates.js';
export { findIntegrityProblems } from './integrity.js';
export {
  CREDIT_NOTE_TYPE_CODES,
  HARDWARE_ORDER_INVOICE_TYPE,
  lineKind,
  PAYMENT_STATUS,
  PURCHASE_ORDER_ID_BASE,
} from './invoices.js';
export { CATALOGUE, type CatalogueItem, ITEMS } from './items.js';
export { CLOSED_STATUS_IDS } from './reference-data.js';
export {
  type CustomSize,
  DATASET_SIZES,
  type DatasetSize,
  HISTORY_MONTHS,
  resolveSize,
  type SizeSpec,
} from './sizes.js';
export { INJECTION_TEXTS } from './ticket-text.js';

export const DEFAULT_SEED = 1;

export interface GenerateOptions {
  /** A preset, or custom numbers over one (`{ customers: 500, tickets: 10_000 }`, see `CustomSize`). */
  size: DatasetSize | CustomSize;
  seed?: number;
  /** `YYYY-MM-DD`; the history ends at the start of this day (UTC). Default: the current UTC date. */
  today?: string;
}

/**
 * A believable MSP tenant in Halo's wire form. The same (size, seed, today) always gives
 * deep-equal data: every draw comes from a seeded PRNG, one stream per section.
 */
export function generateDataset(options: GenerateOptions): Dataset {
  const size = resolveSize(options.size);
  const todayText = options.today ?? toDay(Date.now());
  const today = parseDay(todayText);
  const root = new Random(options.seed ?? DEFAULT_SEED);
  const windowStart = addMonths(today, -HISTORY_MONTHS);

  const statuses = buildStatuses();
  const teams = buildTeams();
  const ticketTypes = buildTicketTypes(teams);
  const priorities = buildPriorities(root.fork('priorities'));
  const lookups = buildLookups(statuses, ticketTypes, teams, priorities);
  const roster = buildAgents(root.fork('agents'), size.agents, teams, today);
  const directory = buildDirectory(root.fork('clients'), size, roster.agents, today);
  const book = buildContracts(root.fork('contracts'), directory.profiles, today);
  const inventory = buildAssets(
    root.fork('assets'),
    size,
    directory.profiles,
    (clientId) => {
      const plan = book.coverageAt(clientId, today - 1);
      return plan?.kind === 'Managed Services'
        ? { id: plan.contract.id, ref: plan.contract.ref ?? '' }
        : null;
    },
    today,
  );

  const context = (label: string): TicketContext => ({
    random: root.fork(label),
    now: today,
    windowStart,
    roster,
    inventory,
    book,
    lookups,
    shared,
  });
  const shared = createInterner();
  const drafts: TicketDraft[] = [];
  const serviceContext = context('tickets');
  const byVolume = new WeightedTable(
    directory.profiles.map((p) => [p, p.ticketWeight * activeShare(p, windowStart, today)] as const),
  );
  for (let n = 0; n < size.tickets - size.backlog; n++) {
    drafts.push(draftServiceTicket(serviceContext, byVolume.pick(serviceContext.random)));
  }
  const current = new WeightedTable(
    directory.profiles.filter((p) => !p.plan.inactive).map((p) => [p, p.ticketWeight] as const),
  );
  for (let n = 0; n < size.backlog; n++) {
    drafts.push(draftServiceTicket(serviceContext, current.pick(serviceContext.random), true));
  }
  const projectContext = context('projects');
  const customers = new WeightedTable(
    directory.profiles.filter((p) => !p.internal).map((p) => [p, p.ticketWeight] as const),
  );
  for (let n = 0; n < size.projects; n++) drafts.push(...draftProject(projectContext, customers));
  const { tickets, actions } = finaliseTickets(drafts);
  fillContractPeriods(book, today);
  countOpenTickets(tickets, directory.clients, roster.agents, teams);

  const templates = buildRecurringTemplates(root.fork('recurring'), directory.profiles, book, today);
  const invoices = buildInvoices({
    random: root.fork('invoices'),
    size,
    today,
    windowStart,
    profiles: directory.profiles,
    templates,
    book,
    tickets: drafts,
  });
  const reports = buildReports(
    root.fork('reports'),
    {
      clients: directory.clients,
      agents: roster.agents,
      tickets,
      actions,
      contracts: book.contracts,
      invoices,
    },
    today,
  );
  return {
    today: todayText,
    clients: directory.clients,
    sites: directory.sites,
    users: directory.users,
    agents: roster.agents,
    teams,
    statuses,
    ticketTypes,
    priorities,
    tickets,
    actions,
    contracts: book.contracts,
    invoices,
    recurringInvoices: templates.map((plan) => plan.template),
    // Halo's list rows may lack `schedule`: every template running every N > 1 periods (so only
    // the detail tells) and every fourth other one.
    scheduleOnDetailOnly: templates
      .filter((plan, index) => plan.every > 1 || index % 4 === 0)
      .map((plan) => plan.template.id),
    assets: inventory.assets,
    reports,
  };
}

/** Share of the history window a client was a customer for (tickets are spread over it). */
function activeShare(profile: ClientProfile, windowStart: number, today: number): number {
  const from = Math.max(profile.since, windowStart);
  return Math.max(0, profile.until - from) / (today - windowStart);
}
