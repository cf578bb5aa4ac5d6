import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { type Harness, rows, startHarness } from './harness.js';

/** A generated tenant with Halo's negative template ids and schedules, whatever the generator's defaults. */
function realShapes(): Dataset {
  const data = generateDataset({ size: 'tiny' });
  const negative = (id: number) => (id > 0 ? -id : id);
  for (const template of data.recurringInvoices) {
    template.id = negative(template.id);
    template.schedule ??= { period: 2, every: 1 } as never;
    for (const line of template.lines ?? []) line.ihid = template.id;
  }
  for (const invoice of data.invoices) {
    for (const line of invoice.lines ?? []) {
      if (typeof line.recurring_invoice_id === 'number' && line.recurring_invoice_id > 0) {
        line.recurring_invoice_id = negative(line.recurring_invoice_id);
      }
    }
  }
  return data;
}

describe('simulator --variant different-halo (a response-shaping layer over real shapes)', () => {
  let real: Harness;
  let different: Harness;
  beforeAll(async () => {
    const dataset = realShapes();
    real = await startHarness({ dataset });
    different = await startHarness({ dataset, variant: 'different-halo' });
  });
  afterAll(async () => {
    await real.sim.stop();
    await different.sim.stop();
  });

  it('serves template ids positive, and a template at its positive id', async () => {
    const stored = real.sim.data.recurringInvoices[0]!;
    expect(stored.id).toBeLessThan(0);
    const list = rows(
      await different.get('RecurringInvoice?pageinate=true&page_size=100&page_no=1'),
      'invoices',
    );
    expect(list.length).toBe(real.sim.data.recurringInvoices.length);
    expect(list.every((t) => typeof t.id === 'number' && t.id > 0)).toBe(true);
    const detail = await different.get(`RecurringInvoice/${-stored.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json).toMatchObject({ id: -stored.id });
    expect((await real.get(`RecurringInvoice/${stored.id}`)).json).toMatchObject({ id: stored.id });
  });

  it('drops schedule from templates, on lists and details', async () => {
    const id = -real.sim.data.recurringInvoices[0]!.id;
    expect(rows(await real.get('RecurringInvoice'), 'invoices').some((t) => t.schedule !== undefined)).toBe(
      true,
    );
    expect(
      rows(await different.get('RecurringInvoice'), 'invoices').some((t) => t.schedule !== undefined),
    ).toBe(false);
    expect((await different.get(`RecurringInvoice/${id}`)).json).not.toHaveProperty('schedule');
  });

  it('links generated invoice lines to positive template ids', async () => {
    const invoice = real.sim.data.invoices.find((i) =>
      i.lines?.some((l) => (l.recurring_invoice_id ?? 0) < -1),
    )!;
    const lines = (
      (await different.get(`Invoice/${invoice.id}`)).json as {
        lines: Array<{ recurring_invoice_id: number }>;
      }
    ).lines;
    expect(lines.some((l) => l.recurring_invoice_id > 0)).toBe(true);
    expect(lines.some((l) => l.recurring_invoice_id < -1)).toBe(false);
  });

  it('answers /ClientContract with a bare array', async () => {
    const query = 'ClientContract?pageinate=true&page_size=100&page_no=1';
    const answer = await different.get(query);
    const envelope = (await real.get(query)).json as { record_count: number; contracts: unknown[] };
    expect(Array.isArray(answer.json)).toBe(true);
    expect(answer.json).toEqual(envelope.contracts);
    expect(envelope.record_count).toBeGreaterThan(0);
  });

  it('ignores the invoice include flags: the same list whatever is asked', async () => {
    const count = async (query: string) =>
      (
        (await different.get(`Invoice?pageinate=true&page_size=1&page_no=1&${query}`)).json as {
          record_count: number;
        }
      ).record_count;
    const invoicesOnly = await count('includeinvoices=true&includecredits=false&includepoinvoices=false');
    expect(await count('includecredits=true')).toBe(invoicesOnly);
    expect(await count('')).toBe(invoicesOnly);
    expect(different.sim.log.entries.every((e) => e.method === 'GET' || e.path === '/auth/token')).toBe(true);
  });
});
