import type DataLoader from 'dataloader';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import type { HaloContract } from '../../halo/types.js';
import { recurringLink } from '../../revenue/amounts.js';
import { badInput, notFound } from '../errors.js';

const MAX_ID = 2_147_483_647;
export const MAX_SEARCH_LENGTH = 200;

/** Halo ids are positive 32-bit integers; anything else is refused before any upstream call. */
export function requireId(id: number, what: string): number {
  if (!Number.isInteger(id) || id < 1 || id > MAX_ID) {
    throw badInput(`${what} must be a positive whole number, got ${id}.`);
  }
  return id;
}

export function optionalId(id: number | null | undefined, what: string): number | undefined {
  return id == null ? undefined : requireId(id, what);
}

/**
 * Recurring invoice template ids are negative on Halo; 0 and -1 mean "none" (docs/halo-api.md
 * §8.1), so a template id is any other whole 32-bit number.
 */
export function requireTemplateId(id: number, what: string): number {
  if (!Number.isInteger(id) || id === 0 || id === -1 || Math.abs(id) > MAX_ID) {
    throw badInput(
      `${what} must be a whole number other than 0 and -1 (template ids are negative on Halo), got ${id}.`,
    );
  }
  return id;
}

export function optionalTemplateId(id: number | null | undefined, what: string): number | undefined {
  return id == null ? undefined : requireTemplateId(id, what);
}

/** The recurring template a row links to (`recurring_invoice_id` neither 0 nor -1), or null. */
export function loadTemplate<T>(loader: DataLoader<number, T | null>, id: number | null | undefined) {
  const link = recurringLink(id);
  return link === null ? null : loader.load(link);
}

/** Free-text search: trimmed, control characters removed, bounded in length. */
export function searchText(value: string | null | undefined, what = 'search'): string | undefined {
  if (value == null) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const cleaned = value.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (cleaned.length > MAX_SEARCH_LENGTH) {
    throw badInput(`${what} is limited to ${MAX_SEARCH_LENGTH} characters, got ${cleaned.length}.`);
  }
  return cleaned === '' ? undefined : cleaned;
}

/** Validates a `{from, to}` date range (already parsed by the Date scalar). */
export function dateRange(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && from > to) throw badInput(`from (${from}) is after to (${to}).`);
}

/** Loads a record by id or fails with a HALO_NOT_FOUND error naming the entity and id. */
export async function loadOrNotFound<T>(
  loader: DataLoader<number, T | null>,
  id: number,
  entity: string,
  check: (id: number, what: string) => number = requireId,
): Promise<T> {
  const record = await loader.load(check(id, `${entity} id`));
  if (record == null) throw notFound(entity, id);
  return record;
}

/** Resolver for a to-one relation held as an id on the parent; absent ids resolve to null. */
export function loadRelated<T>(loader: DataLoader<number, T | null>, id: number | null | undefined) {
  return id != null && id > 0 ? loader.load(id) : null;
}

/**
 * The GraphQL field names a resolver's selection asks for (aliases resolved, fragments expanded),
 * or undefined when that cannot be known for sure.
 */
export function requestedFields(info: GraphQLResolveInfo): Set<string> | undefined {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(selection.selectionSet, seen)) return false;
      } else {
        const fragment = info.fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) return false;
        if (!visit(fragment.selectionSet, new Set([...seen, fragment.name.value]))) return false;
      }
    }
    return true;
  };
  for (const node of info.fieldNodes) if (!visit(node.selectionSet, new Set())) return undefined;
  return names;
}

/**
 * A to-one relation the parent row already names (a ticket's `client_id` + `client_name`): when the
 * query asks only for what that copy holds (`client { id name }`), it is served from the row and
 * costs no request; anything more loads the full record.
 */
export function fromRowOr<T>(
  info: GraphQLResolveInfo,
  answers: readonly string[],
  copy: T | null,
  load: () => Promise<T | null> | T | null,
): Promise<T | null> | T | null {
  if (
    copy !== null &&
    Object.values(copy as object).every((v) => v !== undefined && v !== null && v !== '')
  ) {
    const wanted = requestedFields(info);
    if (wanted && [...wanted].every((name) => name === '__typename' || answers.includes(name))) return copy;
  }
  return load();
}

/** `{ id, name }` copy of a relation the row names, or null when the row has no id. */
export function namedCopy<T>(id: number | null | undefined, name: string | null | undefined): T | null {
  // Partial on purpose: fromRowOr serves it only when the query asks for nothing but these two.
  return id != null && id > 0 ? ({ id, name: name ?? undefined } as T) : null;
}

/** A relation the row names by id and name (`client_id` + `client_name`), served by `fromRowOr`. */
export function namedRelation<T>(
  info: GraphQLResolveInfo,
  id: number | null | undefined,
  name: string | null | undefined,
  loader: DataLoader<number, T | null>,
) {
  return fromRowOr(info, ['id', 'name'], namedCopy<T>(id, name), () => loadRelated(loader, id));
}

/** The contract a row names (`contract_id` + `contract_ref`), served for `contract { id reference }`. */
export function contractOf(
  row: { contract_id?: number | null; contract_ref?: string },
  info: GraphQLResolveInfo,
  loader: DataLoader<number, HaloContract | null>,
) {
  const copy =
    row.contract_id != null && row.contract_id > 0
      ? ({ id: row.contract_id, ref: row.contract_ref } as HaloContract)
      : null;
  return fromRowOr(info, ['id', 'reference'], copy, () => loadRelated(loader, row.contract_id));
}
