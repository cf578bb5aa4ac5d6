import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ids, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.stop());

async function idsOf(path: string, key?: string): Promise<unknown[]> {
  const answer = await h.get(path);
  expect(answer.status, `${path}: ${answer.text}`).toBe(200);
  return ids(answer, key);
}

describe('simulator ticket filters', () => {
  it.each([
    ['client_id=21', [1001, 1002]],
    ['client_ids=21,22', [1001, 1002, 1003]],
    ['client_ids=22&client_ids=21', [1001, 1002, 1003]],
    ['site_id=32', [1002]],
    ['site=33', [1003]],
    ['user_id=41', [1001]],
    ['agent_id=3', [1002]],
    ['agent=1&agent=2', [1001, 1003]],
    ['status_id=9', [1002]],
    ['status=1,8', [1001, 1003]],
    ['priority=1,3', [1002, 1003]],
    ['requesttype_id=2', [1002]],
    ['requesttype=1', [1001, 1003]],
    ['team=1', [1001, 1003]],
    ['team=2', [1002]],
    ['open_only=true', [1001]],
    ['closed_only=true', [1002, 1003]],
    ['contract_id=501', [1001]],
    ['asset_id=701', [1001]],
    ['ticketids=1003,1001', [1001, 1003]],
    ['search=PRINTER', [1001]],
    ['search=globex', [1003]],
    ['search_summary=laptop', [1002]],
    ['datesearch=dateoccured&startdate=2026-02-01&enddate=2026-02-28T23:59:59', [1002, 1003]],
    ['startdate=2026-02-01T08:00:00Z', [1002, 1003]],
    ['datesearch=datecleared&startdate=2026-02-21T00:00:00', [1003]],
    ['datesearch=datecleared&enddate=2026-02-04', [1002]],
    ['made_up_param=1', [1001, 1002, 1003]],
  ])('filters /Tickets?%s', async (query, expected) => {
    expect(await idsOf(`Tickets?${query}`, 'tickets')).toEqual(expected);
  });

  it('keeps projects and their tasks out of /Tickets unless the project domain is asked for', async () => {
    expect(await idsOf('Tickets?domain=prjs', 'tickets')).toEqual([2001, 2002]);
    // includeprojects is a filter: 2 = projects only, 1 = opportunities only (none here), 0 = neither.
    expect(await idsOf('Tickets?includeprojects=2', 'tickets')).toEqual([2001, 2002]);
    expect(await idsOf('Tickets?includeprojects=1', 'tickets')).toEqual([]);
    expect(await idsOf('Tickets?includeprojects=0', 'tickets')).toEqual([1001, 1002, 1003]);
    expect(await idsOf('Tickets?ticketids=1001,2001&includeprojects=2', 'tickets')).toEqual([2001]);
  });

  it('answers 400 for a malformed date or id in a filter', async () => {
    const date = await h.get('Tickets?datesearch=dateoccured&startdate=31/31/2026');
    expect(date.status).toBe(400);
    expect(date.json).toEqual({
      ClassName: 'System.Exception',
      Message: "String '31/31/2026' was not recognized as a valid DateTime.",
    });
    expect((await h.get('Tickets?client_id=acme')).status).toBe(400);
  });
});

describe('simulator project filters', () => {
  it.each([
    ['', [2001, 2002]],
    ['parent_id=2001', [2002]],
    ['open_only=true', [2001, 2002]],
    ['closed_only=true', []],
    ['client_id=22', []],
    ['search=office', [2001, 2002]],
  ])('filters /Projects?%s', async (query, expected) => {
    expect(await idsOf(`Projects?${query}`, 'tickets')).toEqual(expected);
  });
});

