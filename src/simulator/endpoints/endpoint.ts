import type { DatasetIndex, Table } from '../dataset-index.js';
import { badRequest, notFound } from '../http-errors.js';
import { envelope, orderRows, RowFilter } from '../listing.js';
import type { Query } from '../query.js';

/** One `/api/<Name>` resource: its list and its single-record GET. */
export interface Endpoint {
  /** Path segment after `/api/`, lower case (paths are case-insensitive). */
  name: string;
  list(q: Query, ix: DatasetIndex): unknown;
  /** The bare record; throws HttpError 404 for an unknown id, 400 for a malformed one. */
  detail(id: string, q: Query, ix: DatasetIndex): unknown;
  /** Fields Halo serialises as decimals (`21.0`) although they hold integer ids. */
  decimalFields?: readonly string[];
}

type Row = { id: number | string; client_id?: number | null };

/** A numeric path id; Halo answers a non-numeric one with a 400 .NET exception. */
export function pathInt(id: string): number {
  if (!/^-?\d+$/.test(id)) throw badRequest(`The value '${id}' is not valid.`);
  return Number(id);
}

export function findOr404<T extends Row>(table: Table<T>, id: number | string): T {
  const row = table.byId.get(id);
  if (row === undefined) throw notFound();
  return row;
}

/** The client's rows from the index when `client_id` is given, else every row. */
export function byClientOrAll<T extends Row>(table: Table<T>, q: Query): readonly T[] {
  const clientId = q.int('client_id');
  return clientId === undefined ? table.rows : (table.byClient.get(clientId) ?? []);
}

/**
 * `includeactive` (default true) / `includeinactive` (default false), the flags Client, Site,
 * Users, ClientContract and Asset lists share.
 */
export function activeInactive<T>(q: Query, isInactive: (row: T) => boolean): (row: T) => boolean {
  const active = q.bool('includeactive') ?? true;
  const inactive = q.bool('includeinactive') ?? false;
  return (row) => (isInactive(row) ? inactive : active);
}

export interface EnvelopedSpec<T extends Row> {
  name: string;
  /** Envelope key holding the rows. */
  key: string;
  /** Accepts `pageinate`/`page_size`/`page_no` (Actions does not). Default true. */
  paged?: boolean;
  table(ix: DatasetIndex): Table<T>;
  /** Narrow the rows through the by-client index when `client_id` is given. */
  byClient?: boolean;
  /** Candidate rows when an index other than by-client narrows them. */
  candidates?(q: Query, ix: DatasetIndex): readonly T[];
  filter(q: Query, ix: DatasetIndex): RowFilter<T>;
  /** The list form of a row. Default: the row. */
  listRow?(row: T, q: Query, ix: DatasetIndex): unknown;
  /** The single-record form. Default: the row. */
  detailRow?(row: T, q: Query, ix: DatasetIndex): unknown;
  orderAliases?: Record<string, string>;
  decimalFields?: readonly string[];
}

export function envelopedEndpoint<T extends Row>(spec: EnvelopedSpec<T>): Endpoint {
  return {
    name: spec.name.toLowerCase(),
    decimalFields: spec.decimalFields,
    list(q, ix) {
      const table = spec.table(ix);
      const rows = spec.candidates?.(q, ix) ?? (spec.byClient ? byClientOrAll(table, q) : table.rows);
      const ordered = orderRows(spec.filter(q, ix).apply(rows), q, spec.orderAliases);
      const shape = spec.listRow ?? ((row: T) => row);
      return envelope(ordered, q, spec.key, spec.paged ?? true, (row) => shape(row, q, ix));
    },
    detail(id, q, ix) {
      const row = findOr404(spec.table(ix), pathInt(id));
      return spec.detailRow === undefined ? row : spec.detailRow(row, q, ix);
    },
  };
}

export interface BareSpec<T extends Row> {
  name: string;
  table(ix: DatasetIndex): Table<T>;
  filter?(q: Query, ix: DatasetIndex): RowFilter<T>;
  /** Priority ids are GUID strings; the rest are integers. */
  stringIds?: boolean;
}

/** Lookup lists Halo returns as a bare JSON array, unpaged. */
export function bareArrayEndpoint<T extends Row>(spec: BareSpec<T>): Endpoint {
  return {
    name: spec.name.toLowerCase(),
    list(q, ix) {
      const filter = spec.filter?.(q, ix) ?? new RowFilter<T>(q);
      return orderRows(filter.apply(spec.table(ix).rows), q);
    },
    detail(id, _q, ix) {
      if (!spec.stringIds) return findOr404(spec.table(ix), pathInt(id));
      const wanted = id.toLowerCase();
      const row = spec.table(ix).rows.find((candidate) => String(candidate.id).toLowerCase() === wanted);
      if (row === undefined) throw notFound();
      return row;
    },
  };
}
