import type { HaloContract } from '../../halo/types.js';
import { omitFields, RowFilter } from '../listing.js';
import { activeInactive, type Endpoint, envelopedEndpoint } from './endpoint.js';

/** `ContractHeader` fields missing from `ContractHeader_List`: only the single GET has them. */
const DETAIL_ONLY = [
  'sla_name',
  'billing_period_string',
  'billing_description_string',
  'termmonths',
  'rollingcontract',
  'percentageincrease',
  'nextincrementdate',
  'chargehoursperperiod',
  'chargerollover',
  'costperperiod',
  'invoicedescription',
  'startbalance',
  'contract_prepaytotal',
  'contract_prepayused',
  'contract_prepaybalance',
  'assets',
  'users',
  'sites',
  'periods',
  'billingplans',
  'schedule',
  'scheduleplan',
];

export const contractEndpoint: Endpoint = envelopedEndpoint<HaloContract>({
  name: 'ClientContract',
  key: 'contracts',
  table: (ix) => ix.contracts,
  byClient: true,
  filter: (q) =>
    new RowFilter<HaloContract>(q)
      .eq('site_id', (c) => c.site_id)
      .where(activeInactive(q, (c) => c.active === false))
      .search('search', (c) => [c.ref, c.refextra, c.client_name, c.contracttype_name]),
  listRow: (contract) => omitFields(contract, DETAIL_ONLY),
});
