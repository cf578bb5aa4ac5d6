import type {
  HaloContract,
  HaloContractBillingPlan,
  HaloContractPeriod,
  HaloContractScheduleEntry,
} from '../../halo/types.js';
import {
  type BillingPeriodSpec,
  billingPeriod,
  occurrenceAt,
  occurrencesBetween,
} from './billing-periods.js';
import { type ClientProfile, type ContractKind, INTERNAL_CLIENT_ID } from './clients.js';
import { addMonths, DAY_MS, SENTINEL_DATE, startOfDay, wireDate } from './dates.js';
import { ITEMS } from './items.js';
import { periodPrice, round2 } from './money.js';
import { type Random, WeightedTable } from './random.js';
import { SLAS } from './reference-data.js';

export const CONTRACT_ID_BASE = 201;

const KIND_CODES: Record<ContractKind, { type: number; prefix: string }> = {
  'Managed Services': { type: 1, prefix: 'MSA' },
  'Block Hours': { type: 2, prefix: 'BLK' },
  Fixed: { type: 3, prefix: 'FIX' },
};

const PERIODS_BY_KIND: Record<ContractKind, WeightedTable<BillingPeriodSpec>> = {
  'Managed Services': new WeightedTable([
    [billingPeriod('Monthly'), 85],
    [billingPeriod('Quarterly'), 10],
    [billingPeriod('Yearly'), 5],
  ]),
  'Block Hours': new WeightedTable([
    [billingPeriod('Quarterly'), 60],
    [billingPeriod('Monthly'), 25],
    [billingPeriod('Six Monthly'), 15],
  ]),
  Fixed: new WeightedTable([
    [billingPeriod('Monthly'), 60],
    [billingPeriod('Yearly'), 25],
    [billingPeriod('Quarterly'), 15],
  ]),
};

const BILLING_PLANS: Record<ContractKind, HaloContractBillingPlan[]> = {
  'Managed Services': [
    plan(1, 'Incident', 'Covered', 'Incidents covered by the agreement', true, false),
    plan(2, 'Service Request', 'Covered', 'Service requests covered by the agreement', true, false),
    plan(3, 'Project', 'Chargeable', 'Project work is billed separately', false, true),
  ],
  'Block Hours': [
    plan(1, 'Incident', 'Deduct from block', 'Time deducted from the prepaid block', true, false),
    plan(2, 'Service Request', 'Deduct from block', 'Time deducted from the prepaid block', true, false),
  ],
  Fixed: [plan(1, 'Service Request', 'Chargeable', 'Support work is billed at standard rates', false, true)],
};

function plan(
  seq: number,
  requesttype: string,
  name: string,
  description: string,
  covered: boolean,
  excluded: boolean,
): HaloContractBillingPlan {
  return {
    seq,
    type: covered ? 0 : 1,
    requesttype_name: requesttype,
    chargerate_name: 'Standard Rate',
    plan_name: name,
    billing_plan_desc: description,
    work_hours_covered: covered,
    not_included_in_contract: excluded,
  };
}

export interface ContractPlan {
  contract: HaloContract;
  profile: ClientProfile;
  kind: ContractKind;
  start: number;
  /** First instant no longer covered; Infinity when open-ended. */
  stop: number;
  period: BillingPeriodSpec;
  /** Billed through a recurring invoice template rather than its own `periodchargeamount`. */
  billedByTemplate: boolean;
  /** Net charge per billing period, in the client's currency. */
  charge: number;
  /** What the charge is made of (managed services), reused as template lines. */
  seats: number;
  servers: number;
  /** Block hours per period, and the (instant, hours) drawn from the block by ticket work. */
  blockHours: number;
  usage: Array<readonly [number, number]>;
  /** The first contract of a renewal chain starts the chain's schedule. */
  chainStart: number;
}

export interface ContractBook {
  contracts: HaloContract[];
  plans: ContractPlan[];
  /** The contract covering ticket work of a client at an instant (managed services or block hours). */
  coverageAt(clientId: number, at: number): ContractPlan | null;
  /** The last contract of each renewal chain billed by a template (the template links to it). */
  templateBilled: ContractPlan[];
}

