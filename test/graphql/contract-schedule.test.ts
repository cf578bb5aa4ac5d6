import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { useGraphQLHarness } from '../helpers/graphql.js';

const h = useGraphQLHarness({ dataset: generateDataset({ size: 'demo', today: '2026-03-15' }) });

describe('contract schedule', () => {
  it('shows the scheduled charges of a contract from its detail read, earliest first', async () => {
    const contract = h.sim.data.contracts.find((c) => (c.schedule?.length ?? 0) > 1)!;
    expect(contract).toBeDefined();
    const res = await h.run(
      `query($id: Int!) { contract(id: $id) { id schedule { date amount sequence note } } }`,
      { id: contract.id },
    );
    expect(res.errors).toBeUndefined();
    const expected = [...contract.schedule!]
      .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
      .map((e) => ({ date: e.date!.slice(0, 10), amount: e.amount, sequence: e.seq, note: e.note }));
    expect(res.data.contract).toEqual({ id: contract.id, schedule: expected });
    expect(h.requests().map((r) => r.path)).toEqual([`/api/ClientContract/${contract.id}`]);
  });

  it('leaves the schedule null on list rows, where Halo does not send it', async () => {
    const contract = h.sim.data.contracts.find((c) => (c.schedule?.length ?? 0) > 0)!;
    const res = await h.run(
      `query($client: Int!) {
        contracts(filter: { clientId: $client, activeOnly: false }, page: { pageSize: 100 }) { items { id schedule { date } } }
      }`,
      { client: contract.client_id },
    );
    expect(res.errors).toBeUndefined();
    const row = (res.data.contracts as { items: Array<{ id: number; schedule: unknown }> }).items.find(
      (c) => c.id === contract.id,
    );
    expect(row).toEqual({ id: contract.id, schedule: null });
  });
});
