import type { SharedReferenceStore } from '../graphql/reference-cache.js';
import type { CrossReplicaFlight } from './redis-flight.js';

/** Reference lists kept in Redis for their TTL, read by one replica at a time. */
export function createSharedReference(flight: CrossReplicaFlight): SharedReferenceStore {
  const keyOf = (key: string) => `reference:${key}`;
  return {
    async get(key) {
      const hit = await flight.kept<unknown[]>(keyOf(key));
      return hit && Array.isArray(hit.value) ? { records: hit.value, ttlMs: hit.ttlMs } : undefined;
    },
    readOnce: (key, read, ttlMs) => flight.run(keyOf(key), read, { keepMs: ttlMs }),
  };
}
