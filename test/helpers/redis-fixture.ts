import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  type RedisProcess,
  removeRedisServer,
  requireRedisOrSkip,
  startRedisServer,
} from './redis-server.js';

export interface RedisFixture {
  /** A new connection (a "replica"), closed after the tests. */
  connect(): Redis;
  /** Two connections opened once for the describe: replica A and replica B. */
  replicas(): [Redis, Redis];
  /** A key prefix no other test uses. */
  prefix(): string;
}

/** Starts one redis-server for the enclosing describe (or file) and stops it after. */
export function useRedisServer(): RedisFixture {
  let server: RedisProcess | undefined;
  const connections: Redis[] = [];
  let pair: [Redis, Redis] | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit()));
    await removeRedisServer(server);
  });
  const connect = () => {
    if (!server) throw new Error('redis-server is not running yet (use it inside a test or hook)');
    const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
    connections.push(connection);
    return connection;
  };
  return {
    connect,
    replicas() {
      pair ??= [connect(), connect()];
      return pair;
    },
    prefix: () => `test-${randomBytes(6).toString('hex')}:`,
  };
}

/** A describe with its own redis-server; skipped locally without redis-server (never in CI). */
export function describeWithRedis(title: string, body: (redis: RedisFixture) => void): void {
  describe.skipIf(!requireRedisOrSkip())(title, () => body(useRedisServer()));
}
