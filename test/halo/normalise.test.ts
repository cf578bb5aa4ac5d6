import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { isDateKey, isIdKey, normalise, normaliseDateTime } from '../../src/halo/normalise.js';
import { emptyDataset } from '../../src/simulator/dataset.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';

describe('normalise', () => {
  it('turns decimal id strings into integers under id-like keys only', () => {
    expect(normalise({ client_id: '21.0', site_id: 21, ref: '21.0', id: '7.00' })).toEqual({
      client_id: 21,
      site_id: 21,
      ref: '21.0',
      id: 7,
    });
  });

  it('turns -1 into null under id-like keys, whatever their spelling', () => {
    const wire = {
      id: -1,
      agent_id: -1,
      priorityid: -1,
      slaid: -1,
      ihid: -1,
      _itemid: -1,
      sitenumber: -1,
      accountmanagertech: -1,
      default_sla: '-1.0',
    };
    expect(Object.values(normalise<Record<string, unknown>>(wire))).toEqual(Array(9).fill(null));
  });

  it('keeps -1 where it is a value, not a reference', () => {
    expect(normalise({ paymentstatus: -1, amountpaid: -1, total: -1, stopped: -1 })).toEqual({
      paymentstatus: -1,
      amountpaid: -1,
      total: -1,
      stopped: -1,
    });
  });

  it('keeps a GUID priority id as a string', () => {
    const guid = '4f1c5d2a-9b7e-4c3a-8d6f-0a1b2c3d4e5f';
    expect(normalise({ id: guid, priorityid: 2, slaid: 1 })).toEqual({ id: guid, priorityid: 2, slaid: 1 });
  });

  it('reads zone-less datetimes as UTC and converts offsets to UTC', () => {
    expect(
      normalise({
        dateoccurred: '2026-06-29T15:41:46.637',
        lastactiondate: '2026-06-30T16:04:28.36',
        datetime: '2019-08-02T14:35:55.618Z',
        date: '2026-08-05T05:32:44.99+00:00',
        fixbydate: '2026-01-01T10:00:00+02:00',
      }),
    ).toEqual({
      dateoccurred: '2026-06-29T15:41:46.637Z',
      lastactiondate: '2026-06-30T16:04:28.36Z',
      datetime: '2019-08-02T14:35:55.618Z',
      date: '2026-08-05T05:32:44.990Z',
      fixbydate: '2026-01-01T08:00:00.000Z',
    });
  });

  it('nulls unset-date sentinels and empty dates but keeps other empty text', () => {
    expect(
      normalise({
        targetdate: '1900-01-01T00:00:00',
        fixbydate: '1899-12-30T00:00:00',
        datepaid: '0001-01-01T00:00:00Z',
        dateclosed: '',
        warranty_end: '',
        summary: '',
        status_message_update_public: '',
      }),
    ).toEqual({
      targetdate: null,
      fixbydate: null,
      datepaid: null,
      dateclosed: null,
      warranty_end: null,
      summary: '',
      status_message_update_public: '',
    });
  });

  it('walks nested objects and arrays', () => {
    const wire = {
      invoices: [
        {
          id: 5,
          sitenumber: '3.0',
          invoice_date: '2026-03-01T00:00:00',
          lines: [{ id: 1, ihid: 5, _itemid: -1, startdate: '1900-01-01T00:00:00' }],
        },
      ],
      agent: { teams: [{ team_id: -1, department_id: '2.0' }] },
    };
    expect(normalise(wire)).toEqual({
      invoices: [
        {
          id: 5,
          sitenumber: 3,
          invoice_date: '2026-03-01T00:00:00Z',
          lines: [{ id: 1, ihid: 5, _itemid: null, startdate: null }],
        },
      ],
      agent: { teams: [{ team_id: null, department_id: 2 }] },
    });
  });

  it('leaves non-datetime strings alone', () => {
    expect(normaliseDateTime('2026-01-01')).toBeUndefined();
    expect(normaliseDateTime('Server 2026-01-01T00:00:00')).toBeUndefined();
    expect(normaliseDateTime('1900-01-01')).toBeNull();
  });

  it('classifies keys', () => {
    expect(['id', 'client_id', 'who_agentid', 'chid', 'creditlinkedtoinvoiceid'].every(isIdKey)).toBe(true);
    expect(['amountpaid', 'paymentstatus', 'name', 'total'].some(isIdKey)).toBe(false);
    expect(['dateoccurred', 'last_update', 'warranty_start', 'next_invoice_date'].every(isDateKey)).toBe(
      true,
    );
    expect(['status_message_update_public', 'duedatename', 'assetdateformat'].some(isDateKey)).toBe(false);
  });
});

