import type { HaloAsset, HaloAssetField, HaloUser } from '../../halo/types.js';
import type { ClientProfile } from './clients.js';
import { addMonths, DAY_MS, SENTINEL_DATE, wireDate } from './dates.js';
import { type Random, WeightedTable } from './random.js';
import type { SizeSpec } from './sizes.js';

export const ASSET_ID_BASE = 5001;

interface AssetTypeSpec {
  id: number;
  name: string;
  prefix: string;
  models: ReadonlyArray<readonly [string, string]>;
  systems: readonly string[];
  licence?: boolean;
}

export const ASSET_TYPES = {
  laptop: {
    id: 1,
    name: 'Laptop',
    prefix: 'LAPTOP',
    models: [
      ['Dell', 'Latitude 5440'],
      ['Lenovo', 'ThinkPad T14 Gen 4'],
      ['HP', 'EliteBook 840 G10'],
      ['Apple', 'MacBook Air 13'],
    ],
    systems: ['Windows 11 Pro', 'Windows 11 Pro', 'Windows 10 Pro', 'macOS 14'],
  },
  desktop: {
    id: 2,
    name: 'Desktop',
    prefix: 'DESKTOP',
    models: [
      ['Dell', 'OptiPlex 7010'],
      ['HP', 'ProDesk 400 G9'],
      ['Lenovo', 'ThinkCentre M70q'],
    ],
    systems: ['Windows 11 Pro', 'Windows 10 Pro'],
  },
  server: {
    id: 3,
    name: 'Server',
    prefix: 'SRV',
    models: [
      ['Dell', 'PowerEdge R650'],
      ['HPE', 'ProLiant DL360 Gen10'],
    ],
    systems: ['Windows Server 2022', 'Windows Server 2019', 'VMware ESXi 8.0'],
  },
  virtualMachine: {
    id: 4,
    name: 'Virtual Machine',
    prefix: 'VM',
    models: [['VMware', 'Virtual Machine']],
    systems: ['Windows Server 2022', 'Ubuntu 22.04 LTS'],
  },
  firewall: {
    id: 5,
    name: 'Firewall',
    prefix: 'FW',
    models: [
      ['Fortinet', 'FortiGate 60F'],
      ['WatchGuard', 'Firebox T45'],
      ['SonicWall', 'TZ370'],
    ],
    systems: ['FortiOS 7.4', 'Fireware 12.10', 'SonicOS 7.0'],
  },
  switch: {
    id: 6,
    name: 'Switch',
    prefix: 'SW',
    models: [
      ['Ubiquiti', 'USW-24-PoE'],
      ['Cisco', 'CBS350-24P'],
      ['HPE Aruba', '2530-24G'],
    ],
    systems: ['Firmware 6.6', 'Firmware 3.3'],
  },
  printer: {
    id: 7,
    name: 'Printer',
    prefix: 'PRN',
    models: [
      ['Brother', 'MFC-L8900CDW'],
      ['HP', 'LaserJet Pro M479'],
      ['Kyocera', 'ECOSYS M5526'],
    ],
    systems: [],
  },
  licence: {
    id: 8,
    name: 'M365 Licence',
    prefix: 'M365',
    models: [
      ['Microsoft', 'Business Premium'],
      ['Microsoft', 'Business Standard'],
    ],
    systems: [],
    licence: true,
  },
} as const satisfies Record<string, AssetTypeSpec>;

export type AssetTypeKey = keyof typeof ASSET_TYPES;

const ASSET_STATUSES = new WeightedTable<readonly [number, string]>([
  [[1, 'Active'], 85],
  [[2, 'In Stock'], 5],
  [[3, 'In Repair'], 3],
  [[4, 'Retired'], 7],
]);

const ACTIVE = [1, 'Active'] as const;
const RETIRED = [4, 'Retired'] as const;

const FIELD = { serial: 1, manufacturer: 2, model: 3, system: 4, seats: 5 } as const;

function field(id: number, name: string, value: string): HaloAssetField {
  return { id, name, value, display: value };
}

export interface AssetInventory {
  assets: HaloAsset[];
  /** A client's assets of one type (for ticket summaries such as "LAPTOP-0042 will not power on"). */
  ofType(clientId: number, type: AssetTypeKey): readonly HaloAsset[];
}

/** The managed-services contract covering a client's assets today, if any. */
export type AssetContractLookup = (clientId: number) => { id: number; ref: string } | null;

