// Output of the revenue breakdown (docs/revenue.md §3). JSON-friendly on purpose: numbers,
// strings, booleans, arrays and null only, never undefined. Money is rounded to 2 decimals here
// and nowhere earlier.

export type LineKind = 'template' | 'contract' | 'ticket' | 'item' | 'other';

/** What a template contributed to the run-rate. */
export type TemplateCountedAs =
  /** monthly_value is added to mrr */
  | 'recurring_template'
  /** the schedule's period could not be read: listed, left out of mrr */
  | 'unknown_period'
  /** neither lines nor a header total: listed, left out of mrr */
  | 'unknown_amount';

/** What a contract contributed to the run-rate. */
export type ContractCountedAs =
  /** a recurring invoice template bills it: adds nothing of its own */
  | 'billed_through_template'
  /** its periodchargeamount, normalised to a month, is added to mrr */
  | 'period_charge'
  /** positive charge but a billing period that could not be read: left out of mrr */
  | 'unknown_period'
  /** no linked template and no positive periodchargeamount */
  | 'no_charge';

export interface TemplateRevenue {
  id: number;
  reference: string | null;
  /** Canonical period name when understood, else Halo's own text, else null. */
  period: string | null;
  every: number;
  amount_per_occurrence: number | null;
  monthly_value: number | null;
  counted_as: TemplateCountedAs;
  contract_id: number | null;
  currency: string | null;
}

export interface ContractRevenue {
  id: number;
  ref: string | null;
  periodchargeamount: number | null;
  /** Canonical period name when understood, else Halo's own text, else null. */
  billing_period: string | null;
  /** 0 when the contract adds nothing (billed through a template, or no charge). */
  monthly_value: number | null;
  counted_as: ContractCountedAs;
  template_ids: number[];
}

export interface ContractedRevenue {
  /** The single currency of the active templates (else of the invoices), null when none or mixed. */
  currency: string | null;
  mrr: number;
  arr: number;
  templates: TemplateRevenue[];
  contracts: ContractRevenue[];
  /** Templates and contracts whose monthly value is unknown and left out of mrr. */
  unknown_count: number;
}

/** An invoice an answer can cite. */
export interface InvoiceReference {
  id: number;
  number: string | null;
  date: string;
  /** The whole invoice, ex-tax, signed (credit notes negative). */
  net_amount: number;
  /** The part of net_amount of the kind this list is about (recurring or non-recurring). */
  amount: number;
}

/** Invoiced figures, shared by a client's currency section and the portfolio totals. */
export interface InvoicedFigures {
  recurring: number;
  recurring_split: { template: number; contract: number };
  non_recurring: number;
  non_recurring_split: { ticket: number; item: number; other: number };
  total: number;
  tax: number;
  /** recurring / total; null when total is 0. */
  recurring_share: number | null;
  /** Invoices counted, credit notes included. */
  invoice_count: number;
  credit_note_count: number;
}

export interface InvoicedRevenue extends InvoicedFigures {
  currency: string | null;
  largest: { recurring: InvoiceReference[]; non_recurring: InvoiceReference[] };
}

export interface ExcludedInvoices {
  voided: number;
  outside_period: number;
  undated: number;
}

export interface ClientRevenue {
  client: { id: number; name: string };
  period: { from: string; to: string };
  /** The day "active today" was judged on. */
  today: string;
  /** The single currency of everything reported; null when none is given or they mix. */
  currency: string | null;
  contracted: ContractedRevenue;
  /** The invoiced figures when the period's invoices share one currency; null when they mix. */
  invoiced: InvoicedRevenue | null;
  /** One entry per invoice currency (at least one entry, zeros when nothing was invoiced). */
  by_currency: InvoicedRevenue[];
  excluded_invoices: ExcludedInvoices;
  warnings: string[];
}

/** Portfolio totals for one currency: sums of the rows' own (rounded) figures. */
export interface PortfolioTotals extends InvoicedFigures {
  currency: string | null;
  client_count: number;
  mrr: number;
  arr: number;
}

export interface Portfolio {
  period: { from: string; to: string } | null;
  /** Clients with any revenue, largest first, at most `limit`. */
  rows: ClientRevenue[];
  /** Clients with any revenue (before the limit). */
  total_clients: number;
  /** Clients examined, with or without revenue. */
  clients_considered: number;
  limit: number;
  truncated: boolean;
  /** The single currency across all rows; null when none or mixed. */
  currency: string | null;
  /** Totals over ALL clients with revenue (not only the rows shown), one entry per currency. */
  totals: PortfolioTotals[];
  warnings: string[];
}
