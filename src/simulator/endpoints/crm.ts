import type { HaloClient, HaloSite, HaloUser } from '../../halo/types.js';
import { omitFields, RowFilter } from '../listing.js';
import { activeInactive, type Endpoint, envelopedEndpoint } from './endpoint.js';

const inactive = (row: { inactive?: boolean }) => row.inactive === true;

export const clientEndpoint: Endpoint = envelopedEndpoint<HaloClient>({
  name: 'Client',
  key: 'clients',
  table: (ix) => ix.clients,
  filter: (q) =>
    new RowFilter<HaloClient>(q)
      .eq('toplevel_id', (c) => c.toplevel_id)
      .where(activeInactive(q, inactive))
      .search('search', (c) => [c.name, c.ref, c.website]),
});

/** `Site.client_id` is a double in Halo's model: it goes out as `21.0`. */
export const siteEndpoint: Endpoint = envelopedEndpoint<HaloSite>({
  name: 'Site',
  key: 'sites',
  table: (ix) => ix.sites,
  byClient: true,
  filter: (q) =>
    new RowFilter<HaloSite>(q)
      .eq('site_id', (s) => s.id)
      .where(activeInactive(q, inactive))
      .search('search', (s) => [s.name, s.client_name, s.clientsite_name]),
  listRow: (site) => omitFields(site, ['maincontact_name', 'datecreated']),
  decimalFields: ['client_id'],
});

/** `Users.site_id` is a double in Halo's model (`site_id_int` is its integer twin). */
export const usersEndpoint: Endpoint = envelopedEndpoint<HaloUser>({
  name: 'Users',
  key: 'users',
  table: (ix) => ix.users,
  byClient: true,
  filter: (q) =>
    new RowFilter<HaloUser>(q)
      .eq('site_id', (u) => u.site_id)
      .where(activeInactive(q, inactive))
      .search('search', (u) => [
        u.name,
        u.firstname,
        u.surname,
        u.emailaddress,
        u.phonenumber,
        u.mobilenumber,
      ]),
  listRow: (user) => omitFields(user, ['datecreated']),
  decimalFields: ['site_id'],
});
