// Hand-built revenue fixture (NOT the generator): NORMALISED Halo records covering every rule of
// docs/revenue.md, with the expected figures worked out by hand. The unit tests compute over
// these records directly; an integration test can serve the same records through the simulator
// and assert the same figures end to end (see `sentinelDates` for the nulls that stand for
// Halo's unset-date sentinels on the wire).
//
// today = 2026-06-15; period = defaultPeriod(today) = 2025-06-16..2026-06-15.

import type { HaloClient, HaloContract, HaloInvoice, HaloInvoiceLine } from '../../src/halo/types.js';
import type { ClientRevenueInput } from '../../src/revenue/compute.js';

export const TODAY = '2026-06-15';
export const PERIOD = { from: '2025-06-16', to: '2026-06-15' };

/** Wire value of an unset date; the fields listed in `sentinelDates` carry it in Halo. */
export const SENTINEL_DATE = '1900-01-01T00:00:00';

const ACME = 1;
const BETA = 2;
const GAMMA = 3;
const DELTA = 4;
const EPSILON = 5;

export const clients: HaloClient[] = [
  { id: ACME, name: 'Acme Ltd' },
  { id: BETA, name: 'Beta GmbH' },
  { id: GAMMA, name: 'Gamma Co' },
  { id: DELTA, name: 'Delta Partners' },
  { id: EPSILON, name: 'Epsilon plc' },
];

let lineId = 0;
function line(fields: Omit<HaloInvoiceLine, 'id'>): HaloInvoiceLine {
  lineId += 1;
  return { id: 9000 + lineId, ...fields };
}

/** A template; it carries `schedule` (every 1) unless `fields` says otherwise or `schedule: false`. */
function template(
  id: number,
  reference: string,
  fields: Omit<Partial<HaloInvoice>, 'schedule'> & {
    lines?: HaloInvoiceLine[];
    schedule?: HaloInvoice['schedule'] | false;
  },
): HaloInvoice {
  const { schedule = { every: 1 }, ...rest } = fields;
  return {
    id,
    client_id: ACME,
    reference,
    currency: 'GBP',
    is_recurring_invoice: true,
    startdate: '2025-01-01T00:00:00Z',
    enddate: null,
    ...(schedule === false ? {} : { schedule }),
    ...rest,
  };
}

const monthly = (amount: number) => [line({ qty_order: 1, unit_price: amount })];

