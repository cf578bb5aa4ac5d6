import type { Dataset } from './dataset.js';
import type { SimulatorVariantName } from './variants/index.js';

/** A fixed delay, or a uniformly random one between `min` and `max` (milliseconds). */
export type LatencySpec = number | { min: number; max: number };

/** `requests` allowed per rolling `windowMs`; `false` turns the limit off. */
export type RateLimitSpec = { requests: number; windowMs: number } | false;

export interface SimulatorOptions {
  dataset: Dataset;
  /** 0 (default) = any free port. Always bound to 127.0.0.1. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** When set, token requests must carry `?tenant=` with this value. */
  tenant?: string;
  /** `expires_in` of issued tokens. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Default 300 requests per 300000 ms (Halo's rolling 5-minute window). */
  rateLimit?: RateLimitSpec;
  latencyMs?: LatencySpec;
  /** Halo's wire quirks (decimal ids, zone-less dates, sentinels, `-1` ids). Default true. */
  quirks?: boolean;
  /** A "different Halo" (src/simulator/variants/) instead of the real Halo shapes. Default none. */
  variant?: SimulatorVariantName;
  /** Clock in epoch milliseconds, for token expiry and the rate-limit window. Default `Date.now`. */
  now?: () => number;
}

export type LoggedQuery = Record<string, string | string[]>;

export interface LogEntry {
  method: string;
  /** Path as sent, without the query string. */
  path: string;
  query: LoggedQuery;
  /** Status answered; 0 when the connection was reset without an answer. */
  status: number;
  /** Arrival time (epoch ms, from the simulator clock). */
  at: number;
  /** Set when an injected fault answered this request. */
  fault?: 'fail' | 'malformed' | 'reset' | 'hang';
}

export interface RequestLogView {
  readonly entries: readonly LogEntry[];
  /** Requests to `/api/*` other than the unauthenticated `/api/authinfo`. */
  apiRequests(): LogEntry[];
  /**
   * Without a prefix: the number of `apiRequests()`. With one: entries whose path starts with it
   * (case-insensitive); a prefix without a leading `/` is read as `/api/<prefix>`.
   */
  count(pathPrefix?: string): number;
  reset(): void;
}

export interface FailOptions {
  /** 429 only: send `Retry-After` with this many seconds. */
  retryAfterSeconds?: number;
  /** Replaces the default body (a string is sent as text, anything else as JSON). */
  body?: unknown;
  /** Only requests whose path starts with this (case-insensitive) count; may target `/auth`. */
  pathPrefix?: string;
}

export interface FaultControls {
  /** Answer the next `n` matching requests with `status`. */
  failNext(n: number, status: number, opts?: FailOptions): void;
  /** Answer the next `n` requests 200 with a truncated, unparseable JSON body. */
  malformedNext(n: number, opts?: { pathPrefix?: string }): void;
  /** Destroy the socket of the next `n` requests without answering. */
  resetNext(n: number, opts?: { pathPrefix?: string }): void;
  /** Answer the next `n` requests normally, but only after `ms`. */
  hangNext(n: number, ms: number, opts?: { pathPrefix?: string }): void;
  /** Every token issued so far stops being accepted (401). */
  expireTokens(): void;
  setLatency(latency: LatencySpec): void;
  setRateLimit(limit: RateLimitSpec): void;
  /** Drop pending faults and restore the latency and rate limit the simulator started with. */
  clear(): void;
}

export interface RunningSimulator {
  /** Base URL, e.g. `http://127.0.0.1:PORT`; the resource server is `${url}/api`. */
  url: string;
  /** Authorisation server (`${url}/auth`); tokens come from `${authUrl}/token`. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  tenant: string | undefined;
  data: Dataset;
  log: RequestLogView;
  faults: FaultControls;
  stop(): Promise<void>;
}
