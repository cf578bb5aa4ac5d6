import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLines } from '../helpers/request-lines.js';
import { type McpHarness, startMcpHarness } from '../mcp/harness.js';
import * as expected from './expected.js';
import * as fixture from './fixture.js';

// The hand-built fixture served in Halo's wire form by the real simulator, read by the real REST
// client, answered through GraphQL (yoga in-process) and through the MCP tools (SDK client, in
// memory). Request counts are for a cold start: empty reference cache, empty request log.

let h: McpHarness;
beforeAll(async () => {
  h = await startMcpHarness({ dataset: fixture.dataset() });
});
afterAll(() => h.stop());

async function cold(query: string, variables: Record<string, unknown> = {}) {
  h.reference.clear();
  h.resetLog();
  const result = await h.run(query, variables);
  return { ...result, requests: h.requests() };
}

const lines = requestLines;

const AGENTS = '/api/Agent?includedisabled=true&includeenabled=true&includeunassigned=true';
const actionsOf = (...ids: number[]) => ids.map((id) => `/api/Actions?count=10000&ticket_id=${id}`);
const AGED =
  'days0To30 { hours value } days31To60 { hours value } days61To90 { hours value } over90 { hours value }';

const UNBILLED = `query ($clientId: Int, $agentId: Int) {
  unbilledTime(clientId: $clientId, agentId: $agentId) {
    period { from to } today
    totals { hours value unvaluedHours entryCount ticketCount clientCount buckets { ${AGED} } prepayHours prepayEntryCount }
    clients { clientId clientName hours value unvaluedHours entryCount ticketCount oldestEntry buckets { ${AGED} } prepayHours }
    totalClients truncated
    largest { ticketId actionId value valueSource agentName date hours }
    ticketsExamined warnings
  }
}`;

describe('unbilled time', () => {
  it('finds every unbilled entry from one candidate read and one actions read per ticket', async () => {
    const { data, errors, requests } = await cold(UNBILLED);
    expect(errors).toBeUndefined();
    const { largest, ...rest } = data.unbilledTime;
    const { largest: want, ...wantRest } = expected.unbilledAll;
    expect(rest).toEqual(wantRest);
    expect(
      largest.map((e: { ticketId: number; actionId: number; value: number | null; valueSource: string }) => [
        e.ticketId,
        e.actionId,
        e.value,
        e.valueSource.toLowerCase(),
      ]),
    ).toEqual(want);
    expect(largest[0]).toMatchObject({ agentName: 'Carol Cole', date: '2026-05-10', hours: 3 });
    // 302's only entry predates the period (its last action is 2024-01-10): its actions are not read.
    expect(lines(requests)).toEqual(
      [
        '/api/Tickets?billableonly=true&ready_for_invoicing=true',
        ...actionsOf(101, 102, 201, 303),
        AGENTS,
      ].sort(),
    );
  });

  it("narrows to one agent's time and to one client", async () => {
    const alice = await cold(UNBILLED, { agentId: 11 });
    // 101/1 170, 102/5 150 (Acme) and 201/2 100 (Beta), all logged by Alice.
    expect(alice.data.unbilledTime.totals).toMatchObject({
      hours: 4.5,
      value: 420,
      entryCount: 3,
      clientCount: 2,
    });
    const beta = await cold(UNBILLED, { clientId: 2 });
    expect(beta.data.unbilledTime.clients).toEqual([expected.unbilledAll.clients[1]]);
    expect(lines(beta.requests)).toEqual(
      [
        `/api/Tickets?billableonly=true&client_id=2&ready_for_invoicing=true`,
        ...actionsOf(201),
        AGENTS,
      ].sort(),
    );
  });
});

const RENEWALS = `{ contractRenewals {
  today days window { from to } totalCount truncated warnings
  totals { currency endingMrr lapsedMrr endingCount lapsedCount }
  renewals { id reference clientId type state endDate daysLeft term monthlyValue currency nextInvoiceDate templateIds
    blockHours { includedHours usedHours overageHours currentPeriod { from to } prepayBalance } }
} }`;

describe('contract renewals', () => {
  it('lists ending and lapsed contracts with their value at risk and block hours', async () => {
    const { data, errors, requests } = await cold(RENEWALS);
    expect(errors).toBeUndefined();
    const result = data.contractRenewals;
    expect(result).toMatchObject({
      today: '2026-06-15',
      days: 90,
      window: { from: '2026-06-15', to: '2026-09-13' },
    });
    expect(result.renewals).toEqual(expected.renewals);
    expect(result.totals).toEqual(expected.renewalTotals);
    expect(result).toMatchObject({ totalCount: 4, truncated: false });
    // Contracts once; a detail read per listed contract; templates once; block-hour contracts'
    // tickets (one read each) and their actions.
    expect(lines(requests)).toEqual(
      [
        '/api/ClientContract?includeinactive=true',
        ...[401, 402, 404, 408].map((id) => `/api/ClientContract/${id}?includedetails=true`),
        '/api/RecurringInvoice?includelines=true',
        '/api/Tickets?contract_id=402',
        '/api/Tickets?contract_id=404',
        ...actionsOf(102, 201),
      ].sort(),
    );
  });
});

