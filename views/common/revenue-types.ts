// The parts of revenue_breakdown's structured content the views read (schema/operations/revenue_breakdown.graphql).

export interface Split {
  template?: number;
  contract?: number;
  ticket?: number;
  item?: number;
  other?: number;
}

export interface Cited {
  id: number;
  number: string | null;
  date: string;
  netAmount: number;
  amount: number;
}

export interface Month {
  month: string;
  from: string;
  to: string;
  recurring: number;
  nonRecurring: number;
  tax: number;
  invoiceCount: number;
}

export interface Figures {
  currency: string | null;
  recurring: number;
  recurringSplit: Split;
  nonRecurring: number;
  nonRecurringSplit: Split;
  total: number;
  tax: number;
  recurringShare: number | null;
  invoiceCount: number;
  creditNoteCount: number;
  largest?: { recurring: Cited[]; nonRecurring: Cited[] };
  months?: Month[];
}

export interface RunRateSource {
  id: number;
  reference: string | null;
  monthlyValue: number | null;
  countedAs: string;
  period?: string | null;
  billingPeriod?: string | null;
}

export interface Breakdown {
  client: { id: number; name: string };
  currency: string | null;
  period?: { from: string; to: string };
  contracted: {
    currency: string | null;
    mrr: number;
    arr: number;
    unknownCount: number;
    templates?: RunRateSource[];
    contracts?: RunRateSource[];
  };
  byCurrency: Figures[];
  warnings: string[];
}

export interface Totals extends Figures {
  clientCount: number;
  mrr: number;
  arr: number;
}

export interface Portfolio {
  period: { from: string; to: string };
  currency: string | null;
  totalClients: number;
  clientsConsidered: number;
  limit: number;
  truncated: boolean;
  totals: Totals[];
  rows: Breakdown[];
  warnings: string[];
}

export interface RevenueResult {
  revenueBreakdown: { client: Breakdown | null; portfolio: Portfolio | null };
  warnings?: string[];
}