// ---- Recurring invoice templates ------------------------------------------------------------
// Template ids are negative, as on Halo (docs/halo-api.md §8.1); invoice lines link to them.
export const recurringInvoices: HaloInvoice[] = [
  // Monthly: lines 10 x 25 = 250 and net_total 150 (beats 1 x 160 with its 6.25% discount) = 400.
  // Bills contract 201. enddate is a sentinel (null after normalisation): open-ended.
  template(-101, 'Managed services', {
    periodname: 'Monthly',
    contract_id: 201,
    lines: [
      line({ qty_order: 10, unit_price: 25, _itemid: 5 }),
      line({ qty_order: 1, unit_price: 160, discount_perc: 6.25, net_total: 150 }),
    ],
  }),
  // Weekly: 10 x 52 / 12 = 43.3333...
  template(-102, 'Backup', { periodname: 'Weekly', lines: monthly(10) }),
  // Fortnightly: 48 x 26 / 12 = 104. The line's 10% discount has no net_total: warned, not applied.
  template(-103, 'Patching', {
    periodname: 'Fortnightly',
    lines: [{ ...line({ qty_order: 1, unit_price: 48, discount_perc: 10 }), id: 1031 }],
  }),
  // Quarterly: 100 / 3 = 33.3333... The line's net_amount 100 is counted, not qty x unit price 110
  // (warned).
  template(-104, 'Firewall', {
    periodname: 'Quarterly',
    lines: [line({ qty_order: 1, unit_price: 110, net_amount: 100 })],
  }),
  // "Six-Monthly" (hyphenated spelling): 720 / 6 = 120.
  template(-105, 'Security review', { periodname: 'Six-Monthly', lines: monthly(720) }),
  // "Annually": 1680 / 12 = 140.
  // The price is in `baseprice`, `unit_price` is 0 (a template line shape seen in integrations).
  template(-106, 'Licences', {
    periodname: 'Annually',
    lines: [line({ qty_order: 1, unit_price: 0, baseprice: 1680 })],
  }),
  // Two Yearly: 2400 / 24 = 100.
  template(-107, 'Hardware refresh', { periodname: 'Two Yearly', lines: monthly(2400) }),
  // "three yearly" (lower case): 5400 / 36 = 150.
  template(-108, 'Audit', { periodname: 'three yearly', lines: monthly(5400) }),
  // Monthly, every 3: 90 / 3 = 30. Its creation dates, 91 days apart, agree with the schedule.
  template(-109, 'Quarterly check', {
    periodname: 'Monthly',
    schedule: { every: 3 },
    lastcreated: '2026-04-01T00:00:00Z',
    nextcreationdate: '2026-07-01T00:00:00Z',
    lines: monthly(90),
  }),
  // "Bi-Annually" is ambiguous (twice a year / every two years): monthly_value null.
  template(-110, 'Pen test', { periodname: 'Bi-Annually', lines: monthly(500) }),
  // Numeric period only (enumeration unverified): monthly_value null.
  template(-111, 'Mystery', { period: 2, lines: monthly(200) }),
  // Ended 2026-03-31: not listed. Bills contract 208.
  template(-112, 'Old VoIP', {
    periodname: 'Monthly',
    contract_id: 208,
    enddate: '2026-03-31T00:00:00Z',
    lines: monthly(999),
  }),
  // Disabled: not listed.
  template(-113, 'Paused', { periodname: 'Monthly', disabled: true, lines: monthly(777) }),
  // No lines: header total 120 - tax 20 = 100 per month, with a warning.
  template(-114, 'Email hosting', { periodname: 'Monthly', total: 120, tax_total: 20 }),
  // Ends today: still active. 45.
  template(-115, 'Domain', { periodname: 'Monthly', enddate: '2026-06-15T00:00:00Z', lines: monthly(45) }),
  // Schedule disabled: not listed.
  template(-116, 'Suspended', {
    periodname: 'Monthly',
    schedule: { disabled: true },
    lines: monthly(555),
  }),
  // "Monthly" without any schedule (neither list row nor detail has one), but created every 3
  // months: the dates contradict the period, so monthly_value null, warned.
  template(-117, 'Retainer', {
    periodname: 'Monthly',
    schedule: false,
    lastcreated: '2026-04-01T00:00:00Z',
    nextcreationdate: '2026-07-01T00:00:00Z',
    lines: monthly(300),
  }),
  // Delta's only revenue: 80 a month, no invoices in the period.
  template(-120, 'Delta support', { client_id: DELTA, periodname: 'Monthly', lines: monthly(80) }),
];

// ---- Contracts --------------------------------------------------------------------------------
function contract(id: number, ref: string, fields: Partial<HaloContract>): HaloContract {
  return { id, ref, client_id: ACME, start_date: '2025-01-01T00:00:00Z', end_date: null, ...fields };
}

export const contracts: HaloContract[] = [
  // Billed through template 101: adds nothing.
  contract(201, 'MSA-ACME', { active: true, periodchargeamount: 400, billing_period_string: 'Monthly' }),
  // Unlinked, no `active` flag, dates cover today (end is a sentinel): 900 / 3 = 300.
  contract(202, 'SUPPORT-BLOCK', {
    start_date: '2026-01-01T00:00:00Z',
    periodchargeamount: 900,
    billing_period_string: 'Quarterly',
  }),
  // Inactive and ended: not listed.
  contract(203, 'OLD-MSA', {
    active: false,
    end_date: '2025-12-31T00:00:00Z',
    periodchargeamount: 500,
    billing_period_string: 'Monthly',
  }),
  // Numeric billing period only: unknown, null.
  contract(204, 'PHONES', { active: true, periodchargeamount: 250, billingperiod: 4 }),
  // No charge: listed, adds 0. Its costperperiod is named in a warning, not counted.
  contract(205, 'ADVISORY', {
    active: true,
    periodchargeamount: 0,
    costperperiod: 150,
    billing_period_string: 'Monthly',
  }),
  // Yearly: 1200 / 12 = 100.
  contract(206, 'HARDWARE-CARE', { active: true, periodchargeamount: 1200, billing_period_string: 'Yearly' }),
  // `active: false` but dates cover today: counted (the spec's OR), with a warning. 60.
  contract(207, 'LEGACY-VOIP', {
    active: false,
    end_date: '2026-12-31T00:00:00Z',
    periodchargeamount: 60,
    billing_period_string: 'Monthly',
  }),
  // Linked to template 112, which has ended: billed through it, adds nothing, warned.
  contract(208, 'VOIP', { active: true, periodchargeamount: 999, billing_period_string: 'Monthly' }),
  // Beta: unlinked monthly 200.
  contract(209, 'BETA-MSA', {
    client_id: BETA,
    active: true,
    periodchargeamount: 200,
    billing_period_string: 'Monthly',
  }),
  // Gamma: inactive, nothing else.
  contract(210, 'GAMMA-OLD', {
    client_id: GAMMA,
    active: false,
    end_date: '2024-12-31T00:00:00Z',
    periodchargeamount: 100,
    billing_period_string: 'Monthly',
  }),
];

