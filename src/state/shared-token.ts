import { createHash } from 'node:crypto';
import type { TokenSealer } from '../auth/sealed-tokens.js';
import type { SharedLocks, SharedValues } from './types.js';

/** The API application's Halo token as the replicas share it: one value per Halo identity. */
export interface SharedTokenCache {
  /** The token another replica (or this one) stored, unopened when absent or unreadable. */
  read(): Promise<{ value: string; refreshAt: number } | undefined>;
  write(token: { value: string; refreshAt: number }): Promise<void>;
  /** Forgets `value` if it is still the stored token (Halo refused it). */
  drop(value: string): Promise<void>;
  /** One replica fetches at a time: a release, or undefined while another replica is fetching. */
  lock(): Promise<(() => Promise<void>) | undefined>;
  /** Waits (bounded) for the fetching replica to finish. */
  waitForOther(maxWaitMs: number): Promise<void>;
}

interface Stored {
  sealed: string;
  refreshAt: number;
  /** SHA-256 of the token, to drop exactly the refused one. */
  digest: string;
}

/** Renewed while the fetch runs: a replica that died while fetching frees it within this. */
const LOCK_TTL_MS = 5_000;

const digestOf = (token: string) => createHash('sha256').update(token).digest('base64url');

/**
 * Keyed by a digest of who the token is for (token URL, client id, tenant, scope): two deployments
 * with different Halo applications never share one. The token is sealed (AES-256-GCM under
 * HALO_MCP_TOKEN_KEY) before it reaches Redis.
 */
export function createSharedTokenCache(options: {
  values: SharedValues;
  locks: SharedLocks;
  sealer: TokenSealer;
  identity: string;
  now: () => number;
}): SharedTokenCache {
  const { values, locks, sealer, now } = options;
  const id = createHash('sha256').update(options.identity).digest('base64url').slice(0, 22);
  const key = `token:${id}`;
  const lockName = `token-fetch:${id}`;

  const load = async (): Promise<{ raw: string; stored: Stored } | undefined> => {
    const raw = await values.get(key);
    if (raw === undefined) return undefined;
    try {
      return { raw, stored: JSON.parse(raw) as Stored };
    } catch {
      return undefined;
    }
  };

  return {
    async read() {
      const found = await load();
      if (!found) return undefined;
      try {
        return { value: sealer.open(found.stored.sealed).plaintext, refreshAt: found.stored.refreshAt };
      } catch {
        // Sealed under a key this replica does not have: fetch a new one (and overwrite it).
        return undefined;
      }
    },
    async write(token) {
      const stored: Stored = {
        sealed: sealer.seal(token.value),
        refreshAt: token.refreshAt,
        digest: digestOf(token.value),
      };
      await values.set(key, JSON.stringify(stored), Math.max(1000, token.refreshAt - now()));
    },
    async drop(value) {
      const found = await load();
      if (found?.stored.digest === digestOf(value)) await values.deleteIf(key, found.raw);
    },
    lock: () => locks.tryLock(lockName, LOCK_TTL_MS),
    waitForOther: (maxWaitMs) => locks.waitUnlocked(lockName, maxWaitMs),
  };
}