describe('normalisation of simulator responses (quirks on)', () => {
  const guid = '0b6a1c54-3f0e-4d36-9a55-6c1f2e7d9b10';
  let halo: TestHalo;
  beforeAll(async () => {
    const data = emptyDataset('2026-01-15');
    data.clients.push({ id: 21, name: 'Acme', accountmanagertech: -1 });
    data.sites.push({ id: 4, name: 'HQ', client_id: 21 });
    data.users.push({ id: 8, name: 'Jo', client_id: 21, site_id: 4, site_id_int: 4 });
    data.priorities.push({ id: guid, priorityid: 2, slaid: -1, name: 'High' });
    data.tickets.push({
      id: 10,
      summary: 'Printer',
      client_id: 21,
      status_id: 1,
      agent_id: -1,
      sla_id: -1,
      dateoccurred: '2026-01-10T09:30:00.5',
      targetdate: '1900-01-01T00:00:00',
      fixbydate: '1899-12-30T00:00:00',
    });
    data.invoices.push({
      id: 3,
      client_id: 21,
      sitenumber: -1,
      paymentstatus: -1,
      invoice_date: '2026-01-05T00:00:00',
      lines: [{ id: 1, ihid: 3, _itemid: -1, qty_order: 1, unit_price: 10 }],
    });
    halo = await startTestHalo({ dataset: data });
  });
  afterAll(() => halo.stop());

  it('turns decimal ids on the wire into integers', async () => {
    const bodies: string[] = [];
    const capture: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/api/Site')) bodies.push(await response.clone().text());
      return response;
    };
    const sites = await createHaloClient(halo.config, { fetch: capture }).list('sites');
    expect(bodies[0]).toContain('"client_id":21.0');
    expect(sites.records[0]).toMatchObject({ id: 4, client_id: 21 });
    const users = await halo.client.list('users');
    expect(users.records[0]).toMatchObject({ site_id: 4, site_id_int: 4 });
  });

  it('nulls -1 references and unset dates and gives datetimes a zone', async () => {
    const ticket = await halo.client.getOne('tickets', 10);
    expect(ticket).toMatchObject({
      agent_id: null,
      sla_id: null,
      dateoccurred: '2026-01-10T09:30:00.5Z',
      targetdate: null,
      fixbydate: null,
    });
    const client = await halo.client.getOne('clients', 21);
    expect(client.accountmanagertech).toBeNull();
  });

  it('keeps the priority GUID and non-id -1 values', async () => {
    const priorities = await halo.client.list('priorities');
    expect(priorities.records[0]).toMatchObject({ id: guid, priorityid: 2, slaid: null });
    const invoice = await halo.client.getOne('invoices', 3, { includedetails: true });
    expect(invoice).toMatchObject({
      paymentstatus: -1,
      sitenumber: null,
      invoice_date: '2026-01-05T00:00:00Z',
      lines: [{ id: 1, ihid: 3, _itemid: null }],
    });
  });
});

describe('normalisation of a generated dataset', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ size: 'tiny' });
  });
  afterAll(() => halo.stop());

  /** Every wire quirk left in a value, with the path where it was found. */
  function leftovers(value: unknown, path = '$', key = ''): string[] {
    if (Array.isArray(value)) return value.flatMap((item, i) => leftovers(item, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      return Object.entries(value).flatMap(([k, v]) => leftovers(v, `${path}.${k}`, k));
    }
    if (value === -1 && isIdKey(key)) return [`${path} = -1`];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(value)) return [`${path} zone-less`];
    if (typeof value === 'string' && /^(1900-01-01|1899-12-30)/.test(value)) return [`${path} sentinel`];
    return [];
  }

  it('leaves no wire quirk in any list the client reads', async () => {
    const lists = await Promise.all([
      halo.client.list('tickets'),
      halo.client.list('clients'),
      halo.client.list('sites'),
      halo.client.list('users'),
      halo.client.list('contracts'),
      halo.client.list('invoices', { includelines: true }),
      halo.client.list('recurringInvoices', { includelines: true }),
      halo.client.list('assets'),
      halo.client.list('agents'),
      halo.client.list('priorities'),
    ]);
    expect(lists.every((list) => list.truncated === false)).toBe(true);
    expect(lists.reduce((sum, list) => sum + list.records.length, 0)).toBeGreaterThan(100);
    expect(lists.flatMap((list) => leftovers(list.records))).toEqual([]);
  });
});
