import type { AuthStore } from '../auth/store.js';
import type { SharedReferenceStore } from '../graphql/reference-cache.js';
import type { BudgetStore } from '../halo/budget-store.js';
import type { CrossReplicaFlight } from './redis-flight.js';
import type { SharedTokenCache } from './shared-token.js';

/**
 * What several replicas of the server share when HALO_REDIS_URL is set: the Halo budget window, the
 * API application's token, reference lists, identical reads in flight, the OAuth server's records
 * and the locks that keep one refresh of a token at a time. The embedded default keeps all of it in
 * the process (`backend: 'memory'`), exactly as a single server always has.
 */
export type StateBackend = 'memory' | 'redis';

export interface StateHealth {
  backend: StateBackend;
  /** `degraded`: Redis is unreachable; this replica paces at its share and uses local caches. */
  status: 'ok' | 'degraded';
  /** Why it is degraded, in one line (never a secret, never the Redis password). */
  detail?: string;
  /** ISO time the current status began. */
  since: string;
}

/** Named locks across replicas. */
export interface SharedLocks {
  /** Takes `name` for at most `ttlMs`; a release function, or undefined while another holder has it. */
  tryLock(name: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
  /** Resolves once `name` is free, or after `maxWaitMs` (whichever is first). */
  waitUnlocked(name: string, maxWaitMs: number, signal?: AbortSignal): Promise<void>;
}

/** Short-lived values shared across replicas (strings; callers encode and seal). */
export interface SharedValues {
  get(key: string): Promise<string | undefined>;
  /** With the time left before it expires, in ms. */
  getWithTtl(key: string): Promise<{ value: string; ttlMs: number } | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes `key` only while it still holds `expected` (another replica may have replaced it). */
  deleteIf(key: string, expected: string): Promise<void>;
}

export interface SharedState {
  readonly backend: StateBackend;
  health(): StateHealth;
  /** The Halo budget window every replica counts against; absent: the client's own, in memory. */
  readonly budget?: BudgetStore;
  /** Shared values and locks: absent in memory mode (and failing fast while degraded). */
  readonly values?: SharedValues;
  readonly locks?: SharedLocks;
  /** The API application's token, one for every replica. */
  readonly tokens?: SharedTokenCache;
  /** Identical Halo reads in flight on another replica. */
  readonly flight?: CrossReplicaFlight;
  /** Reference lists, with their TTL. */
  readonly reference?: SharedReferenceStore;
  /** The OAuth server's store when it lives in Redis; absent: the local SQLite store. */
  authStore?(now?: () => number): AuthStore;
  close(): Promise<void>;
}

/** The embedded default: one process, everything in memory, always healthy. */
export function memoryState(): SharedState {
  const since = new Date().toISOString();
  return {
    backend: 'memory',
    health: () => ({ backend: 'memory', status: 'ok', since }),
    close: async () => {},
  };
}
