import type { HaloInvoice, HaloInvoiceLine } from '../../halo/types.js';
import {
  type BillingPeriodSpec,
  billingPeriod,
  nextOccurrence,
  occurrencesBetween,
  UNKNOWN_BILLING_PERIOD,
} from './billing-periods.js';
import type { ClientProfile } from './clients.js';
import type { ContractBook, ContractPlan } from './contracts.js';
import { DAY_MS, SENTINEL_DATE, startOfDay, wireDate } from './dates.js';
import { applyTotals, itemLine, makeLine } from './invoice-lines.js';
import { ITEMS } from './items.js';
import { periodPrice, round2 } from './money.js';
import { type Random, WeightedTable } from './random.js';

/**
 * Template ids count DOWN from -401: recurring templates are invoice headers with negative ids on
 * Halo (docs/halo-api.md §8.1), and -1 on a line means "not recurring".
 */
export const RECURRING_ID_BASE = 401;

/** The id of the n-th template (0-based). */
export function templateId(n: number): number {
  return -(RECURRING_ID_BASE + n);
}

const LICENCE_PERIODS = new WeightedTable<BillingPeriodSpec>([
  [billingPeriod('Yearly'), 15],
  [billingPeriod('Monthly'), 55],
  [billingPeriod('Quarterly'), 6],
  [billingPeriod('Six Monthly'), 6],
  [billingPeriod('Two Yearly'), 7],
  [billingPeriod('Three Yearly'), 5],
  [billingPeriod('Weekly'), 3],
  [billingPeriod('Fortnightly'), 3],
]);

const RENEWAL_PERIODS = new WeightedTable<BillingPeriodSpec>([
  [billingPeriod('Yearly'), 70],
  [billingPeriod('Two Yearly'), 20],
  [billingPeriod('Three Yearly'), 10],
]);

export interface TemplatePlan {
  template: HaloInvoice;
  profile: ClientProfile;
  contract: ContractPlan | null;
  period: BillingPeriodSpec;
  every: number;
  start: number;
  /** First instant the template no longer runs; Infinity while it runs. */
  stop: number;
}

/** The dates a template created invoices on, up to and including `today`. */
export function templateRuns(plan: TemplatePlan, from: number, today: number): number[] {
  return occurrencesBetween(plan.start, plan.period, plan.every, from, Math.min(plan.stop, today + 1));
}

/**
 * Recurring invoice templates: one linked to each template-billed contract chain (to its latest
 * contract), and unlinked licence templates for some customers.
 */
export function buildRecurringTemplates(
  random: Random,
  profiles: readonly ClientProfile[],
  book: ContractBook,
  today: number,
): TemplatePlan[] {
  const plans: TemplatePlan[] = [];
  const linked = new Map(book.templateBilled.map((plan) => [plan.profile, plan]));
  let nextLineId = 1;
  const add = (partial: Omit<TemplatePlan, 'template'>, reference: string, lines: HaloInvoiceLine[]) => {
    const id = templateId(plans.length);
    for (const line of lines) {
      line.id = nextLineId++;
      line.ihid = id;
    }
    const plan: TemplatePlan = { ...partial, template: templateHeader(id, partial, reference, lines, today) };
    plans.push(plan);
  };
  for (const profile of profiles) {
    const contract = linked.get(profile);
    if (contract !== undefined) {
      const lines = contractLines(random, contract);
      if (contract.contract.periodchargeamount) {
        contract.contract.periodchargeamount = round2(
          lines.reduce((sum, line) => sum + (line.net_amount ?? 0), 0),
        );
      }
      add(
        {
          profile,
          contract,
          period: contract.period,
          every: 1,
          start: contract.chainStart,
          stop: contract.stop,
        },
        `${contract.kind} - ${contract.contract.ref}`,
        lines,
      );
    }
    for (let n = 0; n < profile.plan.licenceTemplates; n++) {
      const period =
        n === 1
          ? RENEWAL_PERIODS.pick(random)
          : profile.plan.oddPeriodTemplate
            ? UNKNOWN_BILLING_PERIOD
            : LICENCE_PERIODS.pick(random);
      // The first monthly licence template of the tenant runs "Monthly, every 3" (a valid Halo
      // schedule); a few others every 2.
      const firstMonthly = period.name === 'Monthly' && !plans.some((p) => p.every === 3);
      const twice = period.name === 'Monthly' && random.chance(0.08);
      const every = firstMonthly ? 3 : twice ? 2 : 1;
      const start = startOfDay(Math.max(profile.since, today - random.int(100, 1200) * DAY_MS));
      const cancelled = random.chance(0.1) ? today - random.int(20, 200) * DAY_MS : Infinity;
      const stop = profile.plan.inactive
        ? startOfDay(profile.until)
        : cancelled > start + 60 * DAY_MS
          ? cancelled
          : Infinity;
      add(
        { profile, contract: null, period, every, start, stop },
        n === 1 ? 'Domains and renewals' : 'Licences',
        licenceLines(random, profile, period, every),
      );
    }
  }
  return plans;
}

