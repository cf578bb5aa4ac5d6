import type { HaloClient, HaloContract, HaloInvoice } from '../halo/types.js';
import { computeContracted } from './contracted.js';
import { checkDay, checkPeriod } from './dates.js';
import { computeInvoiced, emptyInvoiced } from './invoiced.js';
import type { ClientRevenue } from './types.js';

export interface ClientRevenueInput {
  client: HaloClient;
  /** The client's recurring invoice templates, with `lines` where they could be read. */
  templates: HaloInvoice[];
  contracts: HaloContract[];
  /** The client's invoices (with `lines`); those outside [from, to] are ignored and counted. */
  invoices: HaloInvoice[];
  /** Inclusive `YYYY-MM-DD` days. */
  from: string;
  to: string;
  /** `YYYY-MM-DD`: the day "active" is judged on for the run-rate. */
  today: string;
  /** IANA zone whose calendar day an invoice date falls on (HALO_TIMEZONE); default UTC. */
  timeZone?: string;
}

/**
 * One client's revenue breakdown (docs/revenue.md). Pure: the caller has already read the
 * records, and passes only this client's. Throws a RangeError on malformed days.
 *
 * Where the spec leaves room, the choices (each also noted where it is made):
 * - a contract with `active: false` whose dates cover today counts, as the spec's "or" says, with
 *   a warning; a contract linked to a template adds nothing even when that template has ended
 *   (warned), since its billing items live on the template;
 * - the run-rate's currency is the active templates' single currency, else the invoices' single
 *   currency; contracts carry none of their own;
 * - the top-level `currency` is the one currency seen across the period's invoices and the
 *   active templates, null when there is none or more than one.
 */
export function computeClientRevenue(input: ClientRevenueInput): ClientRevenue {
  const error = checkPeriod(input.from, input.to) ?? checkDay(input.today, 'today');
  if (error) throw new RangeError(error);
  const warnings: string[] = [];

  const { sections, excluded } = computeInvoiced({
    invoices: input.invoices,
    from: input.from,
    to: input.to,
    timeZone: input.timeZone,
    warnings,
  });
  const contracted = computeContracted({
    templates: input.templates,
    contracts: input.contracts,
    today: input.today,
    timeZone: input.timeZone,
    fallbackCurrency: sections.length === 1 ? sections[0]!.currency : null,
    warnings,
  });
  const byCurrency = sections.length > 0 ? sections : [emptyInvoiced(contracted.currency)];
  const invoiceCurrencies = sections.map((item) => item.currency);
  const templateCurrencies = contracted.templates.flatMap((row) => (row.currency ? [row.currency] : []));
  const named = new Set([...invoiceCurrencies, ...templateCurrencies].filter((c): c is string => c !== null));
  if (sections.length === 1 && named.size > 1) {
    warnings.push(
      `Active templates are priced in ${[...named].filter((c) => c !== sections[0]!.currency).join(', ')} while the period's invoices are in ${sections[0]!.currency ?? 'no currency'}.`,
    );
  }

  return {
    client: { id: input.client.id, name: input.client.name },
    period: { from: input.from, to: input.to },
    today: input.today,
    currency: sections.length <= 1 && named.size === 1 ? [...named][0]! : null,
    contracted,
    invoiced: byCurrency.length === 1 ? byCurrency[0]! : null,
    by_currency: byCurrency,
    excluded_invoices: excluded,
    warnings,
  };
}
