import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HaloAsset, HaloTicket } from '../../src/halo/types.js';
import { type Dataset, emptyDataset } from '../../src/simulator/index.js';
import type { LogEntry } from '../../src/simulator/types.js';
import { type GraphQLHarness, startGraphQLHarness } from '../helpers/graphql.js';

const link = (a: HaloAsset) => ({ id: a.id, inventory_number: a.inventory_number, key_field: a.key_field });

function asset(id: number, clientId: number, fields: Partial<HaloAsset>): HaloAsset {
  return {
    id,
    inventory_number: `A-${id}`,
    key_field: `DEVICE-${id}`,
    client_id: clientId,
    client_name: `Client ${clientId}`,
    site_id: clientId * 10,
    assettype_id: 3,
    assettype_name: 'Laptop',
    status_id: 1,
    status_name: 'Live',
    inactive: false,
    parent_id: -1,
    contract_id: -1,
    warranty_start: '1900-01-01T00:00:00',
    warranty_end: '1900-01-01T00:00:00',
    ...fields,
  };
}

function assetDataset(): Dataset {
  const data = emptyDataset('2026-06-15');
  for (const id of [1, 2]) {
    data.clients.push({ id, name: `Client ${id}` });
    data.sites.push({ id: id * 10, name: `Site ${id}`, client_id: id });
    data.users.push({ id: id * 100, name: `Contact ${id}`, client_id: id, site_id: id * 10 });
  }
  data.users.push({ id: 101, name: 'Second user', client_id: 1, site_id: 10 });
  const server = asset(502, 1, { key_field: 'SRV-01', assettype_id: 4, assettype_name: 'Server' });
  const laptop = asset(500, 1, {
    key_field: 'LAPTOP-01',
    key_field2: 'SN-123',
    key_field3: '',
    username: 'Contact 1',
    parent_id: 502,
    supplier_name: 'Dell',
    notes: 'Spare charger in the cupboard',
    warranty_start: '2025-02-01T00:00:00',
    warranty_end: '2028-01-31T00:00:00',
    fields: [{ id: 1, name: 'RAM', value: 16, display: '16 GB' }],
    customfields: [{ id: 9, name: 'CFColour', label: 'Colour', value: 'Black', display: 'Black' }],
    users: [
      { id: 100, name: 'Contact 1', client_id: 1 },
      { id: 101, name: 'Second user', client_id: 1 },
    ],
  });
  const dock = asset(501, 1, {
    key_field: 'DOCK-01',
    assettype_id: 5,
    assettype_name: 'Dock',
    parent_id: 500,
  });
  laptop.parent_assets = [link(server)];
  laptop.child_assets = [link(dock)];
  data.assets.push(
    laptop,
    dock,
    server,
    asset(503, 1, { key_field: 'OLD-01', inactive: true }),
    asset(600, 2, { key_field: 'LAPTOP-02' }),
  );
  data.tickets.push(
    {
      id: 7000,
      summary: 'Laptop will not boot',
      client_id: 1,
      status_id: 1,
      assets: [{ id: 500 }],
    } as HaloTicket,
    { id: 7001, summary: 'Keyboard sticky', client_id: 1, status_id: 9, assets: [{ id: 500 }] } as HaloTicket,
    { id: 7002, summary: 'Other device', client_id: 1, status_id: 1, assets: [{ id: 501 }] } as HaloTicket,
  );
  return data;
}

const paths = (entries: LogEntry[]) => entries.map((e) => e.path.replace(/^\/api/, '')).sort();

let h: GraphQLHarness;

beforeAll(async () => {
  h = await startGraphQLHarness({ dataset: assetDataset() });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.reference.clear();
  h.resetLog();
});

