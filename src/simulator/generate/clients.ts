import type { HaloAgent, HaloClient, HaloSite, HaloUser } from '../../halo/types.js';
import { MSP_DOMAIN } from './agents.js';
import { DAY_MS, wireDateTime } from './dates.js';
import {
  COMPANY_STEMS,
  COMPANY_SUFFIXES,
  COMPANY_TRADES,
  FIRST_NAMES,
  JOB_TITLES,
  SITE_NAMES,
  STREETS,
  SURNAMES,
  slugOf,
  UK_TOWNS,
  US_TOWNS,
} from './names.js';
import { type Random, WeightedTable } from './random.js';
import type { SizeSpec } from './sizes.js';

export const INTERNAL_CLIENT_ID = 1;
export const SITE_ID_BASE = 101;
export const USER_ID_BASE = 1001;

export interface Currency {
  code: 'GBP' | 'USD';
  /** Multiplier from the catalogue's GBP prices. */
  rate: number;
  taxRate: number;
}

export const GBP: Currency = { code: 'GBP', rate: 1, taxRate: 0.2 };
export const USD: Currency = { code: 'USD', rate: 1.27, taxRate: 0 };

export type BillingModel = 'template' | 'contract-charge' | 'break-fix' | 'internal';
export type ContractKind = 'Managed Services' | 'Block Hours' | 'Fixed';

/** How a customer buys from the MSP; drives its contracts, templates and invoices. */
export interface CustomerPlan {
  billing: BillingModel;
  contractKind: ContractKind | null;
  /** Recurring templates not linked to any contract: 0-2 (licences, then domain renewals). */
  licenceTemplates: number;
  /** Its first licence template uses a period nobody can read (`UNKNOWN_BILLING_PERIOD`). */
  oddPeriodTemplate: boolean;
  /** One monthly invoice carrying contract charges, ticket work and hardware together. */
  consolidated: boolean;
  /** Each billable ticket invoiced on its own when it closes (else a month-end support invoice). */
  invoicePerTicket: boolean;
  currency: Currency;
  vip: boolean;
  inactive: boolean;
  joinedRecently: boolean;
}

export interface ClientProfile {
  client: HaloClient;
  plan: CustomerPlan;
  internal: boolean;
  sites: HaloSite[];
  /** Users of each site, parallel to `sites`; the first of each is always active. */
  siteUsers: HaloUser[][];
  /** When the client became a customer, and when it stopped (`now` for active clients). */
  since: number;
  until: number;
  /** Relative share of the ticket volume. */
  ticketWeight: number;
  domain: string;
}

// The first five customers are scripted so every size (tiny included) holds each revenue case.
const SCRIPTED_PLANS: ReadonlyArray<Omit<CustomerPlan, 'currency'> & { usd: boolean }> = [
  // Managed services billed by a linked monthly template, plus an unlinked licence template.
  {
    billing: 'template',
    contractKind: 'Managed Services',
    licenceTemplates: 2,
    oddPeriodTemplate: false,
    invoicePerTicket: false,
    consolidated: false,
    usd: false,
    vip: true,
    inactive: false,
    joinedRecently: false,
  },
  // Billed in USD, a fixed-fee contract with no template (periodchargeamount), consolidated invoices.
  {
    billing: 'contract-charge',
    contractKind: 'Fixed',
    licenceTemplates: 0,
    oddPeriodTemplate: false,
    invoicePerTicket: false,
    consolidated: true,
    usd: true,
    vip: false,
    inactive: false,
    joinedRecently: false,
  },
  // Block hours billed per period without a template, and a template with an unreadable period.
  {
    billing: 'contract-charge',
    contractKind: 'Block Hours',
    licenceTemplates: 1,
    oddPeriodTemplate: true,
    invoicePerTicket: false,
    consolidated: false,
    usd: false,
    vip: false,
    inactive: false,
    joinedRecently: false,
  },
  // A former customer: expired contract, ended template.
  {
    billing: 'template',
    contractKind: 'Managed Services',
    licenceTemplates: 0,
    oddPeriodTemplate: false,
    invoicePerTicket: false,
    consolidated: false,
    usd: false,
    vip: false,
    inactive: true,
    joinedRecently: false,
  },
  // Break-fix only, joined during the history window.
  {
    billing: 'break-fix',
    contractKind: null,
    licenceTemplates: 0,
    oddPeriodTemplate: false,
    invoicePerTicket: true,
    consolidated: false,
    usd: false,
    vip: false,
    inactive: false,
    joinedRecently: true,
  },
];

