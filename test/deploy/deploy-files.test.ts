import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { decodeTokenKey } from '../../src/config.js';

// The deployment files (deploy/) checked with their own tools (dclint, the Kubernetes schemas of
// kubernetes-models, `haproxy -c`), then against each other: the names, ports, replica counts and
// secrets that must agree across Compose, haproxy and Kubernetes.

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DEPLOY = join(REPO, 'deploy');
const read = (path: string): string => readFileSync(join(REPO, path), 'utf8');

/** haproxy's version line; absent without haproxy, which only a local run may lack (.ci/run installs it). */
const haproxyVersion = ((): string | undefined => {
  try {
    return execFileSync('haproxy', ['-v'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    if (process.env.CI)
      throw new Error('CI needs haproxy to check deploy/haproxy.cfg: apt-get install haproxy (.ci/run does)');
    return undefined;
  }
})();
const haproxyMissing = haproxyVersion === undefined;

const scratch = mkdtempSync(join(tmpdir(), 'halo-deploy-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes `text` to `name` in the scratch directory and returns its path. */
function variant(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program to its end; a missing program is code -1 with ENOENT in stderr. */
function run(file: string, args: string[], timeoutMs = 30_000): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}${error.message}` : stderr });
    });
  });
}

/** Environment names whose values are secrets (HALO_MCP_AUTH, a mode, is not one). */
const SECRET_NAME = /(SECRET|TOKEN|KEY|KEY_PREVIOUS|PASSWORD|REDIS_URL|REDISCLI_AUTH)$/;
/** A Compose required variable: `${NAME:?message}` and nothing else. */
const REQUIRED_VARIABLE = /^\$\{[A-Z][A-Z0-9_]*:\?[^}]+\}$/;
const ALL_REQUIRED_VARIABLES = /\$\{([A-Z][A-Z0-9_]*):\?[^}]+\}/g;

type Json = Record<string, unknown>;
const asRecord = (value: unknown): Json => (value ?? {}) as Json;

// ---------------------------------------------------------------- Compose

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string };
  environment?: Record<string, string>;
  command?: string[];
  ports?: string[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  read_only?: boolean;
  restart?: string;
  stop_grace_period?: string;
  cap_drop?: string[];
}

const composeText = read('deploy/compose.yaml');
const compose = parse(composeText, { merge: true }) as {
  name: string;
  services: Record<string, ComposeService>;
};
const services = compose.services;
/** Every string of the Compose file's values (its comments left out). */
const composeStrings: string[] = [];
(function collect(value: unknown): void {
  if (typeof value === 'string') composeStrings.push(value);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) collect(item);
})(compose);
/** The halo-psa-mcp replicas: the services built from the Dockerfile. */
const replicas = Object.entries(services).filter(([, service]) => service.build !== undefined);

const DCLINT = join(REPO, 'node_modules/dclint/bin/dclint.cjs');

interface DclintResult {
  messages: { rule: string; type: string; message: string }[];
  errorCount: number;
  warningCount: number;
}

async function dclint(path: string): Promise<{ code: number; results: DclintResult[] }> {
  const { code, stdout, stderr } = await run(process.execPath, [
    DCLINT,
    path,
    '--formatter',
    'json',
    '--max-warnings',
    '0',
  ]);
  if (!stdout.trim().startsWith('[')) throw new Error(`dclint printed no JSON report:\n${stdout}${stderr}`);
  return { code, results: JSON.parse(stdout) as DclintResult[] };
}

/** Seconds in a Compose duration such as `30s`, `1m30s`, `1500ms`. */
function seconds(duration: string): number {
  const units = { h: 3600, m: 60, s: 1, ms: 0.001 } as const;
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+)(h|ms|m|s)/g)) {
    total += Number(amount) * units[unit as keyof typeof units];
  }
  return total;
}

describe('deploy/compose.yaml', () => {
  it('passes dclint with no error and no warning', async () => {
    const { code, results } = await dclint(join(DEPLOY, 'compose.yaml'));
    expect(results.flatMap((r) => r.messages)).toEqual([]);
    expect(code).toBe(0);
  });

  it.each([
    ['an image without a version tag', composeText.replace('redis:7.4-alpine', 'redis'), /explicit-tag/],
    [
      'a port published on every interface',
      composeText.replace(/'127\.0\.0\.1:\$\{HALO_LB_PORT:-8080\}:8080'/, "'8080:8080'"),
      /no-unbound-port-interfaces/,
    ],
    ['an unknown service key', composeText.replace('    user: redis', '    usr: redis'), /invalid-schema/],
  ])('dclint refuses a copy with %s', async (_name, text, rule) => {
    expect(text).not.toBe(composeText);
    const { code, results } = await dclint(variant('compose.yaml', text));
    expect(code).not.toBe(0);
    expect(results.flatMap((r) => r.messages.map((m) => m.rule)).join(' ')).toMatch(rule);
  });

  it('runs three replicas of the image over HTTP, reporting HALO_EXPECTED_REPLICAS to match', () => {
    expect(replicas.map(([name]) => name)).toEqual(['mcp-1', 'mcp-2', 'mcp-3']);
    for (const [, service] of replicas) {
      expect(service.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
      const env = service.environment ?? {};
      expect(env.HALO_MCP_TRANSPORT).toBe('http');
      expect(env.HALO_MCP_HOST).toBe('0.0.0.0');
      expect(env.HALO_MCP_PORT).toBe(dockerfilePort());
      expect(Number(env.HALO_EXPECTED_REPLICAS)).toBe(replicas.length);
      expect(service.expose).toEqual([env.HALO_MCP_PORT]);
      expect(service.ports).toBeUndefined();
      // The Dockerfile's own HEALTHCHECK entry.
      expect(service.healthcheck?.test).toEqual(['CMD', ...dockerfileHealthcheck()]);
      expect(service.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
      // Docker waits stop_grace_period after SIGTERM: the drain must fit in it.
      expect(seconds(service.stop_grace_period ?? '10s')).toBeGreaterThan(
        Number(env.HALO_MCP_DRAIN_MS) / 1000,
      );
      expect(env.HALO_REDIS_URL).toMatch(/^redis:\/\/:\$\{HALO_REDIS_PASSWORD:\?[^}]+\}@redis:6379\/\d+$/);
    }
  });

  it('runs every service read-only, without capabilities, restarting, with a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, read_only: service.read_only }).toEqual({ name, read_only: true });
      expect({ name, cap_drop: service.cap_drop }).toEqual({ name, cap_drop: ['ALL'] });
      expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
      expect(service.healthcheck?.test.length, name).toBeGreaterThan(0);
    }
  });

  it('keeps Redis unpublished, password-protected and checked by a real PONG', () => {
    const redis = services.redis!;
    expect(redis.image).toMatch(/^redis:\d/);
    expect(redis.ports).toBeUndefined();
    expect(redis.command?.slice(0, 3)).toEqual([
      'redis-server',
      '--requirepass',
      redis.environment?.REDISCLI_AUTH,
    ]);
    expect(redis.healthcheck?.test).toEqual(['CMD-SHELL', 'redis-cli ping | grep -q PONG']);
  });

  it('starts haproxy once every replica is healthy, with deploy/haproxy.cfg, on the one published port', () => {
    const haproxy = services.haproxy!;
    expect(haproxy.image).toMatch(/^haproxy:\d/);
    expect(haproxy.depends_on).toEqual(
      Object.fromEntries(replicas.map(([name]) => [name, { condition: 'service_healthy' }])),
    );
    expect(haproxy.volumes).toEqual(['./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro']);
    const published = Object.entries(services).filter(([, s]) => s.ports !== undefined);
    expect(published.map(([name]) => name)).toEqual(['haproxy']);
    expect(haproxy.ports).toHaveLength(1);
    const containerPort = haproxy.ports![0]!.split(':').pop();
    expect(containerPort).toBe(String(haproxyConfig().frontendPort));
    expect(haproxy.ports![0]).toMatch(/^127\.0\.0\.1:/);
  });

  it('holds no literal secret: each is a required variable, written with :? (set or refuse to start)', () => {
    const checked: string[] = [];
    for (const [serviceName, service] of Object.entries(services)) {
      for (const [name, value] of Object.entries(service.environment ?? {})) {
        if (!SECRET_NAME.test(name)) continue;
        checked.push(name);
        if (name.endsWith('_URL')) {
          // The password inside the URL is the required variable; nothing else is secret there.
          const withoutVariables = String(value).replace(ALL_REQUIRED_VARIABLES, '');
          expect(String(value), `${serviceName}.${name}`).toMatch(ALL_REQUIRED_VARIABLES);
          expect(new URL(withoutVariables).password, `${serviceName}.${name}`).toBe('');
        } else {
          expect(String(value), `${serviceName}.${name}`).toMatch(REQUIRED_VARIABLE);
        }
      }
    }
    expect(new Set(checked)).toEqual(
      new Set([
        'HALO_MCP_TOKEN',
        'HALO_MCP_TOKEN_KEY',
        'HALO_CLIENT_SECRET',
        'HALO_REDIS_URL',
        'REDISCLI_AUTH',
      ]),
    );
    // The Redis password on the server's command line is the same required variable.
    expect(services.redis?.command?.[2]).toMatch(REQUIRED_VARIABLE);
  });

  it('names every required variable in deploy/.env.example, with the secrets left blank', () => {
    const example = Object.fromEntries(
      read('deploy/.env.example')
        .split('\n')
        .filter((line) => /^[A-Z]/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const required = new Set(
      composeStrings.flatMap((text) => [...text.matchAll(ALL_REQUIRED_VARIABLES)].map((m) => m[1]!)),
    );
    expect(required.size).toBeGreaterThan(4);
    for (const name of required) expect(Object.keys(example), name).toContain(name);
    for (const [name, value] of Object.entries(example)) {
      if (SECRET_NAME.test(name)) expect(value, name).toBe('');
    }
    // The filled-in copy stays out of git and out of the image's build context.
    expect(read('deploy/.gitignore')).toMatch(/^\.env$/m);
    expect(read('.dockerignore')).toMatch(/^deploy$/m);
  });
});

// ---------------------------------------------------------------- haproxy

interface HaproxyServer {
  name: string;
  host: string;
  port: number;
}

/** The parts of deploy/haproxy.cfg the other files must agree with. */
function haproxyConfig(text = read('deploy/haproxy.cfg')) {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      current = line.trim();
      sections.set(current, []);
    } else sections.get(current)?.push(line.trim());
  }
  const section = (name: string): string[] => {
    const lines = sections.get(name);
    if (!lines) throw new Error(`deploy/haproxy.cfg has no section "${name}"`);
    return lines;
  };
  const frontend = section('frontend mcp_in');
  const bind = frontend.find((l) => l.startsWith('bind '));
  const backendName = frontend.find((l) => l.startsWith('default_backend '))?.split(/\s+/)[1];
  const backend = section(`backend ${backendName}`);
  const servers: HaproxyServer[] = backend
    .filter((l) => l.startsWith('server '))
    .map((l) => {
      const [, name, address] = l.split(/\s+/);
      const [host, port] = (address ?? '').split(':');
      return { name: name!, host: host!, port: Number(port) };
    });
  return {
    frontendPort: Number(bind?.match(/:(\d+)/)?.[1]),
    backend,
    defaults: section('defaults'),
    servers,
    text,
  };
}

function timeoutSeconds(lines: string[], name: string): number {
  const value = lines.find((l) => l.startsWith(`timeout ${name} `))?.split(/\s+/)[2] ?? '';
  const match = /^(\d+)(ms|s|m|h)?$/.exec(value);
  if (!match) return 0;
  const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[(match[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

describe('deploy/haproxy.cfg', () => {
  it.skipIf(haproxyMissing)(
    'passes haproxy -c, warning only about the Compose names not resolving here',
    async () => {
      const { code, stdout, stderr } = await run('haproxy', ['-c', '-f', join(DEPLOY, 'haproxy.cfg')]);
      expect(stdout + stderr).toContain('Configuration file is valid');
      expect(code).toBe(0);
      const warnings = (stdout + stderr).split('\n').filter((l) => /\[(WARNING|ALERT)\]/.test(l));
      for (const warning of warnings) expect(warning).toMatch(/could not resolve address 'mcp-\d'/);
    },
  );

  it.skipIf(haproxyMissing).each([
    ['an unknown balance algorithm', (t: string) => t.replace('balance leastconn', 'balance fastest')],
    [
      'a missing default backend',
      (t: string) => t.replace('default_backend mcp', 'default_backend mcp-gone'),
    ],
    [
      'servers that must resolve at start-up',
      (t: string) => t.replace(/ init-addr last,libc,none/, '').replace(/ resolvers docker/, ''),
    ],
  ])('haproxy -c refuses a copy with %s', async (_name, change) => {
    const text = read('deploy/haproxy.cfg');
    const broken = change(text);
    expect(broken).not.toBe(text);
    const { code, stdout, stderr } = await run('haproxy', ['-c', '-f', variant('haproxy.cfg', broken)]);
    expect(stdout + stderr).toMatch(/\[ALERT\]/);
    expect(code).not.toBe(0);
  });

  it('balances over exactly the Compose replicas, by name and port, without stickiness', () => {
    const { servers, text } = haproxyConfig();
    expect(servers.map((s) => s.name)).toEqual(replicas.map(([name]) => name));
    for (const server of servers) {
      expect(server.host).toBe(server.name);
      expect(String(server.port)).toBe(services[server.name]?.environment?.HALO_MCP_PORT);
    }
    expect(text).not.toMatch(/^\s*(cookie|stick|stick-table|balance source)\b/m);
  });

  it('checks GET /health for a 200 (draining answers 503), and waits long on streamed answers', () => {
    const { backend, defaults } = haproxyConfig();
    expect(backend).toContain('option httpchk GET /health');
    expect(backend).toContain('http-check expect status 200');
    expect(backend.find((l) => l.startsWith('default-server '))).toMatch(
      /\bcheck\b.*init-addr last,libc,none/,
    );
    expect(defaults).toContain('option forwardfor');
    expect(timeoutSeconds(defaults, 'server')).toBeGreaterThanOrEqual(600);
    expect(timeoutSeconds(defaults, 'client')).toBeGreaterThanOrEqual(600);
    expect(timeoutSeconds(defaults, 'tunnel')).toBeGreaterThanOrEqual(3600);
    // A draining replica refuses calls with 503 before doing anything: those are sent elsewhere.
    expect(defaults.find((l) => l.startsWith('retry-on '))).toMatch(/\b503\b/);
  });
});

// ---------------------------------------------------------------- Kubernetes

type KubeDoc = Json & { apiVersion: string; kind: string; metadata: { name: string; labels?: Json } };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1/Deployment': Deployment,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

function kubeDocuments(text: string, file: string): KubeDoc[] {
  return parseAllDocuments(text)
    .filter((doc) => doc.contents !== null)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as KubeDoc;
    });
}

/** Validates one document against its kind's schema; throws naming the document. */
function validateKube(doc: KubeDoc): void {
  const Model = MODELS[`${doc.apiVersion}/${doc.kind}`];
  if (!Model) throw new Error(`no schema for ${doc.apiVersion} ${doc.kind}`);
  try {
    new Model(doc as never).validate();
  } catch (error) {
    throw new Error(`${doc.kind} ${doc.metadata?.name}: ${(error as Error).message}`);
  }
}

const manifestText = read('deploy/kubernetes/halo-psa-mcp.yaml');
const manifest = kubeDocuments(manifestText, 'halo-psa-mcp.yaml');
const secretExample = kubeDocuments(read('deploy/kubernetes/secret.example.yaml'), 'secret.example.yaml');

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Port {
  name?: string;
  containerPort: number;
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: Port[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  resources?: { requests?: Json; limits?: Json };
  securityContext?: Json;
  args?: string[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: Json;
  terminationGracePeriodSeconds?: number;
}

const byKind = (kind: string): KubeDoc[] => manifest.filter((doc) => doc.kind === kind);
const named = (kind: string, name: string): KubeDoc => {
  const doc = manifest.find((d) => d.kind === kind && d.metadata.name === name);
  if (!doc) throw new Error(`the manifest has no ${kind} ${name}`);
  return doc;
};
const spec = (doc: KubeDoc): Json => asRecord(doc.spec);
const podSpec = (deployment: KubeDoc): PodSpec =>
  asRecord(asRecord(spec(deployment).template).spec) as unknown as PodSpec;
const podLabels = (deployment: KubeDoc): Json =>
  asRecord(asRecord(asRecord(spec(deployment).template).metadata).labels);

const server = named('Deployment', 'halo-psa-mcp');
const serverContainer = podSpec(server).containers[0]!;
const serverEnv = new Map((serverContainer.env ?? []).map((e) => [e.name, e]));

/** The container port a probe or Service names (by number or by port name). */
function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

/** True when every label of `selector` is on `labels`. */
const selects = (selector: Json, labels: Json): boolean =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/kubernetes', () => {
  it('holds documents of the expected kinds, each valid against its Kubernetes schema', () => {
    expect(manifest.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual([
      'ConfigMap/halo-psa-mcp',
      'Deployment/halo-psa-mcp',
      'Service/halo-psa-mcp',
      'PodDisruptionBudget/halo-psa-mcp',
      'Deployment/halo-psa-mcp-redis',
      'Service/halo-psa-mcp-redis',
      'NetworkPolicy/halo-psa-mcp-redis',
    ]);
    expect(secretExample.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(['Secret/halo-psa-mcp']);
    for (const doc of [...manifest, ...secretExample]) expect(() => validateKube(doc)).not.toThrow();
  });

  it.each([
    ['replicas as text', manifestText.replace('replicas: 3', 'replicas: three'), /replicas must be integer/],
    [
      'a PodDisruptionBudget allowance that is a list',
      manifestText.replace('  maxUnavailable: 1\n', '  maxUnavailable: [1]\n'),
      /PodDisruptionBudget halo-psa-mcp: .*maxUnavailable/,
    ],
    [
      'a container port as text',
      manifestText.replace('containerPort: 8787', 'containerPort: http'),
      /containerPort must be integer/,
    ],
  ])('the schema check refuses a copy with %s', (_name, text, message) => {
    expect(text).not.toBe(manifestText);
    const run = () => {
      for (const doc of kubeDocuments(text, 'copy')) validateKube(doc);
    };
    expect(run).toThrow(message);
  });

  it('runs as many replicas as HALO_EXPECTED_REPLICAS says, over HTTP on the image port', () => {
    expect(spec(server).replicas).toBe(3);
    expect(Number(serverEnv.get('HALO_EXPECTED_REPLICAS')?.value)).toBe(spec(server).replicas);
    expect(serverEnv.get('HALO_MCP_TRANSPORT')?.value).toBe('http');
    expect(serverEnv.get('HALO_MCP_HOST')?.value).toBe('0.0.0.0');
    expect(serverEnv.get('HALO_MCP_PORT')?.value).toBe(dockerfilePort());
  });

  it('probes /health on the port the server listens on (HALO_MCP_PORT), as the Service targets', () => {
    const port = Number(serverEnv.get('HALO_MCP_PORT')?.value);
    for (const probe of [serverContainer.readinessProbe, serverContainer.livenessProbe]) {
      expect(probe?.httpGet?.path).toBe('/health');
      expect(containerPort(serverContainer, probe?.httpGet?.port)).toBe(port);
    }
    const service = named('Service', 'halo-psa-mcp');
    const servicePorts = spec(service).ports as { targetPort: number | string }[];
    expect(servicePorts.map((p) => containerPort(serverContainer, p.targetPort))).toEqual([port]);
    expect(selects(asRecord(spec(service).selector), podLabels(server))).toBe(true);
  });

  it('drains within the grace period, after a preStop pause that lets the Service let go', () => {
    const pod = podSpec(server);
    const pause = serverContainer.lifecycle?.preStop?.exec?.command;
    expect(pause?.[0]).toBe('sleep');
    const drainSeconds = Number(serverEnv.get('HALO_MCP_DRAIN_MS')?.value) / 1000;
    expect(drainSeconds).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(pause?.[1]) + drainSeconds);
  });

  it('keeps at most one replica away at a time (PodDisruptionBudget, rolling update)', () => {
    const pdb = named('PodDisruptionBudget', 'halo-psa-mcp');
    const replicas = Number(spec(server).replicas);
    const { maxUnavailable, minAvailable } = spec(pdb) as { maxUnavailable?: number; minAvailable?: number };
    expect(maxUnavailable === 1 || minAvailable === replicas - 1).toBe(true);
    expect(selects(asRecord(asRecord(spec(pdb).selector).matchLabels), podLabels(server))).toBe(true);
    expect(asRecord(asRecord(spec(server).strategy).rollingUpdate).maxUnavailable).toBe(0);
  });

  it('runs every container non-root, read-only, without capabilities, with resources', () => {
    for (const deployment of byKind('Deployment')) {
      const pod = podSpec(deployment);
      expect(pod.securityContext?.runAsNonRoot, deployment.metadata.name).toBe(true);
      for (const container of pod.containers) {
        const where = `${deployment.metadata.name}/${container.name}`;
        expect(container.securityContext, where).toMatchObject({
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.resources?.requests, where).toHaveProperty('memory');
        expect(container.resources?.limits, where).toHaveProperty('memory');
        expect(container.readinessProbe, where).toBeDefined();
        expect(container.livenessProbe, where).toBeDefined();
      }
    }
  });

  it('takes every secret from a secretKeyRef to a key the Secret example has', () => {
    const secret = secretExample[0]!;
    const keys = asRecord(secret.stringData);
    const checked: string[] = [];
    for (const deployment of byKind('Deployment')) {
      for (const container of podSpec(deployment).containers) {
        expect(container.envFrom?.some((e) => e.secretRef) ?? false).toBe(false);
        for (const env of container.env ?? []) {
          const ref = env.valueFrom?.secretKeyRef;
          if (ref) {
            expect(ref.name, env.name).toBe(secret.metadata.name);
            expect(Object.keys(keys), env.name).toContain(ref.key);
          }
          if (!SECRET_NAME.test(env.name)) continue;
          checked.push(env.name);
          expect(env.value, env.name).toBeUndefined();
          expect(ref, env.name).toBeDefined();
        }
      }
    }
    expect(new Set(checked)).toEqual(
      new Set([
        'HALO_MCP_TOKEN',
        'HALO_MCP_TOKEN_KEY',
        'HALO_CLIENT_SECRET',
        'HALO_REDIS_URL',
        'REDISCLI_AUTH',
      ]),
    );
    for (const configMap of byKind('ConfigMap')) {
      for (const name of Object.keys(asRecord(configMap.data))) expect(name).not.toMatch(SECRET_NAME);
    }
  });

  it('fills the Secret example with placeholders only, the token key one the server refuses', () => {
    const values = asRecord(secretExample[0]!.stringData);
    for (const [name, value] of Object.entries(values)) expect(String(value), name).toContain('REPLACE_ME');
    expect(decodeTokenKey(String(values.HALO_MCP_TOKEN_KEY))).toBeUndefined();
  });

  it('points HALO_REDIS_URL at the bundled Redis Service, which takes the same password', () => {
    const url = new URL(String(asRecord(secretExample[0]!.stringData).HALO_REDIS_URL));
    const redisService = named('Service', 'halo-psa-mcp-redis');
    expect(url.hostname).toBe(redisService.metadata.name);
    const redisDeployment = named('Deployment', 'halo-psa-mcp-redis');
    const redis = podSpec(redisDeployment).containers[0]!;
    const ports = spec(redisService).ports as { port: number; targetPort: number | string }[];
    expect(ports.map((p) => p.port)).toEqual([Number(url.port)]);
    expect(containerPort(redis, ports[0]?.targetPort)).toBe(6379);
    expect(selects(asRecord(spec(redisService).selector), podLabels(redisDeployment))).toBe(true);
    // The password inside the URL and Redis's own come from the Secret's REDIS_PASSWORD.
    expect(decodeURIComponent(url.password)).toBe(
      String(asRecord(secretExample[0]!.stringData).REDIS_PASSWORD),
    );
    expect(redis.args?.slice(0, 2)).toEqual(['--requirepass', '$(REDISCLI_AUTH)']);
    expect(redis.env?.find((e) => e.name === 'REDISCLI_AUTH')?.valueFrom?.secretKeyRef?.key).toBe(
      'REDIS_PASSWORD',
    );
    // And only the server pods may reach it.
    const policy = named('NetworkPolicy', 'halo-psa-mcp-redis');
    expect(
      selects(asRecord(asRecord(spec(policy).podSelector).matchLabels), podLabels(redisDeployment)),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------- across the files

/** The port the Dockerfile EXPOSEs. */
function dockerfilePort(): string {
  const port = /^EXPOSE (\d+)$/m.exec(read('Dockerfile'))?.[1];
  if (!port) throw new Error('the Dockerfile EXPOSEs no port');
  return port;
}

/** The Dockerfile HEALTHCHECK's command (exec form). */
function dockerfileHealthcheck(): string[] {
  const command = /^HEALTHCHECK .* CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
  if (!command) throw new Error('the Dockerfile has no exec-form HEALTHCHECK');
  return JSON.parse(command) as string[];
}

describe('deploy/README.md', () => {
  it('explains every variable the Compose file and the manifest set', () => {
    const readme = read('deploy/README.md');
    const names = new Set<string>();
    for (const service of Object.values(services)) {
      for (const name of Object.keys(service.environment ?? {})) names.add(name);
    }
    for (const text of composeStrings) {
      for (const name of text.matchAll(/\$\{([A-Z][A-Z0-9_]*)[:?}-]/g)) names.add(name[1]!);
    }
    for (const env of serverContainer.env ?? []) names.add(env.name);
    for (const name of Object.keys(asRecord(named('ConfigMap', 'halo-psa-mcp').data))) names.add(name);
    for (const name of Object.keys(asRecord(secretExample[0]!.stringData))) names.add(name);
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(readme, name).toContain(`\`${name}\``);
  });
});