/** Contracts per customer, as renewal chains: expired terms, then the current or final one. */
export function buildContracts(
  random: Random,
  profiles: readonly ClientProfile[],
  now: number,
): ContractBook {
  const plans: ContractPlan[] = [];
  const templateBilled: ContractPlan[] = [];
  const byClient = new Map<number, ContractPlan[]>();
  for (const profile of profiles) {
    const kind = profile.plan.contractKind;
    if (kind === null) continue;
    const period = profile.plan.consolidated ? billingPeriod('Monthly') : PERIODS_BY_KIND[kind].pick(random);
    const seats = Math.max(3, Math.round(profile.siteUsers.flat().length * random.float(1, 1.6)));
    const servers = random.chance(0.4) ? random.int(1, 3) : 0;
    const blockHours = random.pick([10, 20, 40]);
    const fixedFee = random.pick([250, 400, 600, 900, 1200]);
    const rate = profile.plan.currency.rate;
    const monthly =
      kind === 'Managed Services'
        ? seats * ITEMS.managedUser.price + servers * ITEMS.managedServer.price
        : kind === 'Fixed'
          ? fixedFee
          : 0;
    const charge =
      kind === 'Block Hours' ? round2(blockHours * 85 * rate) : periodPrice(monthly * rate, period);
    const billedByTemplate = profile.plan.billing === 'template';
    // The scripted first customer always shows the charge on its template-billed contract, so the
    // smallest dataset tests that a template-billed contract is not counted twice.
    const showCharge =
      !billedByTemplate || profile.client.id === INTERNAL_CLIENT_ID + 1 || random.chance(0.5);
    const chain: ContractPlan[] = [];
    for (const term of contractTerms(random, profile, now)) {
      const id = CONTRACT_ID_BASE + plans.length;
      const { type, prefix } = KIND_CODES[kind];
      const sla = SLAS[profile.plan.vip ? 1 : 0];
      const ref = `${prefix}-${String(id).padStart(4, '0')}`;
      const active = term.start <= now && now < term.stop && !profile.plan.inactive;
      const expired = term.stop <= now;
      const contract: HaloContract = {
        id,
        ref,
        refextra: chain.length > 0 ? `Renewal of ${chain[chain.length - 1]?.contract.ref}` : '',
        client_id: profile.client.id,
        client_name: profile.client.name,
        site_id: profile.sites[0]?.id ?? -1,
        site_name: profile.sites[0]?.name ?? '',
        start_date: wireDate(term.start),
        end_date: term.stop === Infinity ? SENTINEL_DATE : wireDate(term.stop - DAY_MS),
        started: term.start <= now,
        expired,
        active,
        status: active ? 1 : 2,
        contract_status: active ? 'Active' : 'Expired',
        contracttype: type,
        contracttype_name: kind,
        billingperiod: period.period,
        billing_period_string: period.name,
        billingdescription: 1,
        billing_description_string: 'In advance',
        periodchargeamount: showCharge ? charge : 0,
        next_invoice_date: SENTINEL_DATE,
        periodicinvoicenextdate: SENTINEL_DATE,
        numberofunitsfree: 0,
        chargehoursperperiod: kind === 'Block Hours' ? blockHours : 0,
        termmonths: term.months,
        rollingcontract: term.rolling,
        note: '',
        sla_id: sla?.id ?? -1,
        sla_name: sla?.name ?? '',
        billingplans: BILLING_PLANS[kind].map((row) => ({ ...row })),
        periods: [],
      };
      const contractPlan: ContractPlan = {
        contract,
        profile,
        kind,
        start: term.start,
        stop: term.stop,
        period,
        billedByTemplate,
        charge,
        seats,
        servers,
        blockHours,
        usage: [],
        chainStart: chain[0]?.start ?? term.start,
      };
      if (active) {
        const next = wireDate(nextStart(contractPlan, now));
        contract.next_invoice_date = next;
        contract.periodicinvoicenextdate = next;
      }
      chain.push(contractPlan);
      plans.push(contractPlan);
    }
    byClient.set(profile.client.id, chain);
    const last = chain[chain.length - 1];
    if (billedByTemplate && last !== undefined) templateBilled.push(last);
  }
  return {
    contracts: plans.map((p) => p.contract),
    plans,
    templateBilled,
    coverageAt(clientId, at) {
      for (const p of byClient.get(clientId) ?? []) {
        if (p.kind !== 'Fixed' && p.start <= at && at < p.stop) return p;
      }
      return null;
    },
  };
}

