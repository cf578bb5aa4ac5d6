import DataLoader from 'dataloader';
import { HaloApiError } from '../halo/errors.js';
import {
  HALO_MAX_PAGE_SIZE,
  type HaloReader,
  type QueryParams,
  type ResourceName,
  type ResourceRecord,
} from '../halo/resources.js';
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
} from '../halo/types.js';
import { badInput } from './errors.js';
import { REVENUE_INVOICE_KINDS } from './invoice-kinds.js';
import type { ReferenceCache } from './reference-cache.js';
import { type Page, pageArray, toPage } from './schema/page.js';

type Parent = number;

/**
 * A ticket's action history that Halo cut short (`count` is capped, docs/halo-api.md §8.7), with the
 * `record_count` Halo reported: the rows received are fewer.
 */
export const cappedHistories = new WeakMap<readonly HaloAction[], number>();
type Row<R extends ResourceName> = ResourceRecord[R];

/**
 * Reads one record per id. One id: the detail GET. Several: the cheapest of (a) the resource's
 * multi-id filter, when Halo has one (an id its answer lacks is read by detail before it is called
 * missing: a filter Halo applies silently may have dropped it), or (b) page 1 of the whole collection, then either the
 * remaining pages (when the collection has no more pages than ids were asked) or a detail GET for
 * each id page 1 did not hold. So N ids never cost more than N + 1 requests, and a small
 * collection costs its pages.
 */
function byIdLoader<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  options: { detailQuery?: QueryParams; listQuery?: QueryParams; idsFilter?: string } = {},
): DataLoader<number, Row<R> | null> {
  const getOne = async (id: number): Promise<Row<R> | null> => {
    try {
      return await halo.getOne(resource, id, options.detailQuery);
    } catch (error) {
      if (error instanceof HaloApiError && error.status === 404) return null;
      throw error;
    }
  };
  return new DataLoader<number, Row<R> | null>(async (ids) => {
    if (ids.length === 1) return [await settle(getOne(ids[0]!))];
    const found = new Map<number, Row<R>>();
    if (options.idsFilter) {
      const result = await halo.list(resource, { ...options.listQuery, [options.idsFilter]: ids.join(',') });
      for (const row of result.records) found.set(idOf(row), row);
      return Promise.all(ids.map((id) => (found.has(id) ? found.get(id)! : settle(getOne(id)))));
    }
    const first = await halo.list(resource, options.listQuery, { pageNo: 1, pageSize: HALO_MAX_PAGE_SIZE });
    for (const row of first.records) found.set(idOf(row), row);
    const pages = Math.ceil(first.recordCount / HALO_MAX_PAGE_SIZE);
    if (first.truncated && pages <= ids.length) {
      const all = await halo.list(resource, options.listQuery);
      for (const row of all.records) found.set(idOf(row), row);
      return ids.map((id) => found.get(id) ?? null);
    }
    return Promise.all(ids.map((id) => (found.has(id) ? found.get(id)! : settle(getOne(id)))));
  });
}

/**
 * Reads the children of many parents (a client's sites, a contract's templates...). One parent:
 * a filtered read. Several: Halo's multi-value filter when it has one; otherwise page 1 of the whole
 * collection decides, as in `byIdLoader`, between walking it and one filtered read per parent.
 */
function childrenLoader<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  spec: {
    filter: string;
    multiFilter?: string;
    parentOf: (row: Row<R>) => number | null | undefined;
    query?: QueryParams;
  },
): DataLoader<Parent, Array<Row<R>>> {
  const forOne = async (parent: Parent) =>
    (await halo.list(resource, { ...spec.query, [spec.filter]: parent })).records;
  const grouped = (parents: readonly Parent[], rows: Array<Row<R>>) => {
    const groups = new Map<Parent, Array<Row<R>>>(parents.map((p) => [p, []]));
    for (const row of rows) groups.get(spec.parentOf(row) ?? -1)?.push(row);
    return parents.map((p) => groups.get(p)!);
  };
  return new DataLoader<Parent, Array<Row<R>>>(async (parents) => {
    if (parents.length === 1) return [await settle(forOne(parents[0]!))];
    if (spec.multiFilter) {
      const result = await halo.list(resource, { ...spec.query, [spec.multiFilter]: parents.join(',') });
      return grouped(parents, result.records);
    }
    const first = await halo.list(resource, spec.query, { pageNo: 1, pageSize: HALO_MAX_PAGE_SIZE });
    if (!first.truncated) return grouped(parents, first.records);
    if (Math.ceil(first.recordCount / HALO_MAX_PAGE_SIZE) <= parents.length) {
      return grouped(parents, (await halo.list(resource, spec.query)).records);
    }
    return Promise.all(parents.map((p) => settle(forOne(p))));
  });
}

