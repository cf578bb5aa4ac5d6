import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ids, rows, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.sim.stop());

describe('simulator list envelopes', () => {
  const enveloped: Array<[string, string, number[]]> = [
    ['Tickets', 'tickets', [1001, 1002, 1003]],
    ['Projects', 'tickets', [2001, 2002]],
    ['Actions?ticket_id=1001', 'actions', [1, 2, 3]],
    ['Client', 'clients', [21, 22]],
    ['Site', 'sites', [31, 32]],
    ['Users', 'users', [41, 42]],
    ['ClientContract', 'contracts', [501]],
    ['Invoice', 'invoices', [601, 602, 603]],
    ['RecurringInvoice', 'invoices', [-802, -801]],
    ['Asset', 'assets', [701, 703]],
    ['Report', 'reports', [901, 902]],
  ];
  it.each(enveloped)('wraps %s as {record_count, %s}', async (path, key, expected) => {
    const answer = await h.get(path);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.json as object)).toEqual(['record_count', key]);
    expect((answer.json as { record_count: number }).record_count).toBe(expected.length);
    expect(ids(answer, key)).toEqual(expected);
  });

  it.each([
    ['Agent', [2, 3]],
    ['Team', [1, 2]],
    ['Status', [1, 2, 8, 9]],
    ['TicketType', [1, 2, 3]],
  ])('returns %s as a bare array', async (path, expected) => {
    const answer = await h.get(path);
    expect(Array.isArray(answer.json)).toBe(true);
    expect(ids(answer)).toEqual(expected);
  });

  it('returns priorities as a bare array with GUID string ids', async () => {
    const list = rows(await h.get('Priority'));
    expect(list).toHaveLength(4);
    expect(list.every((p) => typeof p.id === 'string' && typeof p.priorityid === 'number')).toBe(true);
  });

  it('answers record_count 0 for Actions without a ticket_id', async () => {
    expect((await h.get('Actions')).json).toEqual({ record_count: 0, actions: [] });
  });

  it('serves paths case-insensitively', async () => {
    expect(ids(await h.get('tickets'), 'tickets')).toEqual([1001, 1002, 1003]);
    expect(ids(await h.get('CLIENTCONTRACT'), 'contracts')).toEqual([501]);
    expect((await h.get('site/31')).status).toBe(200);
  });
});

