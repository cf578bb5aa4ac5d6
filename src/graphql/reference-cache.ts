import type { CallScope } from '../halo/call-scope.js';
import type { HaloReader, ResourceName, ResourceRecord } from '../halo/resources.js';

/** Small, slowly changing collections read whole and shared across requests for a short TTL. */
export type ReferenceKind = 'agents' | 'teams' | 'statuses' | 'ticketTypes' | 'priorities' | 'clients';

const QUERIES: Record<ReferenceKind, Record<string, string | boolean>> = {
  agents: { includeenabled: true, includedisabled: true, includeunassigned: true },
  teams: { includeenabled: true, includedisabled: true },
  statuses: {},
  ticketTypes: { showinactive: true },
  priorities: {},
  // The client directory: every client, inactive included, so relations always resolve.
  clients: { includeactive: true, includeinactive: true },
};

/**
 * Lists whose answer is the same whoever asks: ticket statuses, ticket types and priorities are
 * tenant configuration that Halo does not filter per agent. Shared across identities. The others
 * depend on who reads: the client directory follows an agent's customer restrictions, and agents
 * and teams can be limited by an agent's team visibility, so each identity has its own copy.
 */
export const SHARED_KINDS: ReadonlySet<ReferenceKind> = new Set(['statuses', 'ticketTypes', 'priorities']);

interface Entry {
  expires: number;
  value: Promise<unknown[]>;
}

export interface ReferenceCache {
  get<K extends ReferenceKind>(kind: K): Promise<Array<ResourceRecord[K]>>;
  /** True when `kind` is held and fresh, i.e. reading it costs no request. */
  isWarm(kind: ReferenceKind): boolean;
  clear(): void;
  /**
   * The cache as one call sees it: reads go through that call's reader (its agent's token), and
   * identity-dependent lists are held per `scope.identity`, never served to another identity.
   */
  forCall(scope: CallScope | undefined, reader: HaloReader): ReferenceCache;
}

/**
 * Where replicas share the lists (HALO_REDIS_URL): a list read by one replica serves the others
 * for what is left of its TTL, and replicas missing the same list wait for the one reading it.
 */
export interface SharedReferenceStore {
  /** The list and the ms it has left, or undefined (absent, or the store is unavailable). */
  get(key: string): Promise<{ records: unknown[]; ttlMs: number } | undefined>;
  /** Reads through `read` unless another replica is reading `key`; then waits for its answer. */
  readOnce(key: string, read: () => Promise<unknown[]>, ttlMs: number): Promise<unknown[]>;
}

export function createReferenceCache(
  halo: HaloReader,
  ttlMs: number,
  now: () => number = Date.now,
  shared?: SharedReferenceStore,
): ReferenceCache {
  const entries = new Map<string, Entry>();
  const keyOf = (identity: string, kind: ReferenceKind) =>
    SHARED_KINDS.has(kind) ? `*|${kind}` : `${identity}|${kind}`;

  /** Shared first (when configured and the TTL allows caching at all), Halo otherwise. */
  const load = async (key: string, read: () => Promise<unknown[]>, entry: Entry): Promise<unknown[]> => {
    if (!shared || ttlMs <= 0) return read();
    const hit = await shared.get(key);
    if (hit) {
      entry.expires = Math.min(entry.expires, now() + hit.ttlMs);
      return hit.records;
    }
    return shared.readOnce(key, read, ttlMs);
  };

  const view = (identity: string, reader: HaloReader): ReferenceCache => ({
    get<K extends ReferenceKind>(kind: K) {
      const key = keyOf(identity, kind);
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return hit.value as Promise<Array<ResourceRecord[K]>>;
      const read = () => reader.list(kind as ResourceName, QUERIES[kind]).then((result) => result.records);
      const entry: Entry = { expires: now() + ttlMs, value: Promise.resolve([]) };
      const value = load(key, read, entry);
      entry.value = value;
      entries.set(key, entry);
      // A failed read must not be cached: the next caller tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value as Promise<Array<ResourceRecord[K]>>;
    },
    isWarm(kind) {
      const hit = entries.get(keyOf(identity, kind));
      return hit !== undefined && hit.expires > now();
    },
    clear() {
      entries.clear();
    },
    forCall: (scope, scopedReader) => view(scope?.identity ?? '', scopedReader),
  });

  return view('', halo);
}
