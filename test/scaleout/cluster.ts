import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { LatencySpec, RunningSimulator } from '../../src/simulator/types.js';
import { TEST_CLIENT_ID, TEST_CLIENT_SECRET } from '../helpers/halo.js';
import { closedPort } from '../helpers/local-server.js';
import {
  type RedisProcess,
  redisServerAvailable,
  removeRedisServer,
  startRedisServer,
} from '../helpers/redis-server.js';

// A small cluster of real processes for the scale-out tests: the simulator in this process, a real
// redis-server, N replicas of the shipped bin (`node dist/bin/halo-psa-mcp.js`, HTTP transport),
// each in its own process group on its own loopback port, and a real haproxy in front that checks
// /health and replays a request to another replica when the one it picked dies (the tools are
// read-only, so a replay is safe). `stop()` ends all of it; a process-exit hook kills what is left
// if a test run dies before its afterAll.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../dist/bin/halo-psa-mcp.js', import.meta.url));

export function haproxyAvailable(): boolean {
  try {
    execFileSync('haproxy', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Skip locally without redis-server or haproxy; under CI their absence is a failure (.ci/run installs both). */
export function requireClusterOrSkip(): boolean {
  const missing = [
    ...(redisServerAvailable() ? [] : ['redis-server']),
    ...(haproxyAvailable() ? [] : ['haproxy']),
  ];
  if (missing.length === 0) return true;
  if (process.env.CI)
    throw new Error(`CI needs ${missing.join(' and ')} for the scale-out tests: .ci/run installs them`);
  return false;
}

/** Every process group this module started and has not seen exit. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  alive(): boolean;
}

/** Keeps the last this many characters of a child's output (for failure messages). */
const OUTPUT_TAIL = 256 * 1024;

function spawnGroup(command: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, { env, cwd: REPO, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_TAIL * 2) output = output.slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      resolve();
    });
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    exited,
    alive,
    async kill(signal = 'SIGTERM') {
      if (!alive()) return;
      killGroup(child, signal);
      await exited;
    },
  };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what} within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** One request a replica sent to Halo, as the tap saw it. */
export interface TappedRequest {
  method: string;
  path: string;
  status: number;
  /** Epoch ms the request reached the tap. */
  at: number;
  /** The replica whose connection carried it (`r0`...), when the tap could tell. */
  replica?: string;
}

interface Tap {
  url: string;
  requests: TappedRequest[];
  stop(): Promise<void>;
}