// ---- Invoices ---------------------------------------------------------------------------------
function invoice(id: number, number: string, date: string | null, fields: Partial<HaloInvoice>): HaloInvoice {
  return {
    id,
    invoicenumber: number,
    client_id: ACME,
    currency: 'GBP',
    invoice_date: date === null ? null : `${date}T00:00:00Z`,
    ...fields,
  };
}

export const invoices: HaloInvoice[] = [
  // Template 400 (line 1 by its own id, line 2, whose -1 means "none", by the header's), tax 80.
  // The header's is_recurring_invoice reads false, as on generated invoices: never used.
  invoice(301, 'INV-301', '2025-07-01', {
    recurring_invoice_id: -101,
    is_recurring_invoice: false,
    total: 480,
    tax_total: 80,
    lines: [
      line({ recurring_invoice_id: -101, qty_order: 10, unit_price: 25 }),
      line({ recurring_invoice_id: -1, net_total: 150, qty_order: 1, unit_price: 160 }),
    ],
  }),
  // Mixed: template 100, contract 300 + 50 = 350, ticket 270 + 180 = 450, item 300, other 35.
  // Net 1235, tax 247.
  invoice(302, 'INV-302', '2025-09-10', {
    total: 1482,
    tax_total: 247,
    lines: [
      line({ ticket_id: 5001, qty_order: 3, unit_price: 90 }),
      line({ contract_id: 202, qty_order: 1, unit_price: 300 }),
      line({ _itemid: 77, qty_order: 2, unit_price: 150 }),
      line({ net_total: 35 }),
      line({ ticket_id: 5002, contract_id: 202, qty_order: 2, unit_price: 90 }), // ticket beats contract
      line({ recurring_invoice_id: -104, ticket_id: 5003, net_total: 100 }), // line-only link beats ticket
      line({ contract_id: 202, _itemid: 78, net_amount: 50 }), // contract beats item
    ],
  }),
  // Header contract 202 beats the line's item: contract 300, tax 60. A non-zero invoicetype on an
  // ordinary invoice changes nothing (warned).
  invoice(303, 'INV-303', '2025-12-01', {
    contract_id: 202,
    invoicetype: 4,
    total: 360,
    tax_total: 60,
    lines: [line({ _itemid: 79, qty_order: 1, unit_price: 300 })],
  }),
  // No lines: header ticket, net 600 - 100 = 500 ticket, tax 100 (warned).
  invoice(304, 'INV-304', '2025-11-20', { ticket_id: 5004, total: 600, tax_total: 100 }),
  // Credit note with POSITIVE amounts (invoicetype 1, credits 302): ticket -90, tax -18 (warned).
  invoice(305, 'CN-305', '2025-10-01', {
    invoicetype: 1,
    creditlinkedtoinvoiceid: 302,
    total: 108,
    tax_total: 18,
    lines: [line({ ticket_id: 5001, qty_order: 1, unit_price: 90 })],
  }),
  // Credit note with invoicetype 0 and NEGATIVE amounts: item -150, tax -30, taken as they stand.
  invoice(306, 'CN-306', '2026-02-01', {
    invoicetype: 0,
    creditlinkedtoinvoiceid: 302,
    total: -180,
    tax_total: -30,
    lines: [line({ _itemid: 77, qty_order: -1, unit_price: 150 })],
  }),
  // Voided: excluded.
  invoice(307, 'INV-307', '2026-03-01', {
    voided: true,
    total: 999,
    tax_total: 0,
    lines: [line({ net_total: 999 })],
  }),
  // One day before `from` and one day after `to`: excluded.
  invoice(308, 'INV-308', '2025-06-15', {
    recurring_invoice_id: -101,
    total: 480,
    tax_total: 80,
    lines: monthly(400),
  }),
  invoice(309, 'INV-309', '2026-06-16', {
    recurring_invoice_id: -101,
    total: 480,
    tax_total: 80,
    lines: monthly(400),
  }),
  // Last day of the period, late in the day: included. Template 400, tax 80.
  invoice(310, 'INV-310', null, {
    invoice_date: '2026-06-15T23:30:00Z',
    recurring_invoice_id: -101,
    total: 480,
    tax_total: 80,
    lines: monthly(400),
  }),
  // First day of the period: other 12.50, tax 2.50. A down payment (warned); its header claims
  // to be recurring without any link: still other.
  invoice(311, 'INV-311', '2025-06-16', {
    is_down_payment: true,
    is_recurring_invoice: true,
    total: 15,
    tax_total: 2.5,
    lines: [line({ qty_order: 1, unit_price: 12.5 })],
  }),
  // No invoice_date (a sentinel on the wire): excluded, warned.
  invoice(312, 'INV-312', null, { total: 10, tax_total: 0, lines: [line({ net_total: 10 })] }),

  // Beta: GBP ticket 100 (tax 20); EUR contract 200 (tax 40) and item 50 (tax 10).
  invoice(401, 'B-401', '2026-01-10', {
    client_id: BETA,
    total: 120,
    tax_total: 20,
    lines: [line({ ticket_id: 6001, net_total: 100 })],
  }),
  invoice(402, 'B-402', '2026-02-10', {
    client_id: BETA,
    currency: 'EUR',
    total: 240,
    tax_total: 40,
    lines: [line({ contract_id: 209, net_total: 200 })],
  }),
  invoice(403, 'B-403', '2026-03-10', {
    client_id: BETA,
    currency: 'EUR',
    total: 60,
    tax_total: 10,
    lines: [line({ _itemid: 80, net_total: 50 })],
  }),

  // Epsilon: one big ad-hoc invoice, other 3000, tax 600.
  invoice(501, 'E-501', '2026-04-01', {
    client_id: EPSILON,
    total: 3600,
    tax_total: 600,
    lines: [line({ net_total: 3000 })],
  }),
];