describe('assets', () => {
  it('reads one asset with its client, site, users, parent, linked assets and tickets', async () => {
    const result = await h.run(`{ asset(id: 500) {
      id tag name keyFields type typeId status inactive contactName warrantyStart warrantyEnd supplierName notes
      fields { name value display } customFields { name value display }
      client { id name } site { id name } contract { id }
      users { id name }
      parent { id name type }
      parents { id name }
      children { id name parent { id } }
      tickets(page: {pageSize: 10}) { totalCount items { id summary } }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.asset).toEqual({
      id: 500,
      tag: 'A-500',
      name: 'LAPTOP-01',
      keyFields: ['SN-123'],
      type: 'Laptop',
      typeId: 3,
      status: 'Live',
      inactive: false,
      contactName: 'Contact 1',
      warrantyStart: '2025-02-01',
      warrantyEnd: '2028-01-31',
      supplierName: 'Dell',
      notes: 'Spare charger in the cupboard',
      fields: [{ name: 'RAM', value: 16, display: '16 GB' }],
      customFields: [{ name: 'CFColour', value: 'Black', display: 'Black' }],
      client: { id: 1, name: 'Client 1' },
      site: { id: 10, name: 'Site 1' },
      contract: null,
      users: [
        { id: 100, name: 'Contact 1' },
        { id: 101, name: 'Second user' },
      ],
      parent: { id: 502, name: 'SRV-01', type: 'Server' },
      parents: [{ id: 502, name: 'SRV-01' }],
      children: [{ id: 501, name: 'DOCK-01', parent: { id: 500 } }],
      tickets: {
        totalCount: 2,
        items: [
          { id: 7001, summary: 'Keyboard sticky' },
          { id: 7000, summary: 'Laptop will not boot' },
        ],
      },
    });
    // Parent and linked assets: one batch (a list read); users come with the detail read. The
    // client is the row's `client_id` + `client_name`; the row names no site, so the site is read.
    const requests = h.requests();
    expect(paths(requests)).toEqual(['/Asset', '/Asset/500', '/Site/10', '/Tickets']);
    expect(requests.find((e) => e.path === '/api/Asset/500')?.query).toEqual({ includedetails: 'true' });
    expect(requests.find((e) => e.path === '/api/Tickets')?.query.asset_id).toBe('500');
  });

  it('lists a light row without detail-only relations and says so with nulls', async () => {
    const result = await h.run(
      '{ assets(filter: {clientId: 1, typeId: 3}) { totalCount items { id users { id } children { id } notes } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.assets).toEqual({
      totalCount: 1,
      items: [{ id: 500, users: null, children: null, notes: null }],
    });
    expect(h.requests()).toHaveLength(1);
    expect(h.requests()[0]!.query).toMatchObject({
      client_id: '1',
      assettype_id: '3',
      includeactive: 'true',
      includeinactive: 'false',
      pageinate: 'true',
      page_size: '25',
    });
  });

  it('finds assets by search, inactive ones only when asked', async () => {
    const result = await h.run(`{
      active: assets(filter: {search: "OLD"}) { totalCount }
      all: assets(filter: {search: "OLD", includeInactive: true}) { totalCount items { id inactive } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      active: { totalCount: 0 },
      all: { totalCount: 1, items: [{ id: 503, inactive: true }] },
    });
    expect(h.requests().map((e) => e.query.search)).toEqual(['OLD', 'OLD']);
  });

  it("pages each client's assets from one read for several clients", async () => {
    const result = await h.run(`{ clients(page: {pageSize: 2}) { items {
      id
      assets(page: {pageSize: 2}) { totalCount hasMore items { id } }
      everything: assets(includeInactive: true) { totalCount }
    } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.clients.items).toEqual([
      {
        id: 1,
        assets: { totalCount: 3, hasMore: true, items: [{ id: 500 }, { id: 501 }] },
        everything: { totalCount: 4 },
      },
      {
        id: 2,
        assets: { totalCount: 1, hasMore: false, items: [{ id: 600 }] },
        everything: { totalCount: 1 },
      },
    ]);
    expect(paths(h.requests())).toEqual(['/Asset', '/Client']);
  });

  it('answers HALO_NOT_FOUND naming the asset', async () => {
    const result = await h.run('{ asset(id: 4040) { id } }');
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'HALO_NOT_FOUND',
      entity: 'asset',
      id: 4040,
    });
    expect(paths(h.requests())).toEqual(['/Asset/4040']);
  });
});
