import type { HaloAsset } from '../../halo/types.js';
import { omitFields, RowFilter } from '../listing.js';
import { activeInactive, type Endpoint, envelopedEndpoint } from './endpoint.js';

/** `Device` fields missing from `Device_List`. */
const DETAIL_ONLY = ['users', 'parent_assets', 'child_assets', 'children', 'services', 'notes'];

export const assetEndpoint: Endpoint = envelopedEndpoint<HaloAsset>({
  name: 'Asset',
  key: 'assets',
  table: (ix) => ix.assets,
  byClient: true,
  filter: (q) =>
    new RowFilter<HaloAsset>(q)
      .eq('site_id', (a) => a.site_id)
      .eq('assettype_id', (a) => a.assettype_id)
      .oneOf('assettypes', (a) => a.assettype_id)
      .eq('contract_id', (a) => a.contract_id)
      .where(activeInactive(q, (a) => a.inactive === true))
      .search('search', (a) => [
        a.inventory_number,
        a.key_field,
        a.key_field2,
        a.key_field3,
        a.client_name,
        a.site_name,
        a.username,
        a.assettype_name,
      ]),
  listRow: (asset) => omitFields(asset, DETAIL_ONLY),
});
