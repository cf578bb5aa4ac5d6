import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReferenceCache } from '../../src/graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../../src/graphql/yoga.js';
import type { HaloInvoice } from '../../src/halo/types.js';
import { dayStart } from '../../src/revenue/dates.js';
import { emptyDataset } from '../../src/simulator/index.js';
import { startTestHalo, type TestHalo } from '../helpers/halo.js';

// HALO_TIMEZONE decides the calendar day of an invoice (docs/halo-api.md §8.8), both in what is
// read from Halo (the date window sent upstream) and in what is shown. In Auckland (UTC+13 in
// December) an invoice dated 1 December local midnight is stored as 30 November 11:00 UTC.

const ZONE = 'Pacific/Auckland';

function invoice(id: number, storedUtc: string): HaloInvoice {
  return {
    id,
    invoicenumber: `INV-${id}`,
    client_id: 1,
    invoice_date: storedUtc,
    total: 120,
    tax_total: 20,
    amountdue: 0,
    currency: 'NZD',
    recurring_invoice_id: -1,
    lines: [{ id: id * 10, qty_order: 1, unit_price: 100, net_amount: 100, recurring_invoice_id: -1 }],
  };
}

let halo: TestHalo;
let yoga: HaloYoga;

beforeAll(async () => {
  const data = emptyDataset('2026-12-15');
  data.clients.push({ id: 1, name: 'Client 1' });
  data.invoices.push(
    invoice(1, '2026-11-30T10:59:00'), // 30 Nov 23:59 in Auckland: outside December
    invoice(2, '2026-11-30T11:00:00'), // 1 Dec 00:00 in Auckland
    invoice(3, '2026-12-31T10:30:00'), // 31 Dec 23:30 in Auckland
    invoice(4, '2026-12-31T11:00:00'), // 1 Jan 00:00 in Auckland: outside December
  );
  halo = await startTestHalo({ dataset: data });
  const reference = createReferenceCache(halo.client, halo.config.referenceTtlMs);
  yoga = createHaloYoga({ halo: halo.client, reference, today: () => '2026-12-15', timeZone: ZONE });
});
afterAll(() => halo.stop());

async function run(query: string) {
  halo.sim.log.reset();
  const response = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

describe('HALO_TIMEZONE and invoice days', () => {
  it('finds the instant a local day begins, across offsets and a DST change', () => {
    expect(dayStart('2026-12-01', 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(dayStart('2026-12-01', ZONE).toISOString()).toBe('2026-11-30T11:00:00.000Z');
    expect(dayStart('2026-07-01', ZONE).toISOString()).toBe('2026-06-30T12:00:00.000Z');
    expect(dayStart('2026-03-29', 'Europe/London').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(dayStart('2026-03-30', 'Europe/London').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(dayStart('2026-12-01', 'America/New_York').toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });

  it('lists the invoices of the local days asked for, dated by the local day, in one request', async () => {
    const result = await run(
      '{ invoices(filter: {from: "2026-12-01", to: "2026-12-31", includeVoided: true}) { totalCount items { id date } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.invoices).toEqual({
      totalCount: 2,
      items: [
        { id: 3, date: '2026-12-31' },
        { id: 2, date: '2026-12-01' },
      ],
    });
    const requests = halo.sim.log.apiRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.query).toMatchObject({
      invoicedatestart: '2026-11-30T11:00:00.000Z',
      invoicedateend: '2026-12-31T10:59:59.999Z',
    });
  });

  it("counts a client's revenue by the local day: the 1 December invoice is December's", async () => {
    const result = await run(
      '{ revenueBreakdown(clientId: 1, from: "2026-12-01", to: "2026-12-31") { client { byCurrency { invoiceCount total } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.revenueBreakdown.client.byCurrency).toEqual([{ invoiceCount: 2, total: 200 }]);
  });
});
