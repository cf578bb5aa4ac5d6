import type { CallScope } from './call-scope.js';
import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloPriority,
  HaloReport,
  HaloSite,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketType,
  HaloUser,
} from './types.js';

/**
 * How each Halo list endpoint answers (docs/halo-api.md §2.2-2.3):
 * - `key`: the envelope property holding the array; `null` = the list is a bare array.
 *   The client tolerates either shape on every endpoint, since several are unverified.
 * - `paged`: accepts `pageinate`/`page_size`/`page_no` (Halo caps a page at 100 rows).
 *   Unpaged endpoints are small lookups read whole (Actions use `count`).
 */
export const RESOURCES = {
  tickets: { path: 'Tickets', key: 'tickets', paged: true },
  projects: { path: 'Projects', key: 'tickets', paged: true },
  actions: { path: 'Actions', key: 'actions', paged: false },
  clients: { path: 'Client', key: 'clients', paged: true },
  sites: { path: 'Site', key: 'sites', paged: true },
  users: { path: 'Users', key: 'users', paged: true },
  contracts: { path: 'ClientContract', key: 'contracts', paged: true },
  invoices: { path: 'Invoice', key: 'invoices', paged: true },
  recurringInvoices: { path: 'RecurringInvoice', key: 'invoices', paged: true },
  assets: { path: 'Asset', key: 'assets', paged: true },
  reports: { path: 'Report', key: 'reports', paged: true },
  agents: { path: 'Agent', key: null, paged: false },
  teams: { path: 'Team', key: null, paged: false },
  statuses: { path: 'Status', key: null, paged: false },
  ticketTypes: { path: 'TicketType', key: null, paged: false },
  priorities: { path: 'Priority', key: null, paged: false },
} as const satisfies Record<string, { path: string; key: string | null; paged: boolean }>;

export type ResourceName = keyof typeof RESOURCES;

/** Record type served by each resource. */
export interface ResourceRecord {
  tickets: HaloTicket;
  projects: HaloTicket;
  actions: HaloAction;
  clients: HaloClient;
  sites: HaloSite;
  users: HaloUser;
  contracts: HaloContract;
  invoices: HaloInvoice;
  recurringInvoices: HaloInvoice;
  assets: HaloAsset;
  reports: HaloReport;
  agents: HaloAgent;
  teams: HaloTeam;
  statuses: HaloStatus;
  ticketTypes: HaloTicketType;
  priorities: HaloPriority;
}

/** Halo caps every page at 100 rows whatever is asked. */
export const HALO_MAX_PAGE_SIZE = 100;

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

export interface ListOptions {
  /** Read exactly this page (1-based) of `pageSize` rows instead of walking all pages. */
  pageNo?: number;
  /** Rows per page; clamped to 100. Default 100. */
  pageSize?: number;
  /** When walking all pages, stop after this many rows and report `truncated`. Default: config bound. */
  maxRecords?: number;
}

export interface ListResult<T> {
  records: T[];
  /** Halo's `record_count`: the total number of matching records (bare arrays: their length). */
  recordCount: number;
  /** True when more matching records exist than were returned. */
  truncated: boolean;
  /** Upstream pages read to produce this result. */
  pagesRead: number;
}

/** The read-only surface of the REST client that the rest of the project depends on. */
export interface HaloReader {
  /** `GET /api/<Resource>/{id}` (bare object). A missing record rejects with HaloApiError status 404. */
  getOne<R extends ResourceName>(
    resource: R,
    id: number | string,
    query?: QueryParams,
  ): Promise<ResourceRecord[R]>;
  /** `GET /api/<Resource>` with Halo's paging; normalised records. */
  list<R extends ResourceName>(
    resource: R,
    query?: QueryParams,
    options?: ListOptions,
  ): Promise<ListResult<ResourceRecord[R]>>;
  /** Raw GET of any `/api` path (e.g. `Report/12` with loadreport), normalised JSON. */
  get(path: string, query?: QueryParams): Promise<unknown>;
}

/** A reader that can be bound to one caller's call (cancellation, identity, progress). */
export interface ScopedHaloReader extends HaloReader {
  forCall(scope: CallScope): HaloReader;
}
