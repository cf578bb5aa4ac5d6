// The figures of the analytics fixture (fixture.ts), worked out by hand; each block says how.

const b = (hours: number, value: number) => ({ hours, value });

// §1, all clients, 2025-06-16..2026-06-15. Acme: 101/1 2h 170 (5 days old), 102/1 3h x rate 90 =
// 270 (75 days), 102/2 1h unvalued (134 days), 102/5 2h with 0.5h prepay = 1.5h of 200 pro rata =
// 150 (21 days); 102/4 is all prepay (4h), 102/3 not billable, 101/3 and 102/7 invoiced, 102/6
// before the period. Beta: 201/1 3h 300 (36 days), 201/2 1h 100 (1 day); 201/3 invoiced. Gamma:
// 303/1 is all prepay (2h); 302's entry is before the period (and its ticket is not read).
export const unbilledAll = {
  period: { from: '2025-06-16', to: '2026-06-15' },
  today: '2026-06-15',
  totals: {
    hours: 11.5,
    value: 990,
    unvaluedHours: 1,
    entryCount: 6,
    ticketCount: 3,
    clientCount: 2,
    buckets: { days0To30: b(4.5, 420), days31To60: b(3, 300), days61To90: b(3, 270), over90: b(1, 0) },
    prepayHours: 6.5,
    prepayEntryCount: 3,
  },
  clients: [
    {
      clientId: 1,
      clientName: 'Acme Ltd',
      hours: 7.5,
      value: 590,
      unvaluedHours: 1,
      entryCount: 4,
      ticketCount: 2,
      oldestEntry: '2026-02-01',
      buckets: { days0To30: b(3.5, 320), days31To60: b(0, 0), days61To90: b(3, 270), over90: b(1, 0) },
      prepayHours: 4.5,
    },
    {
      clientId: 2,
      clientName: 'Beta GmbH',
      hours: 4,
      value: 400,
      unvaluedHours: 0,
      entryCount: 2,
      ticketCount: 1,
      oldestEntry: '2026-05-10',
      buckets: { days0To30: b(1, 100), days31To60: b(3, 300), days61To90: b(0, 0), over90: b(0, 0) },
      prepayHours: 0,
    },
  ],
  totalClients: 2,
  truncated: false,
  /** ticket/action, value, source: by value, the unvalued entry last. */
  largest: [
    [201, 1, 300, 'amount'],
    [102, 1, 270, 'rate'],
    [101, 1, 170, 'amount'],
    [102, 5, 150, 'amount'],
    [201, 2, 100, 'amount'],
    [102, 2, null, 'unknown'],
  ],
  ticketsExamined: 4,
  warnings: [
    "1 entry has no actionchargeamount; rate used: value = actionchargehours x chargerate (chargerate's meaning is unverified: on some tenants it is a rate id).",
    '1 entry has neither actionchargeamount nor chargerate: counted in hours, value unknown (see unvaluedHours).',
  ],
};

// §2, today 2026-06-15, window to 2026-09-13, lapsed since 2026-05-16. 404 lapsed (no Beta
// contract starts on or after 06-05; 406 started 06-02), 405 renewed by 406 (not listed), 407
// ended too long ago, 403 ends outside. Values: 404 400 a month; 402 900 a quarter = 300; 401 via
// template -10 = 1000 (GBP); 408 1200 a year = 100. Block: 402 used 4 + 2 in 04-01..06-30 of 10;
// 404 used 3 + 4 (one invoiced) in 2026-05-06..06-05 (stepped monthly from 2025-06-06) of 5.
export const renewals = [
  {
    id: 404,
    reference: 'BLK-404',
    clientId: 2,
    type: 'Block Hours',
    state: 'LAPSED',
    endDate: '2026-06-05',
    daysLeft: -10,
    term: 'FIXED',
    monthlyValue: 400,
    currency: null,
    nextInvoiceDate: null,
    templateIds: [],
    blockHours: {
      includedHours: 5,
      usedHours: 7,
      overageHours: 2,
      currentPeriod: { from: '2026-05-06', to: '2026-06-05' },
      prepayBalance: null,
    },
  },
  {
    id: 402,
    reference: 'BLK-402',
    clientId: 1,
    type: 'Block Hours',
    state: 'ENDING',
    endDate: '2026-07-31',
    daysLeft: 46,
    term: 'ROLLING',
    monthlyValue: 300,
    currency: null,
    nextInvoiceDate: '2026-07-01',
    templateIds: [],
    blockHours: {
      includedHours: 10,
      usedHours: 6,
      overageHours: 0,
      currentPeriod: { from: '2026-04-01', to: '2026-06-30' },
      prepayBalance: 2.5,
    },
  },
  {
    id: 401,
    reference: 'MSA-401',
    clientId: 1,
    type: 'Managed Services',
    state: 'ENDING',
    endDate: '2026-08-31',
    daysLeft: 77,
    term: 'FIXED',
    monthlyValue: 1000,
    currency: 'GBP',
    nextInvoiceDate: '2026-07-01',
    templateIds: [-10],
    blockHours: null,
  },
  {
    id: 408,
    reference: 'FIX-408',
    clientId: 3,
    type: 'Fixed',
    state: 'ENDING',
    endDate: '2026-09-13',
    daysLeft: 90,
    term: null,
    monthlyValue: 100,
    currency: null,
    nextInvoiceDate: null,
    templateIds: [],
    blockHours: null,
  },
];
export const renewalTotals = [
  { currency: null, endingMrr: 400, lapsedMrr: 400, endingCount: 2, lapsedCount: 1 },
  { currency: 'GBP', endingMrr: 1000, lapsedMrr: 0, endingCount: 1, lapsedCount: 0 },
];

