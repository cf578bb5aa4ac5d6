import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDataset, manyTickets } from './fixture.js';
import { type Harness, ids, rows, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  const dataset = fixtureDataset();
  dataset.tickets.push(...manyTickets(250));
  h = await startHarness({ dataset });
});
afterAll(() => h.sim.stop());

const TOTAL = 253; // 3 service tickets + 250 bulk ones (projects are not in /Tickets)

describe('simulator paging', () => {
  it('caps a page at 100 rows whatever page_size asks, with the total in record_count', async () => {
    const answer = await h.get('Tickets?pageinate=true&page_size=1000&page_no=1');
    const body = answer.json as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['page_no', 'page_size', 'record_count', 'tickets']);
    expect(body).toMatchObject({ page_no: 1, page_size: 100, record_count: TOTAL });
    expect(rows(answer, 'tickets')).toHaveLength(100);
  });

  it('walks pages past the 100 cap until record_count is reached', async () => {
    const seen: unknown[] = [];
    for (let page = 1; page <= 3; page++) {
      seen.push(...ids(await h.get(`Tickets?pageinate=true&page_size=100&page_no=${page}`), 'tickets'));
    }
    expect(seen).toHaveLength(TOTAL);
    expect(new Set(seen).size).toBe(TOTAL);
    const past = await h.get('Tickets?pageinate=true&page_size=100&page_no=4');
    expect(past.json).toMatchObject({ record_count: TOTAL, tickets: [] });
  });

  it('caps page_size at 100 on every paged endpoint', async () => {
    const dataset = fixtureDataset();
    dataset.clients.push(...Array.from({ length: 150 }, (_, i) => ({ id: 1000 + i, name: `Client ${i}` })));
    const other = await startHarness({ dataset });
    try {
      const answer = await other.get('Client?pageinate=true&page_size=999&page_no=2');
      expect(answer.json).toMatchObject({ page_no: 2, page_size: 100, record_count: 152 });
      expect(rows(answer, 'clients')).toHaveLength(52);
    } finally {
      await other.sim.stop();
    }
  });

  it('returns the first 50 rows when neither pageinate nor count is given', async () => {
    const answer = await h.get('Tickets');
    expect(Object.keys(answer.json as object)).toEqual(['record_count', 'tickets']);
    expect((answer.json as { record_count: number }).record_count).toBe(TOTAL);
    expect(rows(answer, 'tickets')).toHaveLength(50);
  });

  it('honours count without pageinate, beyond 100', async () => {
    expect(rows(await h.get('Tickets?count=7'), 'tickets')).toHaveLength(7);
    expect(rows(await h.get('Tickets?count=200'), 'tickets')).toHaveLength(200);
  });

  it('uses 50 rows per page when pageinate has no page_size', async () => {
    const answer = await h.get('Tickets?pageinate=true&page_no=6');
    expect(answer.json).toMatchObject({ page_no: 6, page_size: 50, record_count: TOTAL });
    expect(rows(answer, 'tickets')).toHaveLength(3);
  });

  it('ignores pageinate on Actions, which page with count only', async () => {
    const answer = await h.get('Actions?ticket_id=1001&pageinate=true&page_size=1&page_no=2');
    expect(Object.keys(answer.json as object)).toEqual(['record_count', 'actions']);
    expect(ids(answer, 'actions')).toEqual([1, 2, 3]);
    expect(ids(await h.get('Actions?ticket_id=1001&count=2'), 'actions')).toEqual([1, 2]);
  });
});

describe('simulator ordering', () => {
  it('orders by id ascending by default', async () => {
    expect(ids(await h.get('Tickets?count=3'), 'tickets')).toEqual([1001, 1002, 1003]);
  });

  it('orders by a field, descending with orderdesc', async () => {
    const asc = rows(await h.get('Client?order=name'), 'clients').map((c) => c.name);
    expect(asc).toEqual(['Acme Ltd', 'Globex Corporation']);
    const desc = rows(await h.get('Client?order=name&orderdesc=true'), 'clients').map((c) => c.name);
    expect(desc).toEqual(['Globex Corporation', 'Acme Ltd']);
  });

  it('breaks ties with order2 and accepts the dateoccured spelling', async () => {
    const answer = await h.get('Tickets?client_id=22&order=dateoccured&orderdesc=true&count=500');
    expect(ids(answer, 'tickets')).toEqual([1003]);
    const byStatus = await h.get(
      'Tickets?ticketids=1001,1002,5001,5002&order=status_id&order2=id&orderdesc2=true',
    );
    expect(ids(byStatus, 'tickets')).toEqual([5002, 1001, 5001, 1002]);
  });

  it('sorts dates chronologically', async () => {
    const answer = await h.get('Tickets?ticketids=1001,1002,1003&order=dateoccurred&orderdesc=true');
    expect(ids(answer, 'tickets')).toEqual([1003, 1002, 1001]);
  });
});
