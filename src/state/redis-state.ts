import { createHash } from 'node:crypto';
import { createTokenSealer } from '../auth/sealed-tokens.js';
import { decodeTokenKey, type HaloConfig, type SharedStateConfig } from '../config.js';
import type { Logger } from '../log.js';
import { createRedisAuthStore } from './redis-auth-store.js';
import { createRedisBudgetStore } from './redis-budget-store.js';
import { connectRedis } from './redis-connection.js';
import { createCrossReplicaFlight } from './redis-flight.js';
import { createRedisLocks } from './redis-locks.js';
import { createRedisValues } from './redis-values.js';
import { createSharedReference } from './shared-reference.js';
import { createSharedTokenCache } from './shared-token.js';
import type { SharedState } from './types.js';

const digest = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 16);

/**
 * Shared state in Redis (HALO_REDIS_URL). Keys live under HALO_REDIS_PREFIX and then a digest of
 * the Halo instance, so deployments on different tenants can share one Redis. Loaded only when
 * configured: the embedded default never imports ioredis.
 */
export function openRedisState(
  config: SharedStateConfig,
  halo: HaloConfig,
  logger: Logger,
  now: () => number = Date.now,
): SharedState {
  logger.addSecret(config.redisUrl);
  const link = connectRedis({ url: config.redisUrl, logger, now });
  const tenant = `${config.prefix}${digest(halo.instanceUrl.toLowerCase())}:`;
  // Reads depend on the API application too: another application may see other records.
  const reader = `${tenant}${digest(`${halo.clientId}|${halo.scope}`)}:`;
  const key = decodeTokenKey(config.tokenKey);
  if (key === undefined) throw new Error('HALO_MCP_TOKEN_KEY is not a 32-byte key.');
  const sealer = createTokenSealer(
    key,
    config.previousTokenKeys.flatMap((k) => decodeTokenKey(k) ?? []),
  );
  const values = createRedisValues(link, tenant);
  const locks = createRedisLocks(link.redis, tenant);
  const flight = createCrossReplicaFlight(link, reader);
  return {
    backend: 'redis',
    health: link.health,
    budget: createRedisBudgetStore({ link, key: `${tenant}budget`, replicas: config.expectedReplicas }),
    values,
    locks,
    flight,
    reference: createSharedReference(flight),
    tokens: createSharedTokenCache({
      values,
      locks,
      sealer,
      identity: `${halo.authUrl}|${halo.clientId}|${halo.tenant ?? ''}|${halo.scope}`,
      now,
    }),
    authStore: (clock) => createRedisAuthStore(link.redis, tenant, clock ?? now),
    close: () => link.close(),
  };
}
