import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AuthConfig, authInfo, bearerToken, openIdConfiguration, tokenAnswer } from './auth.js';
import { DatasetIndex } from './dataset-index.js';
import { ENDPOINTS } from './endpoints/index.js';
import { failureAnswer, malformedAnswer, type RawAnswer } from './fault-responses.js';
import { type Fault, FaultQueue } from './faults.js';
import { badRequest, dotnetExceptionBody, HttpError } from './http-errors.js';
import { Query } from './query.js';
import { RateLimiter } from './rate-limiter.js';
import { queryForLog, RequestLog } from './request-log.js';
import { TokenStore } from './token-store.js';
import type { LatencySpec, LogEntry, RateLimitSpec, RunningSimulator, SimulatorOptions } from './types.js';
import { SIMULATOR_VARIANTS, type SimulatorVariant } from './variants/index.js';
import { toWireJson } from './wire.js';

/** Halo-hosted tenants: 300 requests per rolling 5-minute window (newer reports say 700). */
export const DEFAULT_RATE_LIMIT: RateLimitSpec = { requests: 300, windowMs: 300_000 };

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_FORM_BYTES = 64 * 1024;

const READ_ONLY: RawAnswer = {
  status: 405,
  body: dotnetExceptionBody('The simulator is read-only: only GET is served.'),
  contentType: JSON_TYPE,
  headers: { Allow: 'GET' },
};

type Route = 'token' | 'openid' | 'authinfo' | 'api' | 'unknown';

function routeOf(lowerPath: string): Route {
  if (lowerPath === '/auth/token') return 'token';
  if (lowerPath === '/auth/.well-known/openid-configuration') return 'openid';
  if (lowerPath === '/api/authinfo') return 'authinfo';
  if (lowerPath.startsWith('/api/')) return 'api';
  return 'unknown';
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): RawAnswer {
  return { status, body: JSON.stringify(body), contentType: JSON_TYPE, headers };
}

function empty(status: number, headers: Record<string, string> = {}): RawAnswer {
  return { status, body: '', contentType: 'text/plain; charset=utf-8', headers };
}