/**
 * Templates whose list rows lack `schedule` on the wire (the detail has it): without the detail,
 * -109 would read as "Monthly" every 1, which its dates contradict.
 */
export const scheduleOnDetailOnly = [-109];

/** Nulls above that stand for Halo's unset-date sentinel on the wire. */
export const sentinelDates: Array<{
  resource: 'recurringInvoices' | 'contracts' | 'invoices';
  id: number;
  field: string;
}> = [
  { resource: 'recurringInvoices', id: -101, field: 'enddate' },
  { resource: 'contracts', id: 202, field: 'end_date' },
  { resource: 'invoices', id: 312, field: 'invoice_date' },
];

/** What the GraphQL layer hands `computeClientRevenue` for one client. */
export function inputFor(clientId: number): ClientRevenueInput {
  const client = clients.find((c) => c.id === clientId);
  if (!client) throw new Error(`No fixture client ${clientId}`);
  const mine = <T extends { client_id?: number | null }>(records: T[]) =>
    records.filter((r) => r.client_id === clientId);
  return {
    client,
    templates: mine(recurringInvoices),
    contracts: mine(contracts),
    invoices: mine(invoices),
    from: PERIOD.from,
    to: PERIOD.to,
    today: TODAY,
  };
}

export const CLIENT_IDS = { ACME, BETA, GAMMA, DELTA, EPSILON };

// ---- Expected figures, worked out by hand ------------------------------------------------------

const tpl = (
  id: number,
  reference: string,
  period: string | null,
  amount: number,
  monthlyValue: number | null,
  extra: { every?: number; contract_id?: number } = {},
) => ({
  id,
  reference,
  period,
  every: extra.every ?? 1,
  amount_per_occurrence: amount,
  monthly_value: monthlyValue,
  counted_as: monthlyValue === null ? 'unknown_period' : 'recurring_template',
  contract_id: extra.contract_id ?? null,
  currency: 'GBP',
});