describe('simulator action filters', () => {
  it.each([
    ['', [1, 2, 3]],
    ['agentonly=true', [1, 3]],
    ['excludesys=true', [1, 3]],
    ['timeentriesonly=true', [1]],
    ['excludeprivate=true', [1, 2]],
    ['startdate=2026-01-10T09:31:00&enddate=2026-01-31', [2, 3]],
    ['count=1', [1]],
  ])('filters /Actions?ticket_id=1001&%s', async (query, expected) => {
    expect(await idsOf(`Actions?ticket_id=1001&${query}`, 'actions')).toEqual(expected);
  });

  it('keeps end-user actions when excluding system ones', async () => {
    expect(await idsOf('Actions?ticket_id=1002&excludesys=true', 'actions')).toEqual([1, 2]);
  });
});

describe('simulator client, site and user filters', () => {
  it.each([
    ['Client?includeinactive=true', [21, 22, 23]],
    ['Client?includeinactive=true&includeactive=false', [23]],
    ['Client?search=glob', [22]],
    ['Client?toplevel_id=2&includeinactive=true', [23]],
    ['Site?client_id=21', [31, 32]],
    ['Site?client_id=22', []],
    ['Site?client_id=22&includeinactive=true', [33]],
    ['Site?site_id=32', [32]],
    ['Site?search=ware', [32]],
    ['Users?client_id=21', [41]],
    ['Users?client_id=21&includeinactive=true', [41, 43]],
    ['Users?site_id=33', [42]],
    ['Users?search=wile@', [41]],
  ])('filters %s', async (path, expected) => {
    const key = path.split('?')[0] === 'Client' ? 'clients' : path.startsWith('Site') ? 'sites' : 'users';
    expect(await idsOf(path, key)).toEqual(expected);
  });
});

describe('simulator contract, invoice and asset filters', () => {
  it.each([
    ['ClientContract?client_id=21', 'contracts', [501]],
    ['ClientContract?includeinactive=true', 'contracts', [501, 502]],
    ['ClientContract?search=globex&includeinactive=true', 'contracts', [502]],
    ['Invoice?client_id=21', 'invoices', [601, 602]],
    ['Invoice?client_ids=22,21', 'invoices', [601, 602, 603]],
    ['Invoice?ticket_id=1003', 'invoices', [603]],
    ['Invoice?contract_id=501', 'invoices', [601]],
    ['Invoice?recurringinvoice_id=-801', 'invoices', [601]],
    ['Invoice?paymentstatuses=0,-1', 'invoices', [601, 603]],
    [
      'Invoice?invoicedatestart=2026-02-01T00:00:00.000Z&invoicedateend=2026-02-28T00:00:00Z',
      'invoices',
      [602, 603],
    ],
    ['Invoice?datesearch=invoice_date&start_date=2026-02-22&end_date=2026-03-31', 'invoices', [602]],
    ['Invoice?search=inv-0603', 'invoices', [603]],
    ['RecurringInvoice?client_id=22', 'invoices', [-802]],
    ['RecurringInvoice?contract_id=501', 'invoices', [-801]],
    ['Asset?client_id=21', 'assets', [701, 703]],
    ['Asset?includeinactive=true', 'assets', [701, 702, 703]],
    ['Asset?site_id=31&assettype_id=5', 'assets', [701]],
    ['Asset?contract_id=501', 'assets', [701]],
    ['Asset?search=dock', 'assets', [703]],
    ['Report?search=revenue', 'reports', [902]],
  ])('filters %s', async (path, key, expected) => {
    expect(await idsOf(path, key)).toEqual(expected);
  });
});

describe('simulator agent and lookup filters', () => {
  it.each([
    ['Agent?includeunassigned=true', [1, 2, 3]],
    ['Agent?includedisabled=true', [2, 3, 4]],
    ['Agent?includedisabled=true&includeenabled=false', [4]],
    ['Agent?team_id=1', [2]],
    ['Agent?team_id=2', [3]],
    ['Agent?search=builder', [3]],
    ['Team?includedisabled=true', [1, 2, 3]],
    ['Priority?slaid=2', ['6f1c2d3e-0000-4000-8000-000000000013']],
  ])('filters %s', async (path, expected) => {
    expect(await idsOf(path)).toEqual(expected);
  });
});