const hexPort = (port: number) => `:${port.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Which of `pids` holds the client end of the loopback connection from `remotePort` to `port`:
 * the socket's inode from /proc/net/tcp, then the process with a descriptor on it (Linux).
 */
async function connectionOwner(
  remotePort: number,
  port: number,
  pids: number[],
): Promise<number | undefined> {
  const table = await readFile('/proc/net/tcp', 'utf8').catch(() => '');
  let inode: string | undefined;
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1]?.endsWith(hexPort(remotePort)) && fields[2]?.endsWith(hexPort(port))) inode = fields[9];
  }
  if (!inode) return undefined;
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === `socket:[${inode}]`) return pid;
    }
  }
  return undefined;
}

/**
 * A pass-through HTTP proxy in front of the simulator that every replica uses as its Halo, and that
 * tells their requests apart by connection (the simulator accepts one API application, and the
 * replicas must share one Halo URL: the shared state is keyed by it).
 */
async function startTap(targetPort: number, replicaOfPid: () => Map<number, string>): Promise<Tap> {
  const requests: TappedRequest[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const owners = new WeakMap<Socket, Promise<string | undefined>>();
  const server: Server = createServer((req, res) => {
    const entry: TappedRequest = {
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      status: 0,
      at: Date.now(),
    };
    requests.push(entry);
    void owners.get(req.socket)?.then((name) => {
      if (name) entry.replica = name;
    });
    const upstream = request(
      { host: '127.0.0.1', port: targetPort, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket: Socket) => {
    const names = replicaOfPid();
    const own = (server.address() as AddressInfo).port;
    owners.set(
      socket,
      connectionOwner(socket.remotePort ?? 0, own, [...names.keys()]).then((pid) =>
        pid === undefined ? undefined : names.get(pid),
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}

export interface HealthAnswer {
  status: string;
  state?: { backend?: string; status?: string; detail?: string };
  [key: string]: unknown;
}

export async function healthOf(url: string): Promise<HealthAnswer> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
  if (response.status !== 200) throw new Error(`/health answered ${response.status}`);
  return (await response.json()) as HealthAnswer;
}

export interface Replica {
  /** `r0`, `r1`...: also haproxy's server name (the X-Replica header). */
  name: string;
  port: number;
  url: string;
  pid: number;
  /** What it wrote to stdout and stderr (JSON log lines). */
  output(): string;
  alive(): boolean;
  health(): Promise<HealthAnswer>;
  /** Every request this replica sent to Halo, as the tap told them apart. */
  upstream(): TappedRequest[];
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ClusterOptions {
  replicas: number;
  /** Halo's limit in the simulator. */
  haloLimit: { requests: number; windowMs: number };
  /** HALO_RATE_LIMIT: what the replicas keep under together (a little below Halo's, as advised). */
  rateLimit: number;
  tokenLifetimeSeconds: number;
  latencyMs: LatencySpec;
  referenceTtlMs: number;
  /** Default true: a redis-server and HALO_REDIS_URL. */
  redis?: boolean;
  /** HALO_EXPECTED_REPLICAS; default the replica count. */
  expectedReplicas?: number;
  /** HALO_MCP_AUTH=oauth: the replicas sign agents in through the simulator's login. */
  oauth?: boolean;
  /** More variables for every replica. */
  env?: Record<string, string>;
  dataset?: Dataset;
}

export interface Cluster {
  sim: RunningSimulator;
  redis: RedisProcess | undefined;
  replicas: Replica[];
  /** haproxy's frontend: `http://127.0.0.1:PORT`. */
  url: string;
  /** The bearer token of token mode (absent in OAuth mode). */
  token: string | undefined;
  /** Halo's clock starts at the simulator's; `Date.now()` when every replica was up. */
  startedAt: number;
  /** haproxy's view of each replica: `UP`, `DOWN`, ... (from its stats CSV). */
  proxyStatus(): Promise<Record<string, string>>;
  /** Resolves once haproxy sees `name` as `status`. */
  waitForProxyStatus(name: string, status: 'UP' | 'DOWN', timeoutMs?: number): Promise<void>;
  /** Everything the replicas and haproxy wrote, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

export const CLUSTER_TOKEN = `scaleout-${randomBytes(12).toString('hex')}`;

/** The generated tenant every scale-out test reads, pinned to one day. */
export function clusterDataset(): Dataset {
  return generateDataset({ size: 'tiny', seed: 23, today: '2026-11-24' });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!existsSync(BIN)) throw new Error('dist/bin/halo-psa-mcp.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'halo-cluster-'));
  const started: { sim?: RunningSimulator; redis?: RedisProcess; procs: Spawned[]; taps: Tap[] } = {
    procs: [],
    taps: [],
  };
  const stop = async () => {
    await Promise.all(started.procs.map((p) => p.kill('SIGKILL')));
    await Promise.all(started.taps.map((t) => t.stop()));
    await removeRedisServer(started.redis);
    await started.sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const sim = await startSimulator({
      dataset: options.dataset ?? clusterDataset(),
      clientId: TEST_CLIENT_ID,
      clientSecret: TEST_CLIENT_SECRET,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      rateLimit: options.haloLimit,
      latencyMs: options.latencyMs,
    });
    started.sim = sim;
    const redis = options.redis === false ? undefined : await startRedisServer();
    started.redis = redis;
    const proxyPort = await closedPort();
    const statsPort = await closedPort();
    const url = `http://127.0.0.1:${proxyPort}`;
    const ports: number[] = [];
    for (let i = 0; i < options.replicas; i++) ports.push(await closedPort());

    const pids = new Map<number, string>();
    const tap = await startTap(Number(new URL(sim.url).port), () => pids);
    started.taps.push(tap);
    const tokenKey = randomBytes(32).toString('base64');
    const common: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HALO_MCP_TRANSPORT: 'http',
      HALO_MCP_HOST: '127.0.0.1',
      HALO_INSTANCE_URL: tap.url,
      HALO_AUTH_URL: `${tap.url}/auth`,
      HALO_RATE_LIMIT: String(options.rateLimit),
      HALO_RATE_WINDOW_MS: String(options.haloLimit.windowMs),
      HALO_REFERENCE_TTL_MS: String(options.referenceTtlMs),
      HALO_EXPECTED_REPLICAS: String(options.expectedReplicas ?? options.replicas),
      HALO_MCP_TOKEN_KEY: tokenKey,
      HALO_MCP_DRAIN_MS: '0',
      HALO_LOG_LEVEL: process.env.SCALEOUT_LOG_LEVEL ?? 'info',
      ...(redis ? { HALO_REDIS_URL: redis.url, HALO_REDIS_PREFIX: `scaleout-${proxyPort}:` } : {}),
      ...(options.oauth
        ? {
            HALO_MCP_AUTH: 'oauth',
            HALO_MCP_PUBLIC_URL: url,
            HALO_AGENT_LOGIN_CLIENT_ID: sim.agentLogin.clientId,
            HALO_MCP_OAUTH_REDIRECT_HOSTS: '127.0.0.1,localhost',
          }
        : {
            HALO_MCP_TOKEN: CLUSTER_TOKEN,
            HALO_CLIENT_ID: TEST_CLIENT_ID,
            HALO_CLIENT_SECRET: TEST_CLIENT_SECRET,
          }),
      ...options.env,
    };

    const replicas: Replica[] = ports.map((port, index) => {
      const name = `r${index}`;
      const env = {
        ...common,
        HALO_MCP_PORT: String(port),
        HALO_MCP_AUTH_DB: join(dir, `${name}.sqlite`),
      };
      const proc = spawnGroup(process.execPath, [BIN], env);
      started.procs.push(proc);
      if (proc.child.pid !== undefined) pids.set(proc.child.pid, name);
      const replicaUrl = `http://127.0.0.1:${port}`;
      return {
        name,
        port,
        url: replicaUrl,
        pid: proc.child.pid ?? -1,
        output: proc.output,
        alive: proc.alive,
        health: () => healthOf(replicaUrl),
        upstream: () => tap.requests.filter((r) => r.replica === name),
        kill: proc.kill,
      };
    });
    await Promise.all(
      replicas.map((replica, i) =>
        until(
          `${replica.name} answering /health`,
          async () => {
            const proc = started.procs[i];
            if (proc && !proc.alive()) throw new Error(`${replica.name} exited:\n${replica.output()}`);
            return (await replica.health()).status ? true : undefined;
          },
          20_000,
        ).catch((error: Error) => {
          throw new Error(`${error.message}\n${replica.output()}`);
        }),
      ),
    );

    const config = haproxyConfig(proxyPort, statsPort, replicas);
    const configPath = join(dir, 'haproxy.cfg');
    writeFileSync(configPath, config);
    const proxy = spawnGroup('haproxy', ['-db', '-f', configPath], { PATH: process.env.PATH ?? '' });
    started.procs.push(proxy);

    const proxyStatus = async (): Promise<Record<string, string>> => {
      const csv = await (
        await fetch(`http://127.0.0.1:${statsPort}/stats;csv`, { signal: AbortSignal.timeout(2_000) })
      ).text();
      const [header, ...rows] = csv.replace(/^# /, '').trim().split('\n');
      const columns = (header ?? '').split(',');
      const at = (name: string) => columns.indexOf(name);
      const out: Record<string, string> = {};
      for (const row of rows) {
        const cells = row.split(',');
        if (cells[at('pxname')] !== 'replicas') continue;
        const server = cells[at('svname')] ?? '';
        if (server === 'FRONTEND' || server === 'BACKEND') continue;
        out[server] = cells[at('status')] ?? '';
      }
      return out;
    };
    const waitForProxyStatus = async (name: string, status: 'UP' | 'DOWN', timeoutMs = 10_000) => {
      await until(
        `haproxy seeing ${name} ${status}`,
        async () => ((await proxyStatus())[name]?.startsWith(status) ? true : undefined),
        timeoutMs,
        50,
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n${proxy.output()}`);
      });
    };
    for (const replica of replicas) await waitForProxyStatus(replica.name, 'UP');

    return {
      sim,
      redis,
      replicas,
      url,
      token: options.oauth ? undefined : CLUSTER_TOKEN,
      startedAt: Date.now(),
      proxyStatus,
      waitForProxyStatus,
      output: () =>
        [
          ...replicas.map((r) => `--- ${r.name}\n${tail(r.output())}`),
          `--- haproxy\n${tail(proxy.output())}`,
        ].join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The last lines of a process's output, for a failure message. */
function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * haproxy 2.6: round robin over the replicas, /health checked every 500 ms (down after 2 failures,
 * up after 1 success), and a request whose replica refused the connection, reset it or answered
 * nothing is replayed (`retry-on`) on another replica (`redispatch 1`: every retry picks again), up
 * to 3 times. `http-buffer-request` keeps the request body so it can be sent again. Every answer
 * says which replica gave it (X-Replica), so the clients can count per replica.
 */
function haproxyConfig(port: number, statsPort: number, replicas: Replica[]): string {
  return [
    'global',
    '  maxconn 4096',
    '  nbthread 1',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 90s',
    '  timeout server 90s',
    '  timeout queue 10s',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  retries 3',
    '  option redispatch 1',
    '  retry-on all-retryable-errors',
    '  option http-buffer-request',
    'frontend mcp',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    '  option httpchk GET /health',
    '  http-check expect status 200',
    '  default-server inter 500 fastinter 250 downinter 500 fall 2 rise 1',
    '  http-response set-header X-Replica %s',
    ...replicas.map((r) => `  server ${r.name} 127.0.0.1:${r.port} check`),
    'listen stats',
    `  bind 127.0.0.1:${statsPort}`,
    '  stats enable',
    '  stats uri /stats',
    '',
  ].join('\n');
}