export const expectedAcme = {
  currency: 'GBP',
  contracted: {
    currency: 'GBP',
    // templates: 400 + 43.3333 + 104 + 33.3333 + 120 + 140 + 100 + 150 + 30 + 100 + 45 = 1265.6667
    // contracts: 300 (202) + 100 (206) + 60 (207) = 460          -> mrr 1725.6667 -> 1725.67
    // (adding the rounded 43.33 + 33.33 instead would give 1725.66)
    mrr: 1725.67,
    // 12 x 1725.6667 = 20708 exactly (12 x the rounded 1725.67 would be 20708.04)
    arr: 20708,
    templates: [
      tpl(-101, 'Managed services', 'Monthly', 400, 400, { contract_id: 201 }),
      tpl(-102, 'Backup', 'Weekly', 10, 43.33),
      tpl(-103, 'Patching', 'Fortnightly', 48, 104),
      tpl(-104, 'Firewall', 'Quarterly', 100, 33.33),
      tpl(-105, 'Security review', 'Six Monthly', 720, 120),
      tpl(-106, 'Licences', 'Yearly', 1680, 140),
      tpl(-107, 'Hardware refresh', 'Two Yearly', 2400, 100),
      tpl(-108, 'Audit', 'Three Yearly', 5400, 150),
      tpl(-109, 'Quarterly check', 'Monthly', 90, 30, { every: 3 }),
      tpl(-110, 'Pen test', 'Bi-Annually', 500, null),
      tpl(-111, 'Mystery', null, 200, null),
      tpl(-114, 'Email hosting', 'Monthly', 100, 100),
      tpl(-115, 'Domain', 'Monthly', 45, 45),
      tpl(-117, 'Retainer', 'Monthly', 300, null),
    ],
    contracts: [
      {
        id: 201,
        ref: 'MSA-ACME',
        periodchargeamount: 400,
        billing_period: 'Monthly',
        monthly_value: 0,
        counted_as: 'billed_through_template',
        template_ids: [-101],
      },
      {
        id: 202,
        ref: 'SUPPORT-BLOCK',
        periodchargeamount: 900,
        billing_period: 'Quarterly',
        monthly_value: 300,
        counted_as: 'period_charge',
        template_ids: [],
      },
      {
        id: 204,
        ref: 'PHONES',
        periodchargeamount: 250,
        billing_period: null,
        monthly_value: null,
        counted_as: 'unknown_period',
        template_ids: [],
      },
      {
        id: 205,
        ref: 'ADVISORY',
        periodchargeamount: 0,
        billing_period: 'Monthly',
        monthly_value: 0,
        counted_as: 'no_charge',
        template_ids: [],
      },
      {
        id: 206,
        ref: 'HARDWARE-CARE',
        periodchargeamount: 1200,
        billing_period: 'Yearly',
        monthly_value: 100,
        counted_as: 'period_charge',
        template_ids: [],
      },
      {
        id: 207,
        ref: 'LEGACY-VOIP',
        periodchargeamount: 60,
        billing_period: 'Monthly',
        monthly_value: 60,
        counted_as: 'period_charge',
        template_ids: [],
      },
      {
        id: 208,
        ref: 'VOIP',
        periodchargeamount: 999,
        billing_period: 'Monthly',
        monthly_value: 0,
        counted_as: 'billed_through_template',
        template_ids: [-112],
      },
    ],
    // templates -110, -111, -117 and contract 204
    unknown_count: 4,
  },
  invoiced: {
    currency: 'GBP',
    // template 400 (301) + 100 (302) + 400 (310) = 900; contract 350 (302) + 300 (303) = 650
    recurring: 1550,
    recurring_split: { template: 900, contract: 650 },
    // ticket 450 (302) + 500 (304) - 90 (305) = 860; item 300 (302) - 150 (306) = 150;
    // other 35 (302) + 12.5 (311) = 47.5
    non_recurring: 1057.5,
    non_recurring_split: { ticket: 860, item: 150, other: 47.5 },
    total: 2607.5,
    // 80 + 247 + 60 + 100 - 18 - 30 + 80 + 2.5
    tax: 521.5,
    // 1550 / 2607.5 = 0.5944
    recurring_share: 0.59,
    // 301, 302, 303, 304, 305, 306, 310, 311
    invoice_count: 8,
    credit_note_count: 2,
    largest: {
      // recurring parts: 302 = 450, 301 = 400, 310 = 400 (tie broken by id), 303 = 300
      recurring: [
        { id: 302, number: 'INV-302', date: '2025-09-10', net_amount: 1235, amount: 450 },
        { id: 301, number: 'INV-301', date: '2025-07-01', net_amount: 400, amount: 400 },
        { id: 310, number: 'INV-310', date: '2026-06-15', net_amount: 400, amount: 400 },
      ],
      // non-recurring parts: 302 = 785, 304 = 500, 311 = 12.5 (credit notes are negative)
      non_recurring: [
        { id: 302, number: 'INV-302', date: '2025-09-10', net_amount: 1235, amount: 785 },
        { id: 304, number: 'INV-304', date: '2025-11-20', net_amount: 500, amount: 500 },
        { id: 311, number: 'INV-311', date: '2025-06-16', net_amount: 12.5, amount: 12.5 },
      ],
    },
  },
  // 307 voided; 308 and 309 outside; 312 undated
  excluded_invoices: { voided: 1, outside_period: 2, undated: 1 },
};