function randomPlan(random: Random, size: SizeSpec): CustomerPlan {
  const billing = new WeightedTable<BillingModel>([
    ['template', size.billing.template],
    ['contract-charge', size.billing.contractCharge],
    ['break-fix', size.billing.breakFix],
  ]).pick(random);
  let contractKind: ContractKind | null = null;
  if (billing === 'template') contractKind = random.chance(0.8) ? 'Managed Services' : 'Fixed';
  if (billing === 'contract-charge') {
    contractKind = new WeightedTable<ContractKind>([
      ['Managed Services', 4],
      ['Block Hours', 4],
      ['Fixed', 2],
    ]).pick(random);
  }
  const consolidated = billing !== 'template' && random.chance(size.consolidatedShare);
  return {
    billing,
    contractKind,
    licenceTemplates:
      (random.chance(size.licenceTemplateShare) ? 1 : 0) + (random.chance(size.licenceTemplateShare) ? 1 : 0),
    oddPeriodTemplate: false,
    consolidated,
    invoicePerTicket: !consolidated && random.chance(size.perTicketInvoiceShare),
    currency: random.chance(0.01) ? USD : GBP,
    vip: random.chance(0.1),
    inactive: random.chance(0.08),
    joinedRecently: random.chance(0.15),
  };
}

function companyName(random: Random, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const trade = random.pick(COMPANY_TRADES);
    const suffix = trade.includes('&') ? 'Ltd' : random.pick(COMPANY_SUFFIXES);
    const base = `${random.pick(COMPANY_STEMS)} ${trade}`;
    const name = `${base}${suffix === '' ? '' : ` ${suffix}`}${attempt > 20 ? ` ${attempt}` : ''}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function phoneNumber(random: Random, currency: Currency): string {
  return currency === USD
    ? `+1 555-01${random.int(10, 99)}`
    : `01632 960${String(random.int(0, 999)).padStart(3, '0')}`;
}

export interface Directory {
  profiles: ClientProfile[];
  clients: HaloClient[];
  sites: HaloSite[];
  users: HaloUser[];
}

/** Clients (id 1 = the MSP itself), their sites and their contacts. */
export function buildDirectory(
  random: Random,
  size: SizeSpec,
  agents: readonly HaloAgent[],
  now: number,
): Directory {
  const staff = agents.filter((agent) => agent.id !== 1);
  const managers = staff.filter((agent) => !agent.isdisabled);
  const usedNames = new Set<string>();
  const profiles: ClientProfile[] = [];
  const sites: HaloSite[] = [];
  const users: HaloUser[] = [];

  for (let index = -1; index < size.customers; index++) {
    const internal = index === -1;
    const scripted = SCRIPTED_PLANS[index];
    const plan: CustomerPlan = internal
      ? {
          billing: 'internal',
          contractKind: null,
          licenceTemplates: 0,
          oddPeriodTemplate: false,
          consolidated: false,
          invoicePerTicket: false,
          currency: GBP,
          vip: false,
          inactive: false,
          joinedRecently: false,
        }
      : scripted !== undefined
        ? { ...scripted, currency: scripted.usd ? USD : GBP }
        : randomPlan(random, size);
    const name = internal ? 'Our Company' : companyName(random, usedNames);
    const trade = COMPANY_TRADES.find((t) => name.includes(t)) ?? 'IT Services';
    const domain = internal ? MSP_DOMAIN : `${slugOf(name)}.example`;
    const since = internal
      ? now - 3650 * DAY_MS
      : now - (plan.joinedRecently ? random.int(60, 420) : random.int(600, 3000)) * DAY_MS;
    const until = plan.inactive ? Math.max(now - random.int(30, 300) * DAY_MS, since + 60 * DAY_MS) : now;
    const manager = random.pick(managers);
    const id = INTERNAL_CLIENT_ID + profiles.length;
    const client: HaloClient = {
      id,
      name,
      toplevel_id: internal ? 2 : 1,
      toplevel_name: internal ? 'Internal' : 'Customers',
      inactive: plan.inactive,
      is_vip: plan.vip,
      website: `https://www.${domain}`,
      notes: '',
      ref: `${slugOf(name).replace(/-/g, '').slice(0, 4).toUpperCase()}${String(id).padStart(4, '0')}`,
      main_site_id: -1,
      main_site_name: '',
      main_contact_name: '',
      main_phonenumber: phoneNumber(random, plan.currency),
      accountmanagertech: manager.id,
      accountmanagertech_name: manager.name,
      datecreated: wireDateTime(since + random.int(9, 17) * 3_600_000 + random.int(0, 3_599_999)),
      open_ticket_count: 0,
      stopped: 0,
      taxable: plan.currency.taxRate > 0,
      customfields: [{ id: 201, name: 'CFSector', label: 'Sector', type: 0, value: trade, display: trade }],
    };
    const profile: ClientProfile = {
      client,
      plan,
      internal,
      sites: [],
      siteUsers: [],
      since,
      until,
      ticketWeight: internal ? 0.6 : random.logNormal(1, 0.6) * (plan.vip ? 1.8 : 1),
      domain,
    };
    const siteCount = internal ? 1 : random.int(size.sitesPerClient[0], size.sitesPerClient[1]);
    const siteNames = [SITE_NAMES[0], ...SITE_NAMES.slice(1).filter(() => random.chance(0.5))];
    for (let s = 0; s < siteCount; s++) {
      const site = buildSite(random, profile, siteNames[s] ?? `Site ${s + 1}`, sites.length);
      const contacts = internal
        ? staff.map((agent, n) => buildUser(random, profile, site, users.length + n, agent))
        : Array.from({ length: random.int(size.usersPerSite[0], size.usersPerSite[1]) }, (_, n) =>
            buildUser(random, profile, site, users.length + n),
          );
      const first = contacts[0];
      if (first !== undefined) {
        first.inactive = false;
        first.isimportantcontact = s === 0 && !internal;
        site.maincontact_id = first.id;
        site.maincontact_name = first.name;
      }
      sites.push(site);
      users.push(...contacts);
      profile.sites.push(site);
      profile.siteUsers.push(contacts);
    }
    const mainSite = profile.sites[0];
    client.main_site_id = mainSite?.id ?? -1;
    client.main_site_name = mainSite?.name ?? '';
    client.main_contact_name = mainSite?.maincontact_name ?? '';
    profiles.push(profile);
  }
  return { profiles, clients: profiles.map((p) => p.client), sites, users };
}