function nextStart(plan: ContractPlan, instant: number): number {
  const anchor = plan.billedByTemplate ? plan.chainStart : plan.start;
  for (let index = 0; ; index++) {
    const start = occurrenceAt(anchor, plan.period, 1, index);
    if (start >= instant) return start;
  }
}

interface Term {
  start: number;
  stop: number;
  months: number;
  rolling: boolean;
}

function contractTerms(random: Random, profile: ClientProfile, now: number): Term[] {
  const { since, until } = profile;
  let start = Math.max(since, now - random.int(200, 1100) * DAY_MS);
  if (start > until - 30 * DAY_MS) start = since;
  start = startOfDay(start);
  const terms: Term[] = [];
  for (let renewal = 0; renewal < 5; renewal++) {
    const rolling = random.chance(0.35);
    const months = rolling ? 12 : random.pick([12, 24, 36]);
    let stop = rolling ? Infinity : addMonths(start, months);
    // A term ending exactly today has ended: an active client renews it.
    const final = stop > until || (profile.plan.inactive && stop === until) || renewal === 4;
    if (profile.plan.inactive && stop > until) stop = startOfDay(until);
    terms.push({ start, stop, months, rolling: rolling && !profile.plan.inactive });
    if (final) return terms;
    start = stop;
  }
  return terms;
}

/** Fills each contract's last few billing periods, with block hours used from the usage log. */
export function fillContractPeriods(book: ContractBook, now: number): void {
  let nextId = 1;
  for (const plan of book.plans) {
    const until = Math.min(plan.stop, now);
    const starts = occurrencesBetween(plan.start, plan.period, 1, plan.start, until).slice(-4);
    const periods: HaloContractPeriod[] = starts.map((start) => {
      const end = Math.min(occurrenceAt(start, plan.period, 1, 1), plan.stop);
      const used = round2(
        plan.usage.reduce((sum, [at, hours]) => (at >= start && at < end ? sum + hours : sum), 0),
      );
      const inPeriod = plan.kind === 'Block Hours' ? plan.blockHours : 0;
      return {
        id: nextId++,
        contract_id: plan.contract.id,
        name: `${wireDate(start).slice(0, 10)} to ${wireDate(end - DAY_MS).slice(0, 10)}`,
        start_date: wireDate(start),
        end_date: wireDate(end - DAY_MS),
        current: start <= now && now < end,
        hours_in_period: inPeriod,
        hours_used: used,
        hours_remaining: plan.kind === 'Block Hours' ? round2(inPeriod - used) : 0,
      };
    });
    plan.contract.periods = periods;
    plan.contract.schedule = upcomingCharges(plan, now);
  }
}

/** The next few scheduled charges of a contract that bills its own `periodchargeamount`. */
function upcomingCharges(plan: ContractPlan, now: number): HaloContractScheduleEntry[] {
  if (plan.billedByTemplate || plan.charge <= 0 || plan.start > now || plan.stop <= now) return [];
  const first = nextStart(plan, now);
  const dates = [0, 1, 2]
    .map((step) => occurrenceAt(first, plan.period, 1, step))
    .filter((at) => at < plan.stop);
  return dates.map((at, index) => ({
    id: scheduleGuid(plan.contract.id, index + 1),
    chid: plan.contract.id,
    seq: index + 1,
    amount: plan.charge,
    date: wireDate(at),
    agent_id: -1,
    note: `${plan.period.name} charge`,
  }));
}

/** A stable GUID per (contract, sequence): Halo keys schedule rows by GUID. */
function scheduleGuid(contractId: number, seq: number): string {
  const tail = (contractId * 100 + seq).toString(16).padStart(12, '0');
  return `5c4ed01e-0000-4000-8000-${tail}`;
}