const SLA = `query ($groupBy: SlaGroupBy, $clientId: Int) {
  slaPerformance(groupBy: $groupBy, clientId: $clientId) {
    period { from to } now
    overall { ...F }
    groups { key name ...G }
    breachCount breaches { ticketId measure target actual haloState }
    atRiskCount atRisk { ticketId fixBy hoursLeft }
    disagreements warnings
  }
}
fragment M on SlaMeasureFigures { met breached pending noTarget compliance }
fragment F on SlaFigures { ticketCount excludedCount response { ...M } resolution { ...M } }
fragment G on SlaGroup { ticketCount excludedCount response { ...M } resolution { ...M } }`;

describe('SLA performance', () => {
  it('judges response and resolution by their dates, per team, in two ticket reads', async () => {
    const { data, errors, requests } = await cold(SLA, { groupBy: 'TEAM' });
    expect(errors).toBeUndefined();
    const sla = data.slaPerformance;
    expect(sla.period).toEqual({ from: '2026-03-18', to: '2026-06-15' });
    expect(sla.now).toBe(fixture.NOW);
    expect(sla.overall).toEqual(expected.slaOverall);
    expect(sla.groups).toEqual(expected.slaByTeam);
    expect(sla.breachCount).toBe(3);
    expect(sla.breaches).toEqual(expected.slaBreaches);
    expect(sla.atRiskCount).toBe(2);
    expect(sla.atRisk).toEqual(expected.slaAtRisk);
    expect(sla.disagreements).toBe(1);
    expect(sla.warnings).toEqual([
      "1 verdict(s) disagree with Halo's own slastate / slaresponsestate (I inside, O outside); the figures follow the dates.",
    ]);
    expect(lines(requests)).toEqual(
      [
        '/api/Tickets?datesearch=dateoccured&enddate=2026-06-15T23:59:59&startdate=2026-03-18T00:00:00',
        '/api/Tickets?open_only=true',
      ].sort(),
    );
  });
});

const RECEIVABLES = `{ receivablesAging {
  today totalClients truncated warnings
  clients { clientId currency totalDue buckets { ...D } invoiceCount partPaidCount oldest { id number dueDate daysOverdue amountDue } }
  totals { currency totalDue buckets { ...D } invoiceCount partPaidCount clientCount openCredits openCreditCount }
} }
fragment D on DueBuckets { notDue days1To30 days31To60 days61To90 over90 }`;

describe('receivables aging', () => {
  it('ages what is still due per client and currency from one invoice read', async () => {
    const { data, errors, requests } = await cold(RECEIVABLES);
    expect(errors).toBeUndefined();
    const aging = data.receivablesAging;
    expect(aging.clients).toEqual(expected.receivableRows);
    expect(aging.totals).toEqual(expected.receivableTotals);
    expect(aging.warnings).toEqual([
      '1 open invoice(s) have no due date (duedate); they are aged from their invoice date.',
      'Invoices are in 3 currencies; totals are per currency and never added together.',
    ]);
    expect(lines(requests)).toEqual([
      '/api/Invoice?includecredits=true&includeinvoices=true&includelines=false&includepoinvoices=false',
    ]);
  });
});

const OVERVIEW = `query ($id: Int!) { clientOverview(clientId: $id) {
  client { id name } period { from to } today warnings
  service { opened closed openNow topTypes { name count } chargeableHours nonChargeableHours
    sla { ticketCount excludedCount response { ...M } resolution { ...M } } }
  money { currency mrr arr recurring nonRecurring invoicedTotal
    unbilled { hours value unvaluedHours entryCount prepayHours }
    receivables { currency totalDue invoiceCount partPaidCount } }
  agreements { id endDate daysLeft blockHours { includedHours usedHours overageHours prepayBalance } }
  estate { assetCount byType { name count } warrantiesEnding { id name type warrantyEnd } }
  labour { cost uncostedHours margin marginShare agents { agentId agentName hours costPrice cost } }
} }
fragment M on SlaMeasureFigures { met breached pending noTarget compliance }`;