/** Reference lookups by id, served from the cross-request cache (one read per TTL). */
function referenceLoader<K extends 'agents' | 'teams' | 'statuses' | 'ticketTypes' | 'clients'>(
  reference: ReferenceCache,
  kind: K,
): DataLoader<number, ResourceRecord[K] | null> {
  return new DataLoader(async (ids) => {
    const index = new Map((await reference.get(kind)).map((row) => [idOf(row), row]));
    return ids.map((id) => index.get(id) ?? null);
  });
}

export interface Loaders {
  ticket: DataLoader<number, HaloTicket | null>;
  project: DataLoader<number, HaloTicket | null>;
  client: DataLoader<number, HaloClient | null>;
  site: DataLoader<number, HaloSite | null>;
  contact: DataLoader<number, HaloUser | null>;
  contract: DataLoader<number, HaloContract | null>;
  invoice: DataLoader<number, HaloInvoice | null>;
  recurringInvoice: DataLoader<number, HaloInvoice | null>;
  asset: DataLoader<number, HaloAsset | null>;
  report: DataLoader<number, HaloReport | null>;
  agent: DataLoader<number, HaloAgent | null>;
  team: DataLoader<number, HaloTeam | null>;
  status: DataLoader<number, HaloStatus | null>;
  ticketType: DataLoader<number, HaloTicketType | null>;
  /** Halo's actions are ticket-scoped (no bulk filter exists): one read per ticket, cached. */
  actionsByTicket: DataLoader<number, HaloAction[]>;
  sitesByClient: DataLoader<Parent, HaloSite[]>;
  contactsByClient: DataLoader<Parent, HaloUser[]>;
  contractsByClient: DataLoader<Parent, HaloContract[]>;
  recurringInvoicesByClient: DataLoader<Parent, HaloInvoice[]>;
  recurringInvoicesByContract: DataLoader<Parent, HaloInvoice[]>;
  tasksByProject: DataLoader<Parent, HaloTicket[]>;
  assetsByClient: DataLoader<Parent, HaloAsset[]>;
  /** Open tickets assigned to each agent (see `openTicketCountLoader` for the cost). */
  openTicketCountByAgent: DataLoader<number, number>;
  /**
   * Detail GETs only (never a list read): the fallback for invoices and templates that a list
   * answered without their `lines` array.
   */
  invoiceDetail: DataLoader<number, HaloInvoice | null>;
  recurringInvoiceDetail: DataLoader<number, HaloInvoice | null>;
  /** Detail GETs only: a contract list row lacks `billing_period_string` and the other detail fields. */
  contractDetail: DataLoader<number, HaloContract | null>;
  /**
   * Invoices of many clients in one date range: one `client_ids` read per distinct range (all
   * pages, bounded by `MAX_LOCAL_ROWS`, else one read per client), grouped by client, newest first.
   */
  invoicesByClient: DataLoader<InvoiceRangeKey, HaloInvoice[], string>;
  /** `GET /api/Report/{id}?loadreport=true`, once per report per request (the raw body). */
  reportRun: DataLoader<number, unknown>;
  /** Priority rows are (SLA, priority) pairs; look up by `priorityid`, preferring the given SLA. */
  priority(priorityId: number, slaId?: number | null): Promise<HaloPriority | null>;
  /** Fill by-id caches from list results so later lookups cost nothing. */
  prime<R extends PrimeableResource>(resource: R, rows: ReadonlyArray<Row<R>>): void;
}

export interface InvoiceRangeKey {
  clientId: number;
  /** `YYYY-MM-DD`, inclusive; absent = open. */
  from?: string | null;
  to?: string | null;
}

type PrimeableResource =
  | 'clients'
  | 'tickets'
  | 'projects'
  | 'sites'
  | 'users'
  | 'contracts'
  | 'invoices'
  | 'assets'
  | 'reports';

