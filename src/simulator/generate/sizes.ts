export type DatasetSize = 'tiny' | 'demo' | 'large';

export interface SizeSpec {
  /** Customer clients; the internal "Our Company" client comes on top. */
  customers: number;
  /** Real agents, one of them disabled; the system "Unassigned" agent (id 1) comes on top. */
  agents: number;
  /** Service tickets over the history; projects and their tasks come on top. */
  tickets: number;
  /** Of those, opened in the last three weeks and still open: the current queue. */
  backlog: number;
  projects: number;
  sitesPerClient: readonly [number, number];
  usersPerSite: readonly [number, number];
  assetsPerClient: readonly [number, number];
  /** Shares of the randomly planned customers (the first five are scripted) by billing model. */
  billing: { readonly template: number; readonly contractCharge: number; readonly breakFix: number };
  /** Chance, tried twice per customer, of a licence template not linked to any contract. */
  licenceTemplateShare: number;
  /** Share of customers billed one consolidated (mixed) invoice a month. */
  consolidatedShare: number;
  /** Share of the other customers invoiced per ticket as it closes, not in a month-end run. */
  perTicketInvoiceShare: number;
  /** Months between support billing runs of customers not consolidated. */
  supportRunMonths: number;
  hardwareOrdersPerClientYear: number;
  /** Shares of invoices credited / issued twice with the first copy voided (at least one each). */
  creditNoteShare: number;
  voidShare: number;
}

/** Months of tickets and invoices generated before `today`. */
export const HISTORY_MONTHS = 18;

export const DATASET_SIZES: Readonly<Record<DatasetSize, SizeSpec>> = {
  tiny: {
    customers: 5,
    agents: 6,
    tickets: 50,
    backlog: 4,
    projects: 2,
    sitesPerClient: [1, 3],
    usersPerSite: [2, 3],
    assetsPerClient: [3, 6],
    billing: { template: 0.5, contractCharge: 0.2, breakFix: 0.3 },
    licenceTemplateShare: 0.3,
    consolidatedShare: 0.2,
    perTicketInvoiceShare: 0.5,
    supportRunMonths: 1,
    hardwareOrdersPerClientYear: 2,
    creditNoteShare: 0.01,
    voidShare: 0.01,
  },
  demo: {
    customers: 25,
    agents: 10,
    tickets: 1400,
    backlog: 12,
    projects: 16,
    sitesPerClient: [1, 3],
    usersPerSite: [2, 6],
    assetsPerClient: [6, 16],
    billing: { template: 0.5, contractCharge: 0.2, breakFix: 0.3 },
    licenceTemplateShare: 0.7,
    consolidatedShare: 0.1,
    perTicketInvoiceShare: 0.9,
    supportRunMonths: 1,
    hardwareOrdersPerClientYear: 12,
    creditNoteShare: 0.008,
    voidShare: 0.006,
  },
  large: {
    customers: 3000,
    agents: 90,
    tickets: 100_000,
    backlog: 600,
    projects: 500,
    sitesPerClient: [1, 3],
    usersPerSite: [1, 4],
    assetsPerClient: [2, 6],
    billing: { template: 0.3, contractCharge: 0.25, breakFix: 0.45 },
    licenceTemplateShare: 0.06,
    consolidatedShare: 0.1,
    perTicketInvoiceShare: 0.03,
    supportRunMonths: 2,
    hardwareOrdersPerClientYear: 0.5,
    creditNoteShare: 0.004,
    voidShare: 0.003,
  },
};

/**
 * A size other than the presets: any `SizeSpec` numbers over a preset (`base`, default `large`).
 * When `tickets` is given without `backlog`, the backlog keeps the preset's share of the tickets.
 */
export interface CustomSize extends Partial<SizeSpec> {
  base?: DatasetSize;
}

function wholeCount(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) throw new Error(`size.${name} must be a whole number >= 0`);
  return value;
}

export function resolveSize(size: DatasetSize | CustomSize): SizeSpec {
  if (typeof size === 'string') {
    const preset = DATASET_SIZES[size];
    if (preset === undefined) throw new Error(`unknown dataset size "${size}"`);
    return preset;
  }
  const { base = 'large', ...given } = size;
  const preset = resolveSize(base);
  const overrides = Object.fromEntries(
    Object.entries(given).filter(([, value]) => value !== undefined),
  ) as Partial<SizeSpec>;
  const tickets = wholeCount(overrides.tickets ?? preset.tickets, 'tickets');
  const backlog = wholeCount(
    overrides.backlog ?? Math.round((preset.backlog * tickets) / Math.max(1, preset.tickets)),
    'backlog',
  );
  if (backlog > tickets) throw new Error('size.backlog cannot exceed size.tickets');
  return {
    ...preset,
    ...overrides,
    customers: wholeCount(overrides.customers ?? preset.customers, 'customers'),
    agents: wholeCount(overrides.agents ?? preset.agents, 'agents'),
    projects: wholeCount(overrides.projects ?? preset.projects, 'projects'),
    tickets,
    backlog,
  };
}
