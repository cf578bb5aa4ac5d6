// The item catalogue that invoice and template lines point at (`_itemid`). Halo's `/Item` is not
// part of the simulator dataset, so this table is the record those ids refer to.

export interface CatalogueItem {
  id: number;
  code: string;
  name: string;
  /** Net unit price in GBP; other currencies are converted by a fixed rate. */
  price: number;
  kind: 'service' | 'licence' | 'hardware' | 'labour';
}

export const ITEMS = {
  managedUser: { id: 1, code: 'MS-USER', name: 'Managed Service - per user', price: 35, kind: 'service' },
  managedServer: { id: 2, code: 'MS-SERVER', name: 'Managed Server', price: 120, kind: 'service' },
  m365Premium: {
    id: 3,
    code: 'M365-BP',
    name: 'Microsoft 365 Business Premium',
    price: 18.1,
    kind: 'licence',
  },
  m365Standard: {
    id: 4,
    code: 'M365-BS',
    name: 'Microsoft 365 Business Standard',
    price: 10.3,
    kind: 'licence',
  },
  cloudBackup: { id: 5, code: 'BKP-M365', name: 'Cloud backup - M365 seat', price: 3, kind: 'service' },
  endpointSecurity: {
    id: 6,
    code: 'SEC-EDR',
    name: 'Endpoint detection & response',
    price: 4.5,
    kind: 'licence',
  },
  domainRenewal: { id: 7, code: 'DOMAIN', name: 'Domain name renewal', price: 15, kind: 'licence' },
  sslCertificate: { id: 8, code: 'SSL', name: 'SSL certificate', price: 60, kind: 'licence' },
  firewallSubscription: {
    id: 9,
    code: 'FW-SUB',
    name: 'Firewall security subscription',
    price: 400,
    kind: 'licence',
  },
  laptop: { id: 10, code: 'HW-LAPTOP', name: 'Business laptop 14in', price: 950, kind: 'hardware' },
  monitor: { id: 11, code: 'HW-MON27', name: '27in monitor', price: 210, kind: 'hardware' },
  dock: { id: 12, code: 'HW-DOCK', name: 'USB-C docking station', price: 180, kind: 'hardware' },
  poeSwitch: { id: 13, code: 'HW-SW24', name: '24-port PoE switch', price: 650, kind: 'hardware' },
  remoteLabour: { id: 14, code: 'LAB-REMOTE', name: 'Remote support (hourly)', price: 95, kind: 'labour' },
  onsiteLabour: { id: 15, code: 'LAB-ONSITE', name: 'Onsite support (hourly)', price: 120, kind: 'labour' },
  projectLabour: {
    id: 16,
    code: 'LAB-PROJECT',
    name: 'Project services (hourly)',
    price: 110,
    kind: 'labour',
  },
  printer: { id: 17, code: 'HW-PRN', name: 'Office multifunction printer', price: 540, kind: 'hardware' },
} as const satisfies Record<string, CatalogueItem>;

export const CATALOGUE: readonly CatalogueItem[] = Object.values(ITEMS);

export const HARDWARE_ITEMS: readonly CatalogueItem[] = CATALOGUE.filter((item) => item.kind === 'hardware');
