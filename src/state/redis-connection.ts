import { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { StateHealth } from './types.js';

/**
 * One ioredis connection per replica and what it says about Redis's health. Commands never queue
 * while Redis is away (`enableOfflineQueue: false`) and time out quickly, so a replica notices at
 * once, switches to its local fallback (degraded), and switches back when the connection is ready
 * again. Each change is logged once, with no URL (it may hold a password).
 */
export interface RedisLink {
  readonly redis: Redis;
  /** True while commands can be sent and none has just failed. */
  usable(): boolean;
  /** A command failed: degraded until the connection is ready again. */
  failed(error: unknown): void;
  health(): StateHealth;
  /** Called each time the link comes back from degraded (after a reconnect). */
  onRecovered(listener: () => void): void;
  close(): Promise<void>;
}

export interface RedisLinkOptions {
  url: string;
  logger: Logger;
  now?: () => number;
  /** Per-command limit; a slower Redis counts as away. */
  commandTimeoutMs?: number;
}

const COMMAND_TIMEOUT_MS = 1000;
const PROBE_EVERY_MS = 1000;

export function connectRedis(options: RedisLinkOptions): RedisLink {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Reconnect forever, backing off to 1 s: the replica serves degraded meanwhile.
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 4), 1000),
    lazyConnect: false,
    connectionName: 'halo-psa-mcp',
  });
  // Until the first `ready` the replica is degraded, but quietly: a start is not an outage.
  let degraded: string | undefined = 'connecting to Redis';
  let announced = false;
  let since = now();
  let closing = false;
  const recovered: Array<() => void> = [];

  const degrade = (reason: string) => {
    if (closing || announced) return;
    if (degraded === undefined) since = now();
    degraded = reason;
    announced = true;
    logger.warn(
      "shared state unavailable: pacing at this replica's share of the Halo limit and using local caches until Redis is back",
      { reason },
    );
  };

  const recover = () => {
    if (degraded === undefined) return;
    if (announced) logger.info('shared state back: Redis is reachable again');
    degraded = undefined;
    announced = false;
    since = now();
    for (const listener of recovered) {
      try {
        listener();
      } catch (error) {
        logger.warn('shared state recovery step failed', { error: describe(error) });
      }
    }
  };
  redis.on('ready', recover);
  // A command can fail (a timeout) on a connection that stays open: probe it while degraded.
  const probe = setInterval(() => {
    if (degraded === undefined || redis.status !== 'ready') return;
    redis.ping().then(recover, () => {});
  }, PROBE_EVERY_MS);
  probe.unref();
  // ioredis reports connection errors here; without a listener Node would print them as unhandled.
  redis.on('error', (error: unknown) => degrade(describe(error)));
  redis.on('close', () => degrade('connection to Redis closed'));

  return {
    redis,
    usable: () => degraded === undefined && redis.status === 'ready',
    failed: (error) => degrade(describe(error)),
    health: () => ({
      backend: 'redis',
      status: degraded === undefined ? 'ok' : 'degraded',
      ...(degraded === undefined ? {} : { detail: degraded }),
      since: new Date(since).toISOString(),
    }),
    onRecovered: (listener) => {
      recovered.push(listener);
    },
    async close() {
      closing = true;
      clearInterval(probe);
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    },
  };
}

/** A Redis failure in one line: ioredis messages name host and port, never the password. */
function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/redis(s?):\/\/[^@\s]*@/gi, 'redis$1://').slice(0, 200);
}