function buildSite(random: Random, profile: ClientProfile, name: string, index: number): HaloSite {
  const { client, plan } = profile;
  const us = plan.currency === USD;
  return {
    id: SITE_ID_BASE + index,
    name,
    client_id: client.id,
    client_name: client.name,
    clientsite_name: `${client.name}/${name}`,
    inactive: false,
    sla_id: plan.vip ? 2 : 1,
    phonenumber: phoneNumber(random, plan.currency),
    timezone: us ? 'Eastern Standard Time' : 'GMT Standard Time',
    notes: '',
    maincontact_id: -1,
    maincontact_name: '',
    isinvoicesite: profile.sites.length === 0,
    delivery_address_line1: `${random.int(1, 220)} ${random.pick(STREETS)}`,
    delivery_address_line2: random.pick(us ? US_TOWNS : UK_TOWNS),
    delivery_address_line3: us ? 'United States' : 'United Kingdom',
  };
}

function buildUser(
  random: Random,
  profile: ClientProfile,
  site: HaloSite,
  index: number,
  agent?: HaloAgent,
): HaloUser {
  const firstname = agent?.firstname ?? random.pick(FIRST_NAMES);
  const surname = agent?.surname ?? random.pick(SURNAMES);
  return {
    id: USER_ID_BASE + index,
    name: `${firstname} ${surname}`,
    firstname,
    surname,
    title: agent?.jobtitle ?? random.pick(JOB_TITLES),
    emailaddress: agent?.email ?? `${firstname}.${surname}@${profile.domain}`.toLowerCase(),
    phonenumber: site.phonenumber ?? '',
    mobilenumber:
      profile.plan.currency === USD ? '' : `07700 900${String(random.int(0, 999)).padStart(3, '0')}`,
    site_id: site.id,
    site_id_int: site.id,
    site_name: site.name,
    client_id: profile.client.id,
    client_name: profile.client.name,
    inactive: agent?.isdisabled ?? random.chance(0.05),
    isimportantcontact: false,
    linked_agent_id: agent?.id ?? -1,
  };
}
