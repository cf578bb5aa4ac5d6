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

interface Entry {
  expires: number;
  value: Promise<unknown[]>;
}

export interface ReferenceCache {
  get<K extends ReferenceKind>(kind: K): Promise<Array<ResourceRecord[K]>>;
  /** True when `kind` is held and fresh, i.e. reading it costs no request. */
  isWarm(kind: ReferenceKind): boolean;
  clear(): void;
}

export function createReferenceCache(
  halo: HaloReader,
  ttlMs: number,
  now: () => number = Date.now,
): ReferenceCache {
  const entries = new Map<ReferenceKind, Entry>();
  return {
    get<K extends ReferenceKind>(kind: K) {
      const hit = entries.get(kind);
      if (hit && hit.expires > now()) return hit.value as Promise<Array<ResourceRecord[K]>>;
      const value = halo.list(kind as ResourceName, QUERIES[kind]).then((result) => result.records);
      const entry: Entry = { expires: now() + ttlMs, value };
      entries.set(kind, entry);
      // A failed read must not be cached: the next caller tries again.
      value.catch(() => {
        if (entries.get(kind) === entry) entries.delete(kind);
      });
      return value as Promise<Array<ResourceRecord[K]>>;
    },
    isWarm(kind) {
      const hit = entries.get(kind);
      return hit !== undefined && hit.expires > now();
    },
    clear() {
      entries.clear();
    },
  };
}