export function createLoaders(halo: HaloReader, reference: ReferenceCache): Loaders {
  const loaders: Omit<Loaders, 'priority' | 'prime'> = {
    // `includeprojects` is a filter (2 = projects ONLY, docs/halo-api.md §8.6), so the multi-id read
    // sends none; a project or task it leaves out is read by detail.
    ticket: byIdLoader(halo, 'tickets', { detailQuery: { includedetails: true }, idsFilter: 'ticketids' }),
    project: byIdLoader(halo, 'projects', { detailQuery: { includedetails: true }, idsFilter: 'ticketids' }),
    client: clientLoader(halo, reference),
    site: byIdLoader(halo, 'sites', {
      detailQuery: { includedetails: true },
      listQuery: { includeinactive: true },
    }),
    contact: byIdLoader(halo, 'users', {
      detailQuery: { includedetails: true },
      listQuery: { includeinactive: true },
    }),
    contract: byIdLoader(halo, 'contracts', {
      detailQuery: { includedetails: true },
      listQuery: { includeinactive: true },
    }),
    invoice: byIdLoader(halo, 'invoices', {
      detailQuery: { includedetails: true, ...REVENUE_INVOICE_KINDS },
      listQuery: { includelines: true, ...REVENUE_INVOICE_KINDS },
    }),
    recurringInvoice: byIdLoader(halo, 'recurringInvoices', {
      detailQuery: { includedetails: true },
      listQuery: { includelines: true },
    }),
    asset: byIdLoader(halo, 'assets', {
      detailQuery: { includedetails: true },
      listQuery: { includeinactive: true },
    }),
    report: byIdLoader(halo, 'reports'),
    agent: referenceLoader(reference, 'agents'),
    team: referenceLoader(reference, 'teams'),
    status: referenceLoader(reference, 'statuses'),
    ticketType: referenceLoader(reference, 'ticketTypes'),
    actionsByTicket: new DataLoader(
      async (tickets) =>
        Promise.all(
          tickets.map((ticket) =>
            settle(
              halo.list('actions', { ticket_id: ticket, count: 10_000 }).then((r) => {
                if (r.truncated) cappedHistories.set(r.records, r.recordCount);
                return r.records;
              }),
            ),
          ),
        ),
      { maxBatchSize: 8 },
    ),
    sitesByClient: childrenLoader(halo, 'sites', {
      filter: 'client_id',
      parentOf: (s) => s.client_id,
      query: { includeinactive: true },
    }),
    contactsByClient: childrenLoader(halo, 'users', {
      filter: 'client_id',
      parentOf: (u) => u.client_id,
      query: { includeinactive: true },
    }),
    contractsByClient: childrenLoader(halo, 'contracts', {
      filter: 'client_id',
      parentOf: (c) => c.client_id,
      query: { includeinactive: true },
    }),
    recurringInvoicesByClient: childrenLoader(halo, 'recurringInvoices', {
      filter: 'client_id',
      multiFilter: 'client_ids',
      parentOf: (r) => r.client_id,
      query: { includelines: true },
    }),
    recurringInvoicesByContract: childrenLoader(halo, 'recurringInvoices', {
      filter: 'contract_id',
      parentOf: (r) => r.contract_id,
      query: { includelines: true },
    }),
    // Tasks live in the project domain, which `/Tickets` leaves out by default: ask `/Projects`.
    tasksByProject: childrenLoader(halo, 'projects', { filter: 'parent_id', parentOf: (t) => t.parent_id }),
    assetsByClient: childrenLoader(halo, 'assets', {
      filter: 'client_id',
      parentOf: (a) => a.client_id,
      query: { includeinactive: true },
    }),
    invoiceDetail: detailLoader(halo, 'invoices', REVENUE_INVOICE_KINDS),
    recurringInvoiceDetail: detailLoader(halo, 'recurringInvoices'),
    contractDetail: detailLoader(halo, 'contracts'),
    invoicesByClient: invoicesByClientLoader(halo),
    openTicketCountByAgent: openTicketCountLoader(halo),
    reportRun: new DataLoader(
      async (ids) => Promise.all(ids.map((id) => settle(halo.get(`Report/${id}`, { loadreport: true })))),
      { maxBatchSize: 4 },
    ),
  };
  const primeTargets: Record<PrimeableResource, DataLoader<number, unknown>> = {
    clients: loaders.client,
    tickets: loaders.ticket,
    projects: loaders.project,
    sites: loaders.site,
    users: loaders.contact,
    contracts: loaders.contract,
    invoices: loaders.invoice,
    assets: loaders.asset,
    reports: loaders.report,
  };
  return {
    ...loaders,
    async priority(priorityId, slaId) {
      const rows = (await reference.get('priorities')).filter((p) => p.priorityid === priorityId);
      return rows.find((p) => slaId != null && p.slaid === slaId) ?? rows[0] ?? null;
    },
    prime(resource, rows) {
      const target = primeTargets[resource];
      for (const row of rows) target.prime(idOf(row), row);
    },
  };
}

