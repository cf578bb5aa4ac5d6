import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHaloDate } from '../../src/simulator/dates.js';
import { toWireJson } from '../../src/simulator/wire.js';
import { type Harness, startHarness } from './harness.js';

describe('simulator wire serialiser', () => {
  it('writes integer values of decimal fields as N.0 and leaves the rest alone', () => {
    const text = toWireJson(
      {
        record_count: 2,
        sites: [
          { id: 31, client_id: 21 },
          { id: 32, client_id: -1, name: 'x' },
        ],
      },
      { quirks: true, decimalFields: ['client_id'] },
    );
    expect(text).toBe(
      '{"record_count":2,"sites":[{"id":31,"client_id":21.0},{"id":32,"client_id":-1.0,"name":"x"}]}',
    );
  });

  it('cleans quirks when they are off', () => {
    const text = toWireJson(
      {
        id: 1,
        site_id: 31,
        priorityid: -1,
        amountpaid: -1,
        at: '2026-01-10T09:15:00.5',
        unset: '1900-01-01T00:00:00',
        z: '2026-01-10T09:15:00Z',
      },
      { quirks: false, decimalFields: ['site_id'] },
    );
    expect(JSON.parse(text)).toEqual({
      id: 1,
      site_id: 31,
      priorityid: null,
      amountpaid: -1,
      at: '2026-01-10T09:15:00.5Z',
      unset: null,
      z: '2026-01-10T09:15:00Z',
    });
    expect(text).toContain('"site_id":31,');
  });

  it('reads zone-less query dates as UTC and honours explicit offsets', () => {
    expect(parseHaloDate('2026-01-10T09:15:00')).toBe(Date.UTC(2026, 0, 10, 9, 15));
    expect(parseHaloDate('2026-01-10')).toBe(Date.UTC(2026, 0, 10));
    expect(parseHaloDate('2026-01-10T09:15:00.050Z')).toBe(Date.UTC(2026, 0, 10, 9, 15, 0, 50));
    expect(parseHaloDate('2026-01-10T10:15:00+01:00')).toBe(Date.UTC(2026, 0, 10, 9, 15));
    expect(parseHaloDate('10/01/2026')).toBeUndefined();
    expect(parseHaloDate('2026-13-45')).toBeUndefined();
  });
});

describe('simulator with quirks off', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ quirks: false });
  });
  afterAll(() => h.sim.stop());

  it('sends plain integers, zoned datetimes and nulls for sentinels and -1 ids', async () => {
    expect((await h.get('Site/31')).text).toContain('"client_id":21,');
    const ticket = (await h.get('Tickets/1001')).json as Record<string, unknown>;
    expect(ticket.dateoccurred).toBe('2026-01-10T09:15:00Z');
    expect(ticket.targetdate).toBeNull();
    expect(((await h.get('Tickets/1002')).json as Record<string, unknown>).contract_id).toBeNull();
  });
});
