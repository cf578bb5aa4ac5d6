import { openSqliteStore } from '../../src/auth/sqlite-store.js';
import type { AuthStore } from '../../src/auth/store.js';
import { createRedisAuthStore } from '../../src/state/redis-auth-store.js';
import { useRedisServer } from '../helpers/redis-fixture.js';
import { requireRedisOrSkip } from '../helpers/redis-server.js';

export interface StoreBackend {
  name: string;
  open(now: () => number): Promise<AuthStore>;
}

/** Every AuthStore, for contract tests; Redis only where redis-server is installed (always in CI). */
export function storeBackends(): StoreBackend[] {
  const backends: StoreBackend[] = [
    { name: 'sqlite', open: async (now) => openSqliteStore(':memory:', now) },
  ];
  if (requireRedisOrSkip()) {
    const redis = useRedisServer();
    backends.push({
      name: 'redis',
      open: async (now) => createRedisAuthStore(redis.replicas()[0], redis.prefix(), now),
    });
  }
  return backends;
}
