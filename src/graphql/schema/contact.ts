import type { HaloUser } from '../../halo/types.js';
import { builder } from '../builder.js';
import { loadOrNotFound, loadRelated, optionalId, searchText } from './args.js';
import { PageInput, pageOf, pageType, toPage } from './page.js';
import { ClientRef, ContactRef, SiteRef } from './refs.js';

ContactRef.implement({
  description: 'A person at a client who raises tickets (Halo "User", an end user; not an agent).',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    firstName: t.exposeString('firstname'),
    surname: t.exposeString('surname'),
    jobTitle: t.exposeString('title', { description: 'Job title.' }),
    email: t.exposeString('emailaddress'),
    phone: t.exposeString('phonenumber'),
    mobile: t.exposeString('mobilenumber'),
    clientName: t.exposeString('client_name', { description: 'Client name as stored on the contact.' }),
    client: t.field({
      type: ClientRef,
      resolve: (u, _args, ctx) => loadRelated(ctx.loaders.client, u.client_id),
    }),
    siteName: t.exposeString('site_name', { description: 'Site name as stored on the contact.' }),
    site: t.field({
      type: SiteRef,
      resolve: (u, _args, ctx) => loadRelated(ctx.loaders.site, siteIdOf(u)),
    }),
    inactive: t.boolean({
      nullable: false,
      description: 'Archived in Halo.',
      resolve: (u) => u.inactive === true,
    }),
    isImportant: t.boolean({
      nullable: false,
      description: 'Flagged in Halo as an important contact (VIP).',
      resolve: (u) => u.isimportantcontact === true,
    }),
  }),
});

/** Halo sends `site_id` as a decimal and adds an integer twin on some builds. */
function siteIdOf(u: HaloUser): number | null | undefined {
  return u.site_id_int ?? u.site_id;
}

function matches(u: HaloUser, needle: string | undefined): boolean {
  if (needle === undefined) return true;
  return [u.name, u.emailaddress, u.phonenumber, u.mobilenumber].some((v) =>
    v?.toLowerCase().includes(needle),
  );
}

const CONTACT_LIST_NOTE = 'Read whole once per request with the client’s other contacts, then filtered here.';

builder.objectFields(ClientRef, (t) => ({
  contacts: t.field({
    type: [ContactRef],
    nullable: false,
    description: `The client’s contacts, by name. ${CONTACT_LIST_NOTE}`,
    args: {
      search: t.arg.string({ description: 'Part of the name, email or phone number (case-insensitive).' }),
      includeInactive: t.arg.boolean({ defaultValue: false, description: 'Include archived contacts.' }),
    },
    resolve: async (c, args, ctx) => {
      const needle = searchText(args.search)?.toLowerCase();
      const rows = await ctx.loaders.contactsByClient.load(c.id);
      return byName(
        rows.filter((u) => (args.includeInactive === true || u.inactive !== true) && matches(u, needle)),
      );
    },
  }),
}));

builder.objectFields(SiteRef, (t) => ({
  contacts: t.field({
    type: [ContactRef],
    nullable: false,
    description: `Active contacts based at this site, by name. ${CONTACT_LIST_NOTE}`,
    resolve: async (s, _args, ctx) => {
      if (s.client_id == null) return [];
      const rows = await ctx.loaders.contactsByClient.load(s.client_id);
      return byName(rows.filter((u) => siteIdOf(u) === s.id && u.inactive !== true));
    },
  }),
}));

function byName(rows: HaloUser[]): HaloUser[] {
  return [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

const ContactPage = pageType<HaloUser>('Contact', ContactRef, 'A page of contacts.');

const ContactFilter = builder.inputType('ContactFilter', {
  description: 'Narrows a contact list; every field is optional and they combine with AND.',
  fields: (t) => ({
    clientId: t.int({ description: 'Contacts of this client.' }),
    siteId: t.int({ description: 'Contacts based at this site.' }),
    search: t.string({ description: 'Halo’s contact search (name, email, login and other indexed fields).' }),
    includeInactive: t.boolean({ defaultValue: false, description: 'Include archived contacts.' }),
  }),
});

builder.queryFields((t) => ({
  contact: t.field({
    type: ContactRef,
    nullable: false,
    description: 'One contact by id.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.contact, args.id, 'contact'),
  }),
  contacts: t.field({
    type: ContactPage,
    nullable: false,
    description: 'Contacts by name, filtered by Halo.',
    args: { filter: t.arg({ type: ContactFilter }), page: t.arg({ type: PageInput }) },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const filter = args.filter ?? {};
      const query = {
        client_id: optionalId(filter.clientId, 'clientId'),
        site_id: optionalId(filter.siteId, 'siteId'),
        search: searchText(filter.search),
        includeactive: true,
        includeinactive: filter.includeInactive === true,
        order: 'name',
      };
      const result = await ctx.halo.list('users', query, paging);
      ctx.loaders.prime('users', result.records);
      return toPage(result, paging);
    },
  }),
}));