/** One detail GET per id (`includedetails=true`); a 404 is a null slot. */
function detailLoader<R extends 'invoices' | 'recurringInvoices' | 'contracts'>(
  halo: HaloReader,
  resource: R,
  query: QueryParams = {},
): DataLoader<number, Row<R> | null> {
  const getOne = async (id: number): Promise<Row<R> | null> => {
    try {
      return await halo.getOne(resource, id, { includedetails: true, ...query });
    } catch (error) {
      if (error instanceof HaloApiError && error.status === 404) return null;
      throw error;
    }
  };
  return new DataLoader(async (ids) => Promise.all(ids.map((id) => settle(getOne(id)))), { maxBatchSize: 8 });
}

/** Most rows read whole so that a filter Halo lacks can be applied locally with exact counts. */
export const MAX_LOCAL_ROWS = 2000;

/** Halo's date-range filter for invoices, in the form its web UI sends (docs/halo-api.md §3.7). */
export function invoiceDateQuery(
  from: string | null | undefined,
  to: string | null | undefined,
): QueryParams {
  return {
    invoicedatestart: from ? `${from}T00:00:00.000Z` : undefined,
    invoicedateend: to ? `${to}T23:59:59.999Z` : undefined,
  };
}

/** Newest first, as Halo's web UI orders invoices. */
export const INVOICE_ORDER: QueryParams = {
  order: 'invoice_date',
  orderdesc: true,
  order2: 'id',
  orderdesc2: true,
};

/**
 * Every row matching `query`, or, past `limit`, only the number that match: page 1 shows Halo's
 * `record_count`, then the remaining pages are read concurrently.
 */
async function readWithin<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  query: QueryParams,
  limit: number,
): Promise<Array<Row<R>> | { tooMany: number }> {
  const first = await halo.list(resource, query, { pageNo: 1, pageSize: HALO_MAX_PAGE_SIZE });
  if (!first.truncated) return first.records;
  if (first.recordCount > limit) return { tooMany: first.recordCount };
  const perPage = Math.max(1, first.records.length);
  const pages = Math.ceil(first.recordCount / perPage);
  const rest = await Promise.all(
    Array.from({ length: pages - 1 }, (_, i) =>
      halo.list(resource, query, { pageNo: i + 2, pageSize: HALO_MAX_PAGE_SIZE }).then((r) => r.records),
    ),
  );
  return [...first.records, ...rest.flat()];
}

function tooManyRows(count: number, hint: { what: string; narrow: string }, limit: number) {
  return badInput(
    `${count} ${hint.what} match and this filter is applied after reading them all (limit ${limit}); ${hint.narrow}.`,
  );
}

/**
 * Every row matching `query`, so that a filter Halo lacks can be applied locally with exact
 * counts; past `limit` matches a BAD_USER_INPUT error names `what` and how to `narrow` it.
 */
export async function readAllMatching<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  query: QueryParams,
  hint: { what: string; narrow: string },
  limit = MAX_LOCAL_ROWS,
): Promise<Array<Row<R>>> {
  const rows = await readWithin(halo, resource, query, limit);
  if (!Array.isArray(rows)) throw tooManyRows(rows.tooMany, hint, limit);
  return rows;
}

/** A condition Halo has no filter for, applied after reading every match. */
export interface LocalFilter<T> {
  keep: (row: T) => boolean;
  /** For the too-many error: what is read ("contracts") and how to narrow it. */
  what: string;
  narrow: string;
}

/**
 * One page of rows matching `query`. Without `local`, Halo pages and counts. With it, every match
 * is read (bounded, see `readAllMatching`), filtered, then paged here, so totalCount and hasMore
 * stay exact: a page filtered after Halo paged it would be short and miscounted.
 */
export async function pageOfRows<R extends ResourceName>(
  halo: HaloReader,
  resource: R,
  query: QueryParams,
  paging: { pageNo: number; pageSize: number },
  local?: LocalFilter<Row<R>>,
): Promise<Page<Row<R>>> {
  if (!local) return toPage(await halo.list(resource, query, paging), paging);
  const rows = await readAllMatching(halo, resource, query, local);
  return pageArray(rows.filter(local.keep), paging);
}

/**
 * Invoices per (client, range): one multi-client read per range. When the clients together have
 * more invoices than can be read whole, each client is read on its own instead (and only a client
 * that alone has too many fails).
 */