describe('client overview', () => {
  it("answers Acme's quarter from one set of reads shared by every section", async () => {
    const { data, errors, requests } = await cold(OVERVIEW, { id: fixture.ACME });
    expect(errors).toBeUndefined();
    const overview = data.clientOverview;
    expect(overview.client).toEqual({ id: 1, name: 'Acme Ltd' });
    expect(overview.period).toEqual({ from: '2026-03-18', to: '2026-06-15' });
    expect(overview.service).toEqual(expected.acmeOverview.service);
    expect(overview.money).toEqual({
      ...expected.acmeOverview.money,
      receivables: [{ currency: 'GBP', totalDue: 1900, invoiceCount: 3, partPaidCount: 1 }],
    });
    expect(overview.agreements).toEqual(expected.acmeOverview.agreements);
    expect(overview.estate).toEqual(expected.acmeOverview.estate);
    expect(overview.labour).toEqual(expected.acmeOverview.labour);
    expect(lines(requests)).toEqual(
      [
        '/api/Client/1',
        '/api/Tickets?client_id=1&datesearch=dateoccured&enddate=2026-06-15T23:59:59&startdate=2026-03-18T00:00:00',
        '/api/Tickets?client_id=1&datesearch=datecleared&enddate=2026-06-15T23:59:59&startdate=2026-03-18T00:00:00',
        '/api/Tickets?client_id=1&open_only=true',
        '/api/RecurringInvoice?client_id=1&includelines=true',
        '/api/ClientContract?client_id=1&includeinactive=true',
        '/api/Invoice?client_id=1&includecredits=true&includeinvoices=true&includelines=true&includepoinvoices=false',
        '/api/Asset?client_id=1&includeinactive=true',
        AGENTS,
        ...[401, 402, 403].map((id) => `/api/ClientContract/${id}?includedetails=true`),
        ...actionsOf(101, 102),
      ].sort(),
    );
  });

  it('omits labour margin with a warning when no agent who worked for the client has a cost price', async () => {
    const { data } = await cold(OVERVIEW, { id: fixture.GAMMA });
    expect(data.clientOverview.labour).toBeNull();
    expect(data.clientOverview.warnings).toContain(
      'No agent who logged time for this client carries a costprice, so labour cost and margin are omitted.',
    );
  });
});

describe('bad input', () => {
  it('is refused before any upstream request', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['query { unbilledTime(from: "2026-06-01", to: "2026-05-01") { today } }', {}, /must not be after/],
      ['query { unbilledTime(limit: 0) { today } }', {}, /limit must be from 1 to 500, got 0/],
      ['query { contractRenewals(days: 0) { today } }', {}, /days must be from 1 to 730, got 0/],
      ['query { slaPerformance(clientId: -3) { now } }', {}, /client id must be a positive whole number/],
      ['query { slaPerformance(hours: 0) { now } }', {}, /hours must be from 1 to 720/],
      ['query { receivablesAging(limit: 501) { today } }', {}, /limit must be from 1 to 500/],
      ['query { clientOverview(clientId: 1, from: "2019-01-01") { today } }', {}, /longer than 5 years/],
    ];
    for (const [query, variables, message] of cases) {
      const { errors, requests } = await cold(query, variables);
      expect(errors?.[0]?.message).toMatch(message);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(requests).toEqual([]);
    }
  });
});

describe('through a real MCP client', () => {
  it('answers every analytics tool with structured content and a readable text', async () => {
    const unbilled = await h.call('unbilled_time', { client: 'Acme' });
    expect(unbilled.result.isError).toBeFalsy();
    expect(unbilled.data.unbilledTime.clients).toEqual([expected.unbilledAll.clients[0]]);
    expect(unbilled.text).toContain('Unbilled time: 7.5 h worth 590 across 1 client (1 h without a value)');
    // The name is resolved by a client search, then the same reads as by id.
    expect(lines(unbilled.requests)).toEqual(
      [
        '/api/Client?includeactive=true&includeinactive=true&order=name&search=Acme',
        '/api/Tickets?billableonly=true&client_id=1&ready_for_invoicing=true',
        ...actionsOf(101, 102),
        AGENTS,
      ].sort(),
    );

    const renewals = await h.call('contract_renewals', {});
    expect(renewals.data.contractRenewals.renewals.map((r: { id: number }) => r.id)).toEqual([
      404, 402, 401, 408,
    ]);
    expect(renewals.text).toContain(
      '4 contracts: 3 ending within 90 days (by 2026-09-13), 1 lapsed without a successor. Monthly value ending: (no currency) 400, GBP 1000; lapsed: (no currency) 400, GBP 0.',
    );
    expect(renewals.requests).toHaveLength(10);

    const sla = await h.call('sla_performance', { group_by: 'TEAM' });
    expect(sla.data.slaPerformance.overall).toEqual(expected.slaOverall);
    expect(sla.text).toContain(
      'Response 50% met, resolution 50% met over 7 tickets opened 2026-03-18..2026-06-15',
    );
    expect(sla.requests).toHaveLength(2);

    const aging = await h.call('receivables_aging', {});
    expect(aging.data.receivablesAging.totals).toEqual(expected.receivableTotals);
    expect(aging.text).toContain('Due: EUR 1050, GBP 1950, USD 1000 on 7 open invoices as of 2026-06-15');
    expect(aging.requests).toHaveLength(1);

    const overview = await h.call('client_overview', { client_id: 1 });
    expect(overview.data.clientOverview.labour).toEqual(expected.acmeOverview.labour);
    expect(overview.text).toContain(
      'Client #1, 2026-03-18..2026-06-15: 2 tickets opened, 1 closed, 1 open now; SLA response 50%, resolution 100%. MRR 1300 GBP, invoiced 1750 (recurring 1000); unbilled 6.5 h worth 590; due GBP 1900. Labour cost 505, margin 1245.',
    );
    // Halo free text (names, summaries) stays inside the data fence.
    expect(overview.text.split('~~~halo-data')[0]).not.toContain('Acme');
    expect(overview.requests).toHaveLength(14);
  });
});