const m = (met: number, breached: number, pending: number, noTarget: number, compliance: number | null) => ({
  met,
  breached,
  pending,
  noTarget,
  compliance,
});

// §3, opened 2026-03-18..2026-06-15, now 2026-06-15T00:00Z. In scope: 101, 102, 201, 303
// (excludefromsla), 304 (no SLA), 305, 306. Response: met 101, 305; breached 102 (late), 201
// (unanswered past target); pending 306. Resolution: met 102; breached 201 (open past); pending
// 101, 306; no target 305. 102's response reads I (inside) in Halo against our breach: 1.
export const slaOverall = {
  ticketCount: 7,
  excludedCount: 2,
  response: m(2, 2, 1, 0, 50),
  resolution: m(1, 1, 2, 1, 50),
};
export const slaByTeam = [
  {
    key: '5',
    name: 'NOC',
    ticketCount: 4,
    excludedCount: 2,
    response: m(1, 0, 1, 0, 100),
    resolution: m(0, 0, 1, 1, null),
  },
  {
    key: '1',
    name: 'Service Desk',
    ticketCount: 2,
    excludedCount: 0,
    response: m(1, 1, 0, 0, 50),
    resolution: m(1, 0, 1, 0, 100),
  },
  {
    key: '2',
    name: '2nd Line',
    ticketCount: 1,
    excludedCount: 0,
    response: m(0, 1, 0, 0, 0),
    resolution: m(0, 1, 0, 0, 0),
  },
];
export const slaBreaches = [
  {
    ticketId: 102,
    measure: 'RESPONSE',
    target: '2026-04-01T10:00:00Z',
    actual: '2026-04-01T11:00:00Z',
    haloState: 'I',
  },
  { ticketId: 201, measure: 'RESPONSE', target: '2026-05-10T13:00:00Z', actual: null, haloState: null },
  { ticketId: 201, measure: 'RESOLUTION', target: '2026-05-12T09:00:00Z', actual: null, haloState: 'O' },
];
// Open: 101 due in 8 h, 307 (opened before the period) in 20 h; 306 is 36 h away, 201 already past.
export const slaAtRisk = [
  { ticketId: 101, fixBy: '2026-06-15T08:00:00Z', hoursLeft: 8 },
  { ticketId: 307, fixBy: '2026-06-15T20:00:00Z', hoursLeft: 20 },
];

const due = (notDue: number, days1To30: number, days31To60: number, days61To90: number, over90: number) => ({
  notDue,
  days1To30,
  days31To60,
  days61To90,
  over90,
});

