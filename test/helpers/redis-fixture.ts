import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type RedisProcess, removeRedisServer, startRedisServer } from './redis-server.js';

export interface RedisFixture {
  /** A new connection (a "replica"), closed after the tests. */
  connect(): Redis;
  /** A key prefix no other test uses. */
  prefix(): string;
}

/** Starts one redis-server for the enclosing describe (or file) and stops it after. */
export function useRedisServer(): RedisFixture {
  let server: RedisProcess | undefined;
  const connections: Redis[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.quit()));
    await removeRedisServer(server);
  });
  return {
    connect() {
      if (!server) throw new Error('redis-server is not running yet (use it inside a test or hook)');
      const connection = new Redis(server.url, { maxRetriesPerRequest: 1 });
      connections.push(connection);
      return connection;
    },
    prefix: () => `test-${randomBytes(6).toString('hex')}:`,
  };
}
