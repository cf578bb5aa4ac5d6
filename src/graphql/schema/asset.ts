import type { HaloAsset, HaloAssetField } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { contractOf, loadOrNotFound, loadRelated, namedRelation, optionalId, searchText } from './args.js';
import { PageInput, pageArray, pageOf, pageType, toPage } from './page.js';
import { AssetRef, ClientRef, ContactRef, ContractRef, SiteRef } from './refs.js';
import { TicketFilter, TicketPage, ticketQuery } from './ticket.js';

const DETAIL_ONLY = 'Only on the single-asset read (`asset(id)`); null on list rows.';

/** Linked assets named on a detail read, loaded in one batch; ids Halo no longer has are dropped. */
async function linkedAssets(
  links: HaloAsset['child_assets'],
  ctx: GraphQLContext,
): Promise<HaloAsset[] | null> {
  if (!links) return null;
  const rows = await Promise.all(links.map((link) => ctx.loaders.asset.load(link.id)));
  return rows.filter((row): row is HaloAsset => row !== null);
}

AssetRef.implement({
  description:
    'A configuration item: device, licence or other tracked thing (Halo `Asset`, spec `Device`). Assets have no name field: `name` is the first key field.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    tag: t.exposeString('inventory_number', { description: 'Asset tag (`inventory_number`).' }),
    name: t.exposeString('key_field', {
      description: "The asset type's first key field (`key_field`), which Halo shows as the asset's name.",
    }),
    keyFields: t.stringList({
      nullable: false,
      description:
        "Values of the asset type's second and third key fields (`key_field2`, `key_field3`), when set.",
      resolve: (a) =>
        [a.key_field2, a.key_field3].filter((v): v is string => typeof v === 'string' && v !== ''),
    }),
    type: t.exposeString('assettype_name', { description: 'Asset type name.' }),
    typeId: t.int({ resolve: (a) => a.assettype_id ?? null }),
    status: t.exposeString('status_name', { description: 'Asset status name.' }),
    inactive: t.boolean({ nullable: false, resolve: (a) => a.inactive === true }),
    contactName: t.exposeString('username', { description: 'Name of the contact the asset is assigned to.' }),
    warrantyStart: t.field({ type: 'Date', resolve: (a) => a.warranty_start }),
    warrantyEnd: t.field({ type: 'Date', resolve: (a) => a.warranty_end }),
    supplierName: t.exposeString('supplier_name'),
    notes: t.exposeString('notes', { description: `Free-text notes. ${DETAIL_ONLY}` }),
    fields: t.field({
      type: [AssetFieldRef],
      nullable: false,
      description: "The asset type's fields with their values (`fields`).",
      resolve: (a) => a.fields ?? [],
    }),
    customFields: t.field({
      type: [AssetFieldRef],
      nullable: false,
      description: 'Custom fields set on the asset (`customfields`).',
      resolve: (a) => a.customfields ?? [],
    }),
    client: t.field({
      type: ClientRef,
      resolve: (a, _args, ctx, info) => namedRelation(info, a.client_id, a.client_name, ctx.loaders.client),
    }),
    site: t.field({
      type: SiteRef,
      resolve: (a, _args, ctx, info) => namedRelation(info, a.site_id, a.site_name, ctx.loaders.site),
    }),
    contract: t.field({
      type: ContractRef,
      description: 'The contract covering the asset.',
      resolve: (a, _args, ctx, info) => contractOf(a, info, ctx.loaders.contract),
    }),
    users: t.field({
      type: [ContactRef],
      description: `Contacts who use the asset. ${DETAIL_ONLY}`,
      resolve: (a) => a.users ?? null,
    }),
    parent: t.field({
      type: AssetRef,
      description: 'The asset this one belongs to (`parent_id`).',
      resolve: (a, _args, ctx) => loadRelated(ctx.loaders.asset, a.parent_id),
    }),
    parents: t.field({
      type: [AssetRef],
      description: `Assets this one is linked under (\`parent_assets\`). ${DETAIL_ONLY}`,
      resolve: (a, _args, ctx) => linkedAssets(a.parent_assets, ctx),
    }),
    children: t.field({
      type: [AssetRef],
      description: `Assets linked under this one (\`child_assets\`). ${DETAIL_ONLY}`,
      resolve: (a, _args, ctx) => linkedAssets(a.child_assets, ctx),
    }),
    tickets: t.field({
      type: TicketPage,
      nullable: false,
      description:
        "Tickets logged against the asset (Halo's `asset_id` ticket filter), optionally narrowed further; filtered and paged by Halo.",
      args: { filter: t.arg({ type: TicketFilter }), page: t.arg({ type: PageInput }) },
      resolve: async (a, args, ctx) => {
        const paging = pageOf(args.page);
        const query = { ...ticketQuery(args.filter ?? {}), asset_id: a.id };
        const result = await ctx.halo.list('tickets', query, paging);
        ctx.loaders.prime('tickets', result.records);
        return toPage(result, paging);
      },
    }),
  }),
});

const AssetFieldRef = builder.objectRef<HaloAssetField>('AssetField').implement({
  description: 'One named field of an asset and its value (spec `FieldHelper` / `CustomField`).',
  fields: (t) => ({
    name: t.exposeString('name'),
    value: t.field({
      type: 'JSON',
      description: 'The stored value, as Halo sends it.',
      resolve: (f) => f.value,
    }),
    display: t.exposeString('display', { description: 'The value as Halo displays it.' }),
  }),
});

const AssetPage = pageType<HaloAsset>('Asset', AssetRef, 'A page of assets.');

builder.objectField(ClientRef, 'assets', (t) =>
  t.field({
    type: AssetPage,
    nullable: false,
    description: "The client's assets; active ones unless includeInactive.",
    args: { includeInactive: t.arg.boolean({ defaultValue: false }), page: t.arg({ type: PageInput }) },
    resolve: async (client, args, ctx) => {
      const paging = pageOf(args.page);
      const assets = await ctx.loaders.assetsByClient.load(client.id);
      return pageArray(args.includeInactive ? assets : assets.filter((a) => a.inactive !== true), paging);
    },
  }),
);

builder.queryFields((t) => ({
  asset: t.field({
    type: AssetRef,
    nullable: false,
    description: 'One asset by id, with its users and linked assets.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.asset, args.id, 'asset'),
  }),
  assets: t.field({
    type: AssetPage,
    nullable: false,
    description: 'Assets matching every condition of the filter; active ones unless includeInactive.',
    args: { filter: t.arg({ type: AssetFilter }), page: t.arg({ type: PageInput }) },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const f = args.filter;
      const query = {
        client_id: optionalId(f?.clientId, 'clientId'),
        site_id: optionalId(f?.siteId, 'siteId'),
        assettype_id: optionalId(f?.typeId, 'typeId'),
        search: searchText(f?.search),
        includeactive: true,
        includeinactive: f?.includeInactive === true,
      };
      const result = await ctx.halo.list('assets', query, paging);
      ctx.loaders.prime('assets', result.records);
      return toPage(result, paging);
    },
  }),
}));

const AssetFilter = builder.inputType('AssetFilter', {
  description: 'Narrows the asset list; all conditions must hold.',
  fields: (t) => ({
    clientId: t.int(),
    siteId: t.int(),
    typeId: t.int({ description: 'Asset type id.' }),
    search: t.string({ description: "Halo's free-text `search` (tag, key fields...)." }),
    includeInactive: t.boolean({ defaultValue: false }),
  }),
});