/** Invoiced figures of a currency with nothing invoiced. */
const NOTHING_INVOICED = {
  recurring: 0,
  recurring_split: { template: 0, contract: 0 },
  non_recurring: 0,
  non_recurring_split: { ticket: 0, item: 0, other: 0 },
  total: 0,
  tax: 0,
  recurring_share: null,
  invoice_count: 0,
  credit_note_count: 0,
};

export const expectedBeta = {
  // invoices in EUR and GBP: no single currency
  currency: null,
  // contract 209: 200 monthly; no template and mixed invoices, so no currency for it
  contracted: { currency: null, mrr: 200, arr: 2400, unknown_count: 0 },
  invoiced: null,
  by_currency: [
    {
      currency: 'EUR',
      recurring: 200,
      recurring_split: { template: 0, contract: 200 },
      non_recurring: 50,
      non_recurring_split: { ticket: 0, item: 50, other: 0 },
      total: 250,
      tax: 50,
      recurring_share: 0.8,
      invoice_count: 2,
      credit_note_count: 0,
      largest: {
        recurring: [{ id: 402, number: 'B-402', date: '2026-02-10', net_amount: 200, amount: 200 }],
        non_recurring: [{ id: 403, number: 'B-403', date: '2026-03-10', net_amount: 50, amount: 50 }],
      },
    },
    {
      currency: 'GBP',
      recurring: 0,
      recurring_split: { template: 0, contract: 0 },
      non_recurring: 100,
      non_recurring_split: { ticket: 100, item: 0, other: 0 },
      total: 100,
      tax: 20,
      recurring_share: 0,
      invoice_count: 1,
      credit_note_count: 0,
      largest: {
        recurring: [],
        non_recurring: [{ id: 401, number: 'B-401', date: '2026-01-10', net_amount: 100, amount: 100 }],
      },
    },
  ],
};

export const expectedDelta = {
  currency: 'GBP',
  contracted: { currency: 'GBP', mrr: 80, arr: 960, unknown_count: 0 },
  // nothing invoiced: one zero section in the templates' currency
  by_currency: [{ currency: 'GBP', ...NOTHING_INVOICED, largest: { recurring: [], non_recurring: [] } }],
};

/**
 * Portfolio of all five clients, limit 2. With revenue: Epsilon (invoiced 3000), Acme (2607.5),
 * Beta (250 EUR + 100 GBP), Delta (0 invoiced, mrr 80); Gamma has none. Clients are ranked within
 * a currency, never across: Beta ranks in EUR (its largest section), which comes first by name;
 * then GBP: Epsilon, Acme, Delta.
 */
export const expectedPortfolio = {
  order: [BETA, EPSILON, ACME, DELTA],
  total_clients: 4,
  clients_considered: 5,
  totals: [
    {
      currency: 'EUR',
      client_count: 1,
      mrr: 0,
      arr: 0,
      recurring: 200,
      recurring_split: { template: 0, contract: 200 },
      non_recurring: 50,
      non_recurring_split: { ticket: 0, item: 50, other: 0 },
      total: 250,
      tax: 50,
      recurring_share: 0.8,
      invoice_count: 2,
      credit_note_count: 0,
    },
    {
      currency: 'GBP',
      // Acme, Beta (its GBP invoice), Delta (mrr), Epsilon
      client_count: 4,
      // 1725.67 (Acme) + 80 (Delta)
      mrr: 1805.67,
      // 20708 + 960
      arr: 21668,
      recurring: 1550,
      recurring_split: { template: 900, contract: 650 },
      // 1057.5 (Acme) + 100 (Beta) + 3000 (Epsilon)
      non_recurring: 4157.5,
      non_recurring_split: { ticket: 960, item: 150, other: 3047.5 },
      total: 5707.5,
      // 521.5 + 20 + 600
      tax: 1141.5,
      // 1550 / 5707.5 = 0.2716
      recurring_share: 0.27,
      // 8 + 1 + 1
      invoice_count: 10,
      credit_note_count: 2,
    },
    // Beta's contract mrr has no currency (its invoices mix EUR and GBP)
    { currency: null, client_count: 1, mrr: 200, arr: 2400, ...NOTHING_INVOICED },
  ],
};