export function buildAssets(
  random: Random,
  size: SizeSpec,
  profiles: readonly ClientProfile[],
  contractOf: AssetContractLookup,
  now: number,
): AssetInventory {
  const assets: HaloAsset[] = [];
  const byClient = new Map<number, Map<AssetTypeKey, HaloAsset[]>>();
  const counters = new Map<AssetTypeKey, number>();

  const add = (profile: ClientProfile, type: AssetTypeKey, parent?: HaloAsset): HaloAsset => {
    const spec: AssetTypeSpec = ASSET_TYPES[type];
    const siteIndex = parent !== undefined ? profile.sites.findIndex((s) => s.id === parent.site_id) : 0;
    const chosenSite =
      type === 'laptop' || type === 'desktop' ? random.int(0, profile.sites.length - 1) : siteIndex;
    const site = profile.sites[chosenSite] ?? profile.sites[0];
    if (site === undefined) throw new Error(`client ${profile.client.id} has no site`);
    const counter = (counters.get(type) ?? 0) + 1;
    counters.set(type, counter);
    const [manufacturer, model] = random.pick(spec.models);
    const serial = random.hex(10).toUpperCase();
    const user =
      type === 'laptop' || type === 'desktop' ? random.pick(profile.siteUsers[chosenSite] ?? []) : undefined;
    const endUserKit = type === 'laptop' || type === 'desktop' || type === 'printer';
    const [statusId, statusName] = profile.plan.inactive
      ? RETIRED
      : endUserKit
        ? ASSET_STATUSES.pick(random)
        : ACTIVE;
    const bought = Math.min(now - 30 * DAY_MS, profile.since + random.int(0, 1500) * DAY_MS);
    const contract = contractOf(profile.client.id);
    const fields = spec.licence
      ? [field(FIELD.model, 'Licence SKU', model), field(FIELD.seats, 'Seats', String(random.int(3, 60)))]
      : [
          field(FIELD.serial, 'Serial Number', serial),
          field(FIELD.manufacturer, 'Manufacturer', manufacturer),
          field(FIELD.model, 'Model', model),
          ...(spec.systems.length > 0
            ? [field(FIELD.system, 'Operating System', random.pick(spec.systems))]
            : []),
        ];
    const asset: HaloAsset = {
      id: ASSET_ID_BASE + assets.length,
      inventory_number: `A${String(ASSET_ID_BASE + assets.length).padStart(6, '0')}`,
      key_field: `${spec.prefix}-${String(counter).padStart(4, '0')}`,
      key_field2: spec.licence ? '' : serial,
      key_field3: model,
      client_id: profile.client.id,
      client_name: profile.client.name,
      site_id: site.id,
      site_name: site.name,
      username: user?.name ?? '',
      assettype_id: spec.id,
      assettype_name: spec.name,
      status_id: statusId,
      status_name: statusName,
      inactive: statusId === 4,
      warranty_start: spec.licence ? SENTINEL_DATE : wireDate(bought),
      warranty_end: spec.licence ? SENTINEL_DATE : wireDate(addMonths(bought, random.pick([12, 36, 36, 60]))),
      contract_id: contract?.id ?? -1,
      contract_ref: contract?.ref ?? '',
      parent_id: parent?.id ?? -1,
      notes: '',
      fields,
      users: user === undefined ? [] : [userLink(user)],
    };
    if (parent !== undefined) {
      asset.parent_assets = [assetLink(parent)];
      parent.child_assets = [...(parent.child_assets ?? []), assetLink(asset)];
    }
    assets.push(asset);
    let ofClient = byClient.get(profile.client.id);
    if (ofClient === undefined) {
      ofClient = new Map();
      byClient.set(profile.client.id, ofClient);
    }
    const sameType = ofClient.get(type);
    if (sameType === undefined) ofClient.set(type, [asset]);
    else sameType.push(asset);
    return asset;
  };

  for (const profile of profiles) {
    const budget = profile.internal ? 4 : random.int(size.assetsPerClient[0], size.assetsPerClient[1]);
    let made = 0;
    const addCounted = (type: AssetTypeKey, parent?: HaloAsset): HaloAsset => {
      made++;
      return add(profile, type, parent);
    };
    if (random.chance(0.85)) addCounted('firewall');
    if (random.chance(0.45)) {
      const server = addCounted('server');
      for (let vm = random.int(0, 2); vm > 0; vm--) addCounted('virtualMachine', server);
    }
    if (random.chance(0.5)) addCounted('switch');
    if (random.chance(0.5)) addCounted('printer');
    if (random.chance(0.5)) addCounted('licence');
    while (made < budget) addCounted(random.chance(0.65) ? 'laptop' : 'desktop');
  }
  return {
    assets,
    ofType: (clientId, type) => byClient.get(clientId)?.get(type) ?? [],
  };
}

function userLink(user: HaloUser): HaloUser {
  return { id: user.id, name: user.name, emailaddress: user.emailaddress ?? '' };
}

function assetLink(asset: HaloAsset): { id: number; inventory_number?: string; key_field?: string } {
  return { id: asset.id, inventory_number: asset.inventory_number ?? '', key_field: asset.key_field ?? '' };
}
