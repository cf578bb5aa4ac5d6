import type { HaloSite } from '../../halo/types.js';
import { builder } from '../builder.js';
import { loadOrNotFound, loadRelated } from './args.js';
import { ClientRef, ContactRef, SiteRef } from './refs.js';

SiteRef.implement({
  description: 'A location of a client (Halo "Site"). Tickets, contacts and assets belong to sites.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    clientName: t.exposeString('client_name', { description: 'Client name as stored on the site.' }),
    client: t.field({
      type: ClientRef,
      resolve: (s, _args, ctx) => loadRelated(ctx.loaders.client, s.client_id),
    }),
    phone: t.exposeString('phonenumber', { description: 'Main phone number.' }),
    timezone: t.exposeString('timezone', { description: 'Time zone name as Halo stores it.' }),
    address: t.stringList({
      nullable: false,
      description: 'Delivery address, one line per entry, blank lines left out.',
      resolve: addressOf,
    }),
    inactive: t.boolean({
      nullable: false,
      description: 'Archived in Halo.',
      resolve: (s) => s.inactive === true,
    }),
    isInvoiceSite: t.boolean({
      nullable: false,
      description: 'Whether invoices are addressed to this site.',
      resolve: (s) => s.isinvoicesite === true,
    }),
    mainContactName: t.exposeString('maincontact_name', {
      description: 'Name of the site’s main contact (Halo fills it on the detail form only).',
    }),
    mainContact: t.field({
      type: ContactRef,
      description: 'The site’s main contact.',
      resolve: (s, _args, ctx) => loadRelated(ctx.loaders.contact, s.maincontact_id),
    }),
    notes: t.exposeString('notes', { description: 'Free-text notes kept on the site.' }),
  }),
});

function addressOf(site: HaloSite): string[] {
  const lines = [
    site.delivery_address_line1,
    site.delivery_address_line2,
    site.delivery_address_line3,
    site.delivery_address_line4,
    site.delivery_address_line5,
  ];
  return lines.flatMap((line) => (line?.trim() ? [line.trim()] : []));
}

builder.objectFields(ClientRef, (t) => ({
  sites: t.field({
    type: [SiteRef],
    nullable: false,
    description: 'Every site of the client, inactive ones included (see Site.inactive).',
    resolve: (c, _args, ctx) => ctx.loaders.sitesByClient.load(c.id),
  }),
  mainSite: t.field({
    type: SiteRef,
    description: 'The client’s main site.',
    // Read with the client's other sites, so `sites` and `mainSite` together cost one request.
    resolve: async (c, _args, ctx) => {
      if (c.main_site_id == null) return null;
      const sites = await ctx.loaders.sitesByClient.load(c.id);
      return sites.find((s) => s.id === c.main_site_id) ?? loadRelated(ctx.loaders.site, c.main_site_id);
    },
  }),
}));

builder.queryFields((t) => ({
  site: t.field({
    type: SiteRef,
    nullable: false,
    description: 'One site by id.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.site, args.id, 'site'),
  }),
}));