describe('simulator single records', () => {
  it('returns the bare object of a detail GET', async () => {
    const ticket = (await h.get('Tickets/1001')).json as Record<string, unknown>;
    expect(ticket.id).toBe(1001);
    expect(ticket.details_html).toBe('<p>The big printer keeps jamming.</p>');
  });

  it('adds the nested priority object on ticket detail only', async () => {
    const detail = (await h.get('Tickets/1002')).json as Record<string, unknown>;
    expect(detail.priority).toEqual({
      priorityid: 3,
      name: 'Medium (Premium)',
      responsetime: 2,
      fixtime: 12,
    });
    const listed = rows(await h.get('Tickets'), 'tickets').find((t) => t.id === 1002);
    expect(listed).not.toHaveProperty('priority');
    expect(rows(await h.get('Tickets'), 'tickets')[0]).not.toHaveProperty('details_html');
  });

  it('keys actions by ticket and id', async () => {
    const first = (await h.get('Actions/2?ticket_id=1001')).json as Record<string, unknown>;
    const second = (await h.get('Actions/2?ticket_id=1002')).json as Record<string, unknown>;
    expect([first.ticket_id, first.outcome]).toEqual([1001, 'Status Change']);
    expect([second.ticket_id, second.outcome]).toEqual([1002, 'Closed']);
    expect((await h.get('Actions/9?ticket_id=1001')).status).toBe(404);
  });

  it('answers 404 with a .NET exception body for unknown ids', async () => {
    for (const path of ['Tickets/999999', 'Client/-5', 'Invoice/1', 'Priority/not-a-guid', 'Agent/99']) {
      const answer = await h.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.json).toMatchObject({ ClassName: 'System.Exception' });
    }
  });

  it('answers 400 with a .NET exception body for a non-numeric id', async () => {
    const answer = await h.get('Tickets/abc');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ ClassName: 'System.Exception', Message: "The value 'abc' is not valid." });
    expect((await h.get('Priority/%E0%A4%A')).status).toBe(400);
  });

  it('answers 404 for resources Halo does not have', async () => {
    expect((await h.get('Contract')).status).toBe(404);
    expect((await h.get('Tickets/1001/extra')).status).toBe(404);
  });

  it('finds a priority by its GUID, whatever the case', async () => {
    const answer = await h.get('Priority/6F1C2D3E-0000-4000-8000-000000000013');
    expect((answer.json as Record<string, unknown>).name).toBe('Medium (Premium)');
  });

  it('sends invoice lines on detail always and on the list only with includelines', async () => {
    expect(rows(await h.get('Invoice'), 'invoices')[0]).not.toHaveProperty('lines');
    expect(rows(await h.get('Invoice?includelines=true'), 'invoices')[0]?.lines).toHaveLength(1);
    expect(((await h.get('Invoice/601')).json as { lines: unknown[] }).lines).toHaveLength(1);
    expect(rows(await h.get('RecurringInvoice'), 'invoices')[0]).not.toHaveProperty('lines');
    expect(((await h.get('RecurringInvoice/-801')).json as { lines: unknown[] }).lines).toHaveLength(1);
  });

  it('keeps contract billing plans and periods to the detail GET', async () => {
    const listed = rows(await h.get('ClientContract'), 'contracts')[0];
    expect(listed).not.toHaveProperty('billingplans');
    expect(listed).not.toHaveProperty('billing_period_string');
    const detail = (await h.get('ClientContract/501')).json as Record<string, unknown>;
    expect(detail.billingplans).toHaveLength(1);
    expect(detail.periods).toHaveLength(1);
  });

  it('runs a saved report only with loadreport=true', async () => {
    const plain = (await h.get('Report/901')).json as Record<string, unknown>;
    expect(plain).not.toHaveProperty('report');
    expect(plain).not.toHaveProperty('rows');
    const loaded = (await h.get('Report/901?loadreport=true')).json as Record<string, unknown>;
    expect(loaded.report).toMatchObject({
      loaded: true,
      rows: [
        { client: 'Acme Ltd', open: 2 },
        { client: 'Globex Corporation', open: 0 },
      ],
    });
    expect(rows(await h.get('Report'), 'reports')[0]).not.toHaveProperty('rows');
  });

  it('sends note_html on actions only with includehtmlnote', async () => {
    expect(rows(await h.get('Actions?ticket_id=1001'), 'actions')[0]).not.toHaveProperty('note_html');
    const html = rows(await h.get('Actions?ticket_id=1001&includehtmlnote=true'), 'actions')[0];
    expect(html?.note_html).toBe('<p>Cleared the jam remotely.</p>');
  });
});

describe('simulator wire quirks', () => {
  it('writes Site.client_id and Users.site_id as decimals in the JSON text', async () => {
    const sites = await h.get('Site?client_id=21');
    expect(sites.text).toContain('"client_id":21.0');
    expect(sites.text).not.toContain('"client_id":21,');
    const user = await h.get('Users/41');
    expect(user.text).toContain('"site_id":31.0');
    expect(user.text).toContain('"site_id_int":31,');
    expect(user.text).toContain('"client_id":21,');
  });

  it('sends zone-less datetimes, sentinel dates and -1 ids as stored', async () => {
    const ticket = await h.get('Tickets/1001');
    expect(ticket.text).toContain('"dateoccurred":"2026-01-10T09:15:00"');
    expect(ticket.text).toContain('"targetdate":"1900-01-01T00:00:00"');
    expect((await h.get('Tickets/1002')).text).toContain('"contract_id":-1');
  });
});

describe('simulator read-only guard', () => {
  it('refuses and logs every non-GET on /api', async () => {
    h.sim.log.reset();
    const token = await h.token();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const answer = await h.request('/api/Tickets', {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '[{"summary":"x"}]',
      });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.get('allow')).toBe('GET');
    }
    const refused = h.sim.log.apiRequests().filter((entry) => entry.method !== 'GET');
    expect(refused.map((entry) => [entry.method, entry.status])).toEqual([
      ['POST', 405],
      ['PUT', 405],
      ['PATCH', 405],
      ['DELETE', 405],
    ]);
  });
});
