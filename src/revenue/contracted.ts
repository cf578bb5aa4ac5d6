import type { HaloContract, HaloInvoice } from '../halo/types.js';
import { contractDatesCover, isContractActive, isTemplateActive } from './activity.js';
import { currencyOf, hasLines, headerNet, lineAmount, positiveId, round2, sum } from './amounts.js';
import { dayOf } from './dates.js';
import { describeContract, describeTemplate, listOf } from './describe.js';
import { type BillingPeriod, everyDivisor, monthlyValue, readPeriod } from './period.js';
import type { ContractedRevenue, ContractRevenue, TemplateRevenue } from './types.js';

interface Counted<Row> {
  row: Row;
  /** Unrounded contribution to mrr; null = unknown. */
  monthly: number | null;
  /** Named in the unknown-value summary when monthly is null. */
  name: string;
}

/** Amount per occurrence of a template: its lines' net amounts, else the header's net total. */
function amountPerOccurrence(template: HaloInvoice, warnings: string[]): number | null {
  const name = describeTemplate(template);
  if (hasLines(template)) return sum(template.lines.map((line) => lineAmount(line, name, warnings)));
  const net = headerNet(template);
  if (net === null) {
    warnings.push(`${name} has neither lines nor a total; its amount is unknown and it is left out of mrr.`);
  } else {
    warnings.push(
      `${name} was read without lines; its amount per occurrence is the header's total minus tax.`,
    );
  }
  return net;
}

const DAYS_PER_MONTH = 365.2425 / 12;

/**
 * Days between two of a template's dates that should lie one occurrence apart: its billed period
 * (`period_start_date`..`period_end_date`, both days included), else `lastcreated` ->
 * `nextcreationdate`. Null when neither pair is readable.
 */
function occurrenceSpan(template: HaloInvoice): { days: number; from: string; to: string } | null {
  const pairs: Array<[string | null | undefined, string | null | undefined, number]> = [
    [template.period_start_date, template.period_end_date, 1],
    [
      template.lastcreated ?? template.schedule?.lastcreated,
      template.nextcreationdate ?? template.schedule?.nextcreationdate,
      0,
    ],
  ];
  for (const [start, end, inclusive] of pairs) {
    const from = dayOf(start);
    const to = dayOf(end);
    if (from === null || to === null || to <= from) continue;
    const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + inclusive;
    return { days, from, to };
  }
  return null;
}

/**
 * Whether the template's dates contradict its period x every (docs/revenue.md §1): null when they
 * agree or cannot be read, else the reason to give. 20 % slack absorbs month lengths.
 */
function datesContradict(template: HaloInvoice, period: BillingPeriod, every: number): string | null {
  const span = occurrenceSpan(template);
  if (span === null) return null;
  const expectedDays = (DAYS_PER_MONTH / period.perMonth) * every;
  const ratio = span.days / expectedDays;
  if (ratio >= 0.8 && ratio <= 1.25) return null;
  const schedule = every > 1 ? `${period.name}, every ${every}` : period.name;
  return `its dates ${span.from} to ${span.to} (${span.days} days) do not fit its schedule "${schedule}" (about ${Math.round(expectedDays)} days)`;
}

/**
 * A template's monthly value from an amount per occurrence, by the run-rate's rules: null when
 * its period cannot be read or its dates contradict period x every.
 */
export function templateMonthlyValue(template: HaloInvoice, amount: number | null): number | null {
  const every = everyDivisor(template.schedule?.every);
  const reading = readPeriod(template.periodname, template.period ?? template.schedule?.period);
  if (!reading.period || amount === null || datesContradict(template, reading.period, every)) return null;
  return monthlyValue(amount, reading.period, every);
}

function countTemplate(template: HaloInvoice, warnings: string[]): Counted<TemplateRevenue> {
  const name = describeTemplate(template);
  const amount = amountPerOccurrence(template, warnings);
  const every = everyDivisor(template.schedule?.every);
  const reading = readPeriod(template.periodname, template.period ?? template.schedule?.period);
  const contradiction = reading.period ? datesContradict(template, reading.period, every) : null;
  let monthly: number | null = null;
  let countedAs: TemplateRevenue['counted_as'] = 'unknown_amount';
  if (!reading.period) {
    countedAs = 'unknown_period';
    warnings.push(
      `${name} cannot be normalised to a month because ${reading.reason}; it is listed with monthly_value null and left out of mrr.`,
    );
  } else if (contradiction !== null) {
    countedAs = 'unknown_period';
    warnings.push(
      `${name} cannot be normalised to a month with certainty because ${contradiction}; it is listed with monthly_value null and left out of mrr.`,
    );
  } else if (amount !== null) {
    countedAs = 'recurring_template';
    monthly = monthlyValue(amount, reading.period, every);
  }
  const row: TemplateRevenue = {
    id: template.id,
    reference: template.reference ?? null,
    period: reading.label,
    every,
    amount_per_occurrence: amount === null ? null : round2(amount),
    monthly_value: monthly === null ? null : round2(monthly),
    counted_as: countedAs,
    contract_id: positiveId(template.contract_id),
    currency: currencyOf(template),
  };
  return { row, monthly, name };
}