function invoicesByClientLoader(halo: HaloReader): DataLoader<InvoiceRangeKey, HaloInvoice[], string> {
  const rangeOf = (key: InvoiceRangeKey) => `${key.from ?? ''}..${key.to ?? ''}`;
  const hint = { what: 'invoices of this client', narrow: 'give a shorter from/to range' };
  const readRange = async (keys: InvoiceRangeKey[]): Promise<Map<number, HaloInvoice[] | Error>> => {
    const clients = [...new Set(keys.map((k) => k.clientId))];
    const queryFor = (ids: number[]): QueryParams => ({
      ...(ids.length === 1 ? { client_id: ids[0] } : { client_ids: ids.join(',') }),
      ...invoiceDateQuery(keys[0]!.from, keys[0]!.to),
      ...INVOICE_ORDER,
      ...REVENUE_INVOICE_KINDS,
      includelines: true,
    });
    const rows = await readWithin(halo, 'invoices', queryFor(clients), MAX_LOCAL_ROWS);
    if (!Array.isArray(rows)) {
      if (clients.length === 1) throw tooManyRows(rows.tooMany, hint, MAX_LOCAL_ROWS);
      const each = await Promise.all(
        clients.map((c) => settle(readAllMatching(halo, 'invoices', queryFor([c]), hint))),
      );
      return new Map(clients.map((c, i) => [c, each[i]!]));
    }
    const groups = new Map<number, HaloInvoice[]>(clients.map((c) => [c, []]));
    for (const row of rows) groups.get(row.client_id ?? -1)?.push(row);
    return groups;
  };
  return new DataLoader<InvoiceRangeKey, HaloInvoice[], string>(
    async (keys) => {
      const byRange = new Map<string, InvoiceRangeKey[]>();
      for (const key of keys) byRange.set(rangeOf(key), [...(byRange.get(rangeOf(key)) ?? []), key]);
      const read = new Map<string, Promise<Map<number, HaloInvoice[] | Error> | Error>>();
      for (const [range, group] of byRange) read.set(range, settle(readRange(group)));
      return Promise.all(
        keys.map(async (key) => {
          const groups = await read.get(rangeOf(key))!;
          return groups instanceof Error ? groups : (groups.get(key.clientId) ?? []);
        }),
      );
    },
    { cacheKeyFn: (key) => `${key.clientId}|${rangeOf(key)}` },
  );
}

/**
 * Counts open tickets per agent. One agent: a one-row page, whose `record_count` is the answer.
 * Several: page 1 of their open tickets (Halo's multi-agent filter `agent`); when more pages exist
 * they are read too if there are no more of them than agents, otherwise one count per agent. So N
 * agents cost at most N + 1 requests, and usually one per 100 open tickets.
 */
function openTicketCountLoader(halo: HaloReader): DataLoader<number, number> {
  const open = { open_only: true };
  const countFor = async (agent: number) =>
    (await halo.list('tickets', { ...open, agent_id: agent }, { pageNo: 1, pageSize: 1 })).recordCount;
  return new DataLoader<number, number>(async (agents) => {
    if (agents.length === 1) return [await settle(countFor(agents[0]!))];
    const query = { ...open, agent: agents.join(',') };
    const first = await halo.list('tickets', query, { pageNo: 1, pageSize: HALO_MAX_PAGE_SIZE });
    const pages = Math.ceil(first.recordCount / HALO_MAX_PAGE_SIZE);
    if (first.truncated && pages > agents.length) return Promise.all(agents.map((a) => settle(countFor(a))));
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
        halo.list('tickets', query, { pageNo: i + 2, pageSize: HALO_MAX_PAGE_SIZE }),
      ),
    );
    const counts = new Map<number, number>();
    for (const row of [first, ...rest].flatMap((page) => page.records)) {
      if (row.agent_id != null) counts.set(row.agent_id, (counts.get(row.agent_id) ?? 0) + 1);
    }
    return agents.map((a) => counts.get(a) ?? 0);
  });
}

/** Clients: the cached directory serves batches (and single ids once warm); else one detail GET. */
function clientLoader(halo: HaloReader, reference: ReferenceCache): DataLoader<number, HaloClient | null> {
  return new DataLoader(async (ids) => {
    if (ids.length === 1 && !reference.isWarm('clients')) {
      try {
        return [await halo.getOne('clients', ids[0]!)];
      } catch (error) {
        if (error instanceof HaloApiError && error.status === 404) return [null];
        return [toError(error)];
      }
    }
    const index = new Map((await reference.get('clients')).map((c) => [c.id, c]));
    return ids.map((id) => index.get(id) ?? null);
  });
}

function idOf(row: unknown): number {
  return (row as { id: number }).id;
}

/** DataLoader wants an Error in a failed key's slot, not a rejection of the whole batch. */
async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    return toError(error);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