// §4, today 2026-06-15. Acme: 501 1200 due 06-30 (not due), 502 part-paid 400 left, 45 days,
// 503 300, 134 days; 504 voided, 505 paid, 506 a credit note with 100 open (apart). Beta: 601
// EUR 800, 10 days; 602 EUR 250, 75 days; 603 USD 1000, 92 days. Gamma: 701 50 without a due
// date, aged from its invoice date (5 days).
export const receivableRows = [
  {
    clientId: 1,
    currency: 'GBP',
    totalDue: 1900,
    buckets: due(1200, 0, 400, 0, 300),
    invoiceCount: 3,
    partPaidCount: 1,
    oldest: { id: 503, number: 'INV-503', dueDate: '2026-02-01', daysOverdue: 134, amountDue: 300 },
  },
  {
    clientId: 2,
    currency: 'EUR',
    totalDue: 1050,
    buckets: due(0, 800, 0, 250, 0),
    invoiceCount: 2,
    partPaidCount: 0,
    oldest: { id: 602, number: 'INV-602', dueDate: '2026-04-01', daysOverdue: 75, amountDue: 250 },
  },
  {
    clientId: 2,
    currency: 'USD',
    totalDue: 1000,
    buckets: due(0, 0, 0, 0, 1000),
    invoiceCount: 1,
    partPaidCount: 0,
    oldest: { id: 603, number: 'INV-603', dueDate: '2026-03-15', daysOverdue: 92, amountDue: 1000 },
  },
  {
    clientId: 3,
    currency: 'GBP',
    totalDue: 50,
    buckets: due(0, 50, 0, 0, 0),
    invoiceCount: 1,
    partPaidCount: 0,
    oldest: { id: 701, number: 'INV-701', dueDate: '2026-06-10', daysOverdue: 5, amountDue: 50 },
  },
];
export const receivableTotals = [
  {
    currency: 'EUR',
    totalDue: 1050,
    buckets: due(0, 800, 0, 250, 0),
    invoiceCount: 2,
    partPaidCount: 0,
    clientCount: 1,
    openCredits: 0,
    openCreditCount: 0,
  },
  {
    currency: 'GBP',
    totalDue: 1950,
    buckets: due(1200, 50, 400, 0, 300),
    invoiceCount: 4,
    partPaidCount: 1,
    clientCount: 2,
    openCredits: 100,
    openCreditCount: 1,
  },
  {
    currency: 'USD',
    totalDue: 1000,
    buckets: due(0, 0, 0, 0, 1000),
    invoiceCount: 1,
    partPaidCount: 0,
    clientCount: 1,
    openCredits: 0,
    openCreditCount: 0,
  },
];

// §5, Acme, 2026-03-18..2026-06-15. Hours: chargeable 2 + 1.5 (101) + 3 + 4 + 2 + 1 (102) = 13.5;
// non-chargeable 0.5. MRR: template 1000 + 402's 900 a quarter (300) = 1300. Invoiced: 501
// template 1000, 502 ticket 500, 505 item 250. Unbilled in the period: 170 + 270 + 150 over 6.5 h.
// Labour: Alice 2 + 0.5 + 4 + 2 = 8.5 h x 40 = 340; Bob 1.5 + 3 + 1 = 5.5 h x 30 = 165; margin
// 1750 - 505 = 1245 (0.71 of revenue). Assets: 4 active; warranties 801 (07-10), 803 (09-12).
export const acmeOverview = {
  service: {
    opened: 2,
    closed: 1,
    openNow: 1,
    topTypes: [
      { name: 'Incident', count: 1 },
      { name: 'Service Request', count: 1 },
    ],
    chargeableHours: 13.5,
    nonChargeableHours: 0.5,
    sla: { ticketCount: 2, excludedCount: 0, response: m(1, 1, 0, 0, 50), resolution: m(1, 0, 1, 0, 100) },
  },
  money: {
    currency: 'GBP',
    mrr: 1300,
    arr: 15600,
    recurring: 1000,
    nonRecurring: 750,
    invoicedTotal: 1750,
    unbilled: { hours: 6.5, value: 590, unvaluedHours: 0, entryCount: 3, prepayHours: 4.5 },
  },
  agreements: [
    {
      id: 402,
      endDate: '2026-07-31',
      daysLeft: 46,
      blockHours: { includedHours: 10, usedHours: 6, overageHours: 0, prepayBalance: 2.5 },
    },
    { id: 401, endDate: '2026-08-31', daysLeft: 77, blockHours: null },
    { id: 403, endDate: '2026-12-31', daysLeft: 199, blockHours: null },
  ],
  estate: {
    assetCount: 4,
    byType: [
      { name: 'Laptop', count: 3 },
      { name: 'Server', count: 1 },
    ],
    warrantiesEnding: [
      { id: 801, name: 'ACME-PC-01', type: 'Laptop', warrantyEnd: '2026-07-10' },
      { id: 803, name: 'ACME-SRV-01', type: 'Server', warrantyEnd: '2026-09-12' },
    ],
  },
  labour: {
    cost: 505,
    uncostedHours: 0,
    margin: 1245,
    marginShare: 0.71,
    agents: [
      { agentId: 11, agentName: 'Alice Ames', hours: 8.5, costPrice: 40, cost: 340 },
      { agentId: 12, agentName: 'Bob Brook', hours: 5.5, costPrice: 30, cost: 165 },
    ],
  },
};
