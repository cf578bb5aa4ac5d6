import { fingerprint, getById, oursPagePrint, pageThenEach } from './naive.js';
import type { NaiveTool, Structured } from './tool.js';

export const getClient: NaiveTool = {
  recipe: 'GET client, account manager; its sites and contacts, then GET each site and contact',
  async run(ctx, args) {
    const client = await ctx.halo.getOne('clients', Number(args.client_id), { includedetails: true });
    const [, sites, users] = await Promise.all([
      getById(ctx.halo, 'agents', client.accountmanagertech),
      ctx.halo.list('sites', { client_id: client.id, includeinactive: true }),
      ctx.halo.list('users', { client_id: client.id }),
    ]);
    await Promise.all([
      ctx.each(sites.records, (s) => getById(ctx.halo, 'sites', s.id)),
      ctx.each(users.records, (u) => getById(ctx.halo, 'users', u.id)),
    ]);
    return fingerprint({ id: client.id, sites: sites.records.length, contacts: users.records.length });
  },
  ours: ({ client }: Structured) =>
    fingerprint({ id: client.id, sites: client.sites.length, contacts: client.contacts.length }),
};

export const listClients: NaiveTool = {
  recipe: 'client page, then per client GET its main site',
  run: (ctx, args) =>
    pageThenEach(
      ctx,
      'clients',
      { search: args.search, includeactive: true, includeinactive: false, order: 'name' },
      async (c) => (await getById(ctx.halo, 'sites', c.main_site_id))?.name,
    ),
  ours: ({ clients }: Structured) => oursPagePrint(clients, (c) => c.mainSiteName),
};

export const listAssets: NaiveTool = {
  recipe: 'asset page, then per asset GET its client',
  run: (ctx, args) =>
    pageThenEach(
      ctx,
      'assets',
      { client_id: args.client_id, includeactive: true, includeinactive: false },
      async (a) => (await getById(ctx.halo, 'clients', a.client_id))?.name,
    ),
  ours: ({ assets }: Structured) => oursPagePrint(assets, (a) => (a.client as Structured)?.name),
};

export const getAsset: NaiveTool = {
  recipe: 'GET asset, client, site, contract, each linked asset; its tickets, per ticket GET status',
  async run(ctx, args) {
    const asset = await ctx.halo.getOne('assets', Number(args.asset_id), { includedetails: true });
    const links = [...(asset.parent_assets ?? []), ...(asset.child_assets ?? [])];
    const [, , , , tickets] = await Promise.all([
      getById(ctx.halo, 'clients', asset.client_id),
      getById(ctx.halo, 'sites', asset.site_id),
      getById(ctx.halo, 'contracts', asset.contract_id),
      ctx.each(links, (link) => getById(ctx.halo, 'assets', link.id)),
      ctx.halo.list(
        'tickets',
        { asset_id: asset.id, order: 'dateoccurred', orderdesc: true },
        { pageNo: 1, pageSize: 10 },
      ),
    ]);
    await ctx.each(tickets.records, (t) => getById(ctx.halo, 'statuses', t.status_id));
    return fingerprint({ id: asset.id, linked: links.length, tickets: tickets.recordCount });
  },
  ours: ({ asset }: Structured) =>
    fingerprint({
      id: asset.id,
      linked: (asset.parents?.length ?? 0) + (asset.children?.length ?? 0),
      tickets: asset.tickets.totalCount,
    }),
};

export const listReports: NaiveTool = {
  recipe: 'report page',
  run: (ctx) => pageThenEach(ctx, 'reports', {}),
  ours: ({ reports }: Structured) => oursPagePrint(reports),
};

export const runReport: NaiveTool = {
  recipe: 'GET report with loadreport',
  async run(ctx, args) {
    const body = (await ctx.halo.get(`Report/${Number(args.report_id)}`, { loadreport: true })) as Structured;
    return fingerprint({ rows: body?.report?.rows?.length });
  },
  ours: ({ runReport }: Structured) => fingerprint({ rows: runReport.rowCount }),
};