function countContract(
  contract: HaloContract,
  templates: HaloInvoice[],
  today: string,
  timeZone: string,
  warnings: string[],
): Counted<ContractRevenue> {
  const name = describeContract(contract);
  const linked = templates.filter((template) => positiveId(template.contract_id) === contract.id);
  const charge = typeof contract.periodchargeamount === 'number' ? contract.periodchargeamount : null;
  const reading = readPeriod(contract.billing_period_string, contract.billingperiod);
  const row: ContractRevenue = {
    id: contract.id,
    ref: contract.ref ?? null,
    periodchargeamount: charge === null ? null : round2(charge),
    billing_period: reading.label,
    monthly_value: 0,
    counted_as: 'no_charge',
    template_ids: linked.map((template) => template.id),
  };
  if (contract.active === false && contractDatesCover(contract, today, timeZone)) {
    warnings.push(
      `${name} is marked inactive in Halo but its dates cover today; it is counted as active (start <= today <= end).`,
    );
  }
  if (linked.length > 0) {
    row.counted_as = 'billed_through_template';
    if (!linked.some((template) => isTemplateActive(template, today, timeZone))) {
      const ids = linked.map((template) => String(template.id));
      warnings.push(
        `${name} is billed through template ${listOf(ids)}, not active today; the contract adds nothing to mrr.`,
      );
    }
    return { row, monthly: 0, name };
  }
  if (charge === null || charge <= 0) {
    const cost = contract.costperperiod;
    if (typeof cost === 'number' && cost > 0) {
      warnings.push(
        `${name} has no periodchargeamount but a costperperiod of ${round2(cost)}; that field's meaning differs between Halo tenants, so the contract adds nothing to mrr.`,
      );
    }
    return { row, monthly: 0, name };
  }
  if (!reading.period) {
    row.counted_as = 'unknown_period';
    row.monthly_value = null;
    warnings.push(
      `${name} charges ${round2(charge)} per period but cannot be normalised to a month because ${reading.reason}; it is left out of mrr.`,
    );
    return { row, monthly: null, name };
  }
  const monthly = monthlyValue(charge, reading.period);
  row.counted_as = 'period_charge';
  row.monthly_value = round2(monthly);
  return { row, monthly, name };
}

/**
 * The run-rate (docs/revenue.md §1): active templates plus active contracts not billed through
 * a template. `fallbackCurrency` (the invoices' single currency) names the money when no active
 * template carries a currency.
 */
export function computeContracted(input: {
  templates: HaloInvoice[];
  contracts: HaloContract[];
  today: string;
  /** IANA zone of the calendar days (HALO_TIMEZONE); default UTC. */
  timeZone?: string;
  fallbackCurrency: string | null;
  warnings: string[];
}): ContractedRevenue {
  const { today, warnings } = input;
  const timeZone = input.timeZone ?? 'UTC';
  // Creation order whatever the sign of Halo's ids (templates' are negative, counting down).
  const active = input.templates
    .filter((template) => isTemplateActive(template, today, timeZone))
    .sort((a, b) => Math.abs(a.id) - Math.abs(b.id));
  const templates = active.map((template) => countTemplate(template, warnings));
  const contracts = input.contracts
    .filter((contract) => isContractActive(contract, today, timeZone))
    .map((contract) => countContract(contract, input.templates, today, timeZone, warnings));

  const counted = [...templates, ...contracts];
  const unknown = counted.filter((item) => item.monthly === null);
  if (unknown.length > 0) {
    const noun = unknown.length === 1 ? 'item has' : 'items have';
    warnings.push(
      `${unknown.length} recurring ${noun} an unknown monthly value and ${unknown.length === 1 ? 'is' : 'are'} left out of mrr: ${listOf(unknown.map((item) => item.name))}.`,
    );
  }
  const mrr = sum(counted.map((item) => item.monthly ?? 0));

  const currencies = [...new Set(templates.flatMap((t) => (t.row.currency ? [t.row.currency] : [])))];
  if (currencies.length > 1) {
    warnings.push(
      `Active templates are priced in ${listOf(currencies)}; mrr adds their monthly values without conversion.`,
    );
  }
  let currency: string | null = null;
  if (currencies.length === 1) currency = currencies[0]!;
  else if (currencies.length === 0) currency = input.fallbackCurrency;
  return {
    currency,
    mrr: round2(mrr),
    arr: round2(12 * mrr),
    templates: templates.map((item) => item.row),
    contracts: contracts.map((item) => item.row),
    unknown_count: unknown.length,
  };
}
