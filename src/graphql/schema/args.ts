import type DataLoader from 'dataloader';
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
): Promise<T> {
  const record = await loader.load(requireId(id, `${entity} id`));
  if (record == null) throw notFound(entity, id);
  return record;
}

/** Resolver for a to-one relation held as an id on the parent; absent ids resolve to null. */
export function loadRelated<T>(loader: DataLoader<number, T | null>, id: number | null | undefined) {
  return id != null && id > 0 ? loader.load(id) : null;
}