function contractLines(random: Random, contract: ContractPlan): HaloInvoiceLine[] {
  const { currency } = contract.profile.plan;
  const links = { contractId: contract.contract.id };
  if (contract.kind === 'Fixed') {
    return [
      makeLine({
        code: 'FIXED-FEE',
        description: 'Fixed fee: backup, monitoring and patching',
        itemId: -1,
        qty: 1,
        unitPrice: contract.charge,
        currency,
        ...links,
      }),
    ];
  }
  const perPeriod = (monthly: number) => periodPrice(monthly * currency.rate, contract.period);
  const lines = [
    makeLine({
      code: ITEMS.managedUser.code,
      description: ITEMS.managedUser.name,
      itemId: ITEMS.managedUser.id,
      qty: contract.seats,
      unitPrice: perPeriod(ITEMS.managedUser.price),
      currency,
      ...links,
    }),
  ];
  if (contract.servers > 0) {
    lines.push(
      itemLine(ITEMS.managedServer, contract.servers, currency, {
        ...links,
        multiplier: contract.period.months,
      }),
    );
  }
  if (random.chance(0.5)) {
    lines.push(
      itemLine(ITEMS.cloudBackup, contract.seats, currency, { ...links, multiplier: contract.period.months }),
    );
  }
  return lines;
}

function licenceLines(
  random: Random,
  profile: ClientProfile,
  period: BillingPeriodSpec,
  every: number,
): HaloInvoiceLine[] {
  const { currency } = profile.plan;
  const seats = Math.max(2, profile.siteUsers.flat().length);
  // Catalogue prices are monthly, except the renewals below which are yearly.
  const months = round2(periodPrice(1, period, every));
  if (period.months >= 12) {
    const years = months / 12;
    const lines = [itemLine(ITEMS.domainRenewal, random.int(1, 4), currency, { multiplier: years })];
    if (random.chance(0.5))
      lines.push(itemLine(ITEMS.sslCertificate, random.int(1, 2), currency, { multiplier: years }));
    if (random.chance(0.6))
      lines.push(itemLine(ITEMS.firewallSubscription, 1, currency, { multiplier: years }));
    return lines;
  }
  const licence =
    period.months === 0 ? ITEMS.cloudBackup : random.chance(0.6) ? ITEMS.m365Premium : ITEMS.m365Standard;
  return [itemLine(licence, seats, currency, { multiplier: months })];
}

function templateHeader(
  id: number,
  plan: Omit<TemplatePlan, 'template'>,
  reference: string,
  lines: HaloInvoiceLine[],
  today: number,
): HaloInvoice {
  const { profile, contract, period, every, start, stop } = plan;
  const running = stop > today;
  const runs = occurrencesBetween(start, period, every, start, Math.min(stop, today + 1));
  const last = runs[runs.length - 1];
  const lastCreated = last === undefined ? SENTINEL_DATE : wireDate(last);
  const next = running ? wireDate(nextOccurrence(start, period, every, today + 1)) : SENTINEL_DATE;
  const end = stop === Infinity ? SENTINEL_DATE : wireDate(stop - DAY_MS);
  const site = profile.sites[0];
  const template: HaloInvoice = {
    id,
    invoicenumber: '',
    client_id: profile.client.id,
    client_name: profile.client.name,
    sitenumber: site?.id ?? -1,
    site_name: site?.name ?? '',
    total: 0,
    tax_total: 0,
    currency: profile.plan.currency.code,
    reference,
    ticket_id: -1,
    contract_id: contract?.contract.id ?? -1,
    contract_ref: contract?.contract.ref ?? '',
    invoicetype: 0,
    voided: false,
    disabled: !running,
    recurring_invoice_id: -1,
    is_recurring_invoice: true,
    lines,
    schedule_id: -id,
    schedule: {
      id: -id,
      period: period.period,
      every,
      lastcreated: lastCreated,
      nextcreationdate: next,
      startdate: wireDate(start),
      end_date: end,
      disabled: !running,
    },
    lastcreated: lastCreated,
    nextcreationdate: next,
    period: period.period,
    periodname: period.name,
    startdate: wireDate(start),
    enddate: end,
    date_created: wireDate(start - 7 * DAY_MS),
  };
  applyTotals(template);
  return template;
}