function fromHttpError(error: HttpError): RawAnswer {
  return { status: error.status, body: error.body, contentType: error.contentType, headers: error.headers };
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The value '${segment}' is not valid.`);
  }
}

function latencySample(spec: LatencySpec): number {
  if (typeof spec === 'number') return spec;
  return spec.min + Math.random() * (spec.max - spec.min);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_FORM_BYTES) throw new HttpError(413, '');
  }
  return new URLSearchParams(text);
}

/** One running simulator: state shared by the request pipeline and the test controls. */
class Simulator {
  readonly log = new RequestLog();
  readonly faultQueue = new FaultQueue();
  readonly tokens = new TokenStore();
  readonly limiter: RateLimiter;
  readonly index: DatasetIndex;
  readonly now: () => number;
  readonly quirks: boolean;
  readonly variant: SimulatorVariant | undefined;
  latency: LatencySpec;
  authUrl = '';
  private readonly stopping = new AbortController();

  constructor(
    readonly options: SimulatorOptions,
    readonly auth: AuthConfig,
  ) {
    this.index = new DatasetIndex(options.dataset);
    this.limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    this.now = options.now ?? Date.now;
    this.quirks = options.quirks ?? true;
    this.latency = options.latencyMs ?? 0;
    this.variant = options.variant === undefined ? undefined : SIMULATOR_VARIANTS[options.variant];
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const entry = this.log.record({
      method,
      path: url.pathname,
      query: queryForLog(url.searchParams),
      status: 0,
      at: this.now(),
    });
    const route = routeOf(url.pathname.toLowerCase());
    if ((route === 'api' || route === 'authinfo') && method !== 'GET') {
      req.resume();
      return this.write(res, entry, READ_ONLY);
    }
    const fault = this.faultQueue.take(url.pathname);
    entry.fault = fault?.kind;
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const readsForm = route === 'token' && method === 'POST';
    if (!readsForm) req.resume();
    const form = readsForm ? await readForm(req) : undefined;
    if (!(await this.pause(fault))) return;
    if (fault?.kind === 'fail') {
      return this.write(res, entry, failureAnswer(fault.status, fault, this.limiter.message()));
    }
    if (fault?.kind === 'malformed') return this.write(res, entry, malformedAnswer());
    this.write(res, entry, this.answer(route, method, url, req, form));
  }

  private answer(
    route: Route,
    method: string,
    url: URL,
    req: IncomingMessage,
    form: URLSearchParams | undefined,
  ): RawAnswer {
    switch (route) {
      case 'token': {
        if (form === undefined || method !== 'POST') return empty(405, { Allow: 'POST' });
        const tenant = url.searchParams.get('tenant');
        const result = tokenAnswer(form, tenant, req.headers, this.auth, this.tokens, this.now());
        return json(result.status, result.body, { 'Cache-Control': 'no-store' });
      }
      case 'openid':
        return json(200, openIdConfiguration(this.authUrl));
      case 'authinfo':
        return json(200, authInfo(this.authUrl, this.auth.tenant));
      case 'api':
        return this.api(url, req);
      default:
        return empty(404);
    }
  }

  private api(url: URL, req: IncomingMessage): RawAnswer {
    const now = this.now();
    if (!this.limiter.tryAcquire(now)) {
      return failureAnswer(429, {}, this.limiter.message());
    }
    const token = bearerToken(req.headers);
    if (token === undefined || !this.tokens.isValid(token, now)) {
      return empty(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
    }
    const segments = url.pathname
      .split('/')
      .filter((segment) => segment !== '')
      .slice(1);
    const resource = segments[0]?.toLowerCase() ?? '';
    const endpoint = ENDPOINTS.get(resource);
    if (endpoint === undefined || segments.length > 2) return empty(404);
    const variant = this.variant;
    try {
      const q = new Query(variant?.query?.(resource, url.searchParams) ?? url.searchParams);
      const rawId = segments[1] === undefined ? undefined : decodePathSegment(segments[1]);
      const id =
        rawId === undefined ? undefined : (variant?.detailId?.(resource, rawId, this.index) ?? rawId);
      const answer = id === undefined ? endpoint.list(q, this.index) : endpoint.detail(id, q, this.index);
      const body = variant?.body
        ? variant.body(resource, id === undefined ? 'list' : 'detail', answer)
        : answer;
      const text = toWireJson(body, { quirks: this.quirks, decimalFields: endpoint.decimalFields });
      return { status: 200, body: text, contentType: JSON_TYPE, headers: {} };
    } catch (error) {
      if (error instanceof HttpError) return fromHttpError(error);
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, body: dotnetExceptionBody(message), contentType: JSON_TYPE, headers: {} };
    }
  }

  /** Waits for the latency (plus a hang); false when the simulator stopped meanwhile. */
  private async pause(fault: Fault | undefined): Promise<boolean> {
    const ms = latencySample(this.latency) + (fault?.kind === 'hang' ? fault.ms : 0);
    if (ms <= 0) return true;
    try {
      await sleep(ms, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  private write(res: ServerResponse, entry: LogEntry, answer: RawAnswer): void {
    entry.status = answer.status;
    if (res.destroyed || res.writableEnded) return;
    res.writeHead(answer.status, {
      'Content-Type': answer.contentType,
      'Content-Length': Buffer.byteLength(answer.body),
      ...answer.headers,
    });
    res.end(answer.body);
  }

  stop(): void {
    this.stopping.abort();
  }
}

function listen(server: Server, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts a Halo-like HTTP server on 127.0.0.1 serving `options.dataset`. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const auth: AuthConfig = {
    clientId: options.clientId ?? 'sim-client',
    clientSecret: options.clientSecret ?? 'sim-secret',
    tenant: options.tenant,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3600,
  };
  const sim = new Simulator(options, auth);
  const server = createServer((req, res) => {
    sim.handle(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return;
      const status = error instanceof HttpError ? error.status : 500;
      res.writeHead(status, { 'Content-Type': JSON_TYPE });
      res.end(dotnetExceptionBody(error instanceof Error ? error.message : String(error)));
    });
  });
  const address = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${address.port}`;
  sim.authUrl = `${url}/auth`;
  const initialLatency = sim.latency;
  const initialRateLimit = sim.limiter.limit;
  let stopped: Promise<void> | undefined;

  return {
    url,
    authUrl: sim.authUrl,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    tenant: auth.tenant,
    data: options.dataset,
    log: sim.log,
    faults: {
      failNext: (n, status, opts) => sim.faultQueue.failNext(n, status, opts),
      malformedNext: (n, opts) => sim.faultQueue.add({ kind: 'malformed' }, n, opts?.pathPrefix),
      resetNext: (n, opts) => sim.faultQueue.add({ kind: 'reset' }, n, opts?.pathPrefix),
      hangNext: (n, ms, opts) => sim.faultQueue.add({ kind: 'hang', ms }, n, opts?.pathPrefix),
      expireTokens: () => sim.tokens.expireAll(),
      setLatency: (latency) => {
        sim.latency = latency;
      },
      setRateLimit: (limit) => sim.limiter.set(limit),
      clear: () => {
        sim.faultQueue.clear();
        sim.latency = initialLatency;
        sim.limiter.set(initialRateLimit);
      },
    },
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        sim.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
