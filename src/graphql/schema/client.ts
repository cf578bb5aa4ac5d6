import { builder } from '../builder.js';
import { loadOrNotFound, loadRelated, searchText } from './args.js';
import { PageInput, pageOf, pageType, toPage } from './page.js';
import { AgentRef, ClientRef } from './refs.js';

ClientRef.implement({
  description: 'A customer organisation (Halo "Client", spec `Area`).',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    reference: t.exposeString('ref', { description: 'Account reference.' }),
    inactive: t.boolean({ nullable: false, resolve: (c) => c.inactive === true }),
    isVip: t.boolean({ nullable: false, resolve: (c) => c.is_vip === true }),
    website: t.exposeString('website'),
    notes: t.exposeString('notes'),
    topLevelName: t.exposeString('toplevel_name', {
      description: 'Top level (group) the client belongs to.',
    }),
    mainSiteName: t.exposeString('main_site_name'),
    mainContactName: t.exposeString('main_contact_name'),
    phone: t.exposeString('main_phonenumber'),
    openTicketCount: t.exposeInt('open_ticket_count', { description: 'Open tickets, as counted by Halo.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.datecreated }),
    accountManager: t.field({
      type: AgentRef,
      description: 'The agent who manages this account.',
      resolve: (c, _args, ctx) => loadRelated(ctx.loaders.agent, c.accountmanagertech),
    }),
  }),
});

const ClientPage = pageType<import('../../halo/types.js').HaloClient>(
  'Client',
  ClientRef,
  'A page of clients.',
);

builder.queryFields((t) => ({
  client: t.field({
    type: ClientRef,
    nullable: false,
    description: 'One client by id.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.client, args.id, 'client'),
  }),
  clients: t.field({
    type: ClientPage,
    nullable: false,
    description: 'Clients, optionally narrowed by a name search; active clients unless includeInactive.',
    args: {
      search: t.arg.string({ description: 'Part of the client name (case-insensitive).' }),
      includeInactive: t.arg.boolean({ defaultValue: false }),
      page: t.arg({ type: PageInput }),
    },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const search = searchText(args.search);
      const result = await ctx.halo.list(
        'clients',
        {
          search,
          includeactive: true,
          includeinactive: args.includeInactive === true,
          order: 'name',
        },
        paging,
      );
      return toPage(result, paging);
    },
  }),
}));
