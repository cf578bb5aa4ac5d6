import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from './local-server.js';

// A real redis-server (Debian's package; .ci/run installs it) on a free loopback port, with no
// persistence, that a test can stop and start again on the same port.

export function redisServerAvailable(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Skip locally without redis-server; under CI its absence is a failure (.ci/run installs it). */
export function requireRedisOrSkip(): boolean {
  if (redisServerAvailable()) return true;
  if (process.env.CI)
    throw new Error('CI needs redis-server for this test: apt-get install redis-server (.ci/run does)');
  return false;
}

export interface RedisProcess {
  port: number;
  url: string;
  /** Stops the server (SIGKILL when `hard`): clients see the connection drop. */
  stop(hard?: boolean): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  running(): boolean;
  /** Its working directory, removed by `removeRedisServer`. */
  dir: string;
}

export async function startRedisServer(options: { password?: string } = {}): Promise<RedisProcess> {
  const port = await closedPort();
  const dir = mkdtempSync(join(tmpdir(), 'halo-redis-'));
  let child: ChildProcess | undefined;

  const start = async () => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    args.push('--dir', dir, '--loglevel', 'warning');
    if (options.password) args.push('--requirepass', options.password);
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await waitForPort(port, 10_000);
  };

  const stop = async (hard = false) => {
    const running = child;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await start();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    start,
    async stop(hard) {
      await stop(hard);
    },
    running: () => child !== undefined,
    dir,
  };
}

/** Stops the server for good and removes its directory. */
export async function removeRedisServer(redis: RedisProcess | undefined): Promise<void> {
  if (!redis) return;
  await redis.stop(true);
  rmSync(redis.dir, { recursive: true, force: true });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
