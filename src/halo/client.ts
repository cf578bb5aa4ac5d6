import type { HaloConfig } from '../config.js';
import { type Logger, silentLogger } from '../log.js';
import { TokenProvider } from './auth.js';
import { type CallScope, throwIfCancelled } from './call-scope.js';
import { badResponse, isHaloApiError } from './errors.js';
import { createApiGetter, getEndpoint } from './http.js';
import { normalise } from './normalise.js';
import { clampPageSize, readPage, readUnpaged, type WalkOptions, walkPages } from './paging.js';
import { ConcurrencyGate, RollingWindowLimiter } from './rate-limiter.js';
import {
  type HaloReader,
  type ListOptions,
  type ListResult,
  type QueryParams,
  RESOURCES,
  type ResourceName,
  type ResourceRecord,
  type ScopedHaloReader,
} from './resources.js';
import { type BackoffOptions, realSleep, type Sleep, WaitBudget, withRetry } from './retry.js';

export interface HaloClientStats {
  /** GETs sent to `/api` (every attempt counts). */
  requestsSent: number;
  /** Waits before another attempt, API and token requests together. */
  retries: number;
  /** POSTs to the token endpoint. */
  tokenFetches: number;
  /** 429 answers received from Halo. */
  rateLimited: number;
  /** Times the client-side window was full and a call waited for a slot. */
  limiterWaits: number;
}

export interface HaloClient extends ScopedHaloReader {
  stats(): HaloClientStats;
  /** Forgets the cached token; later calls fetch a new one. */
  close(): void;
}

export interface HaloClientOptions {
  fetch?: typeof fetch;
  logger?: Logger;
  now?: () => number;
  sleep?: Sleep;
  /** Jitter source for backoff (0..1). */
  random?: () => number;
  /** Backoff without Retry-After: `baseDelayMs` doubling up to `maxDelayMs`. Default 1 s to 30 s. */
  backoff?: Partial<Pick<BackoffOptions, 'baseDelayMs' | 'maxDelayMs'>>;
}

/** The shortest timeout an attempt gets, however little of the call's budget is left. */
const MIN_ATTEMPT_MS = 2000;

/** Tokens live about an hour; a long-running process only needs to scrub the recent ones. */
const REMEMBERED_TOKENS = 16;

export function createHaloClient(config: HaloConfig, options: HaloClientOptions = {}): HaloClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const backoff: BackoffOptions = {
    baseDelayMs: options.backoff?.baseDelayMs ?? 1000,
    maxDelayMs: options.backoff?.maxDelayMs ?? 30_000,
    random: options.random ?? Math.random,
  };
  const counters = { requestsSent: 0, retries: 0, rateLimited: 0 };

  const tokensSeen: string[] = [];
  const secrets = () => [config.clientSecret, ...tokensSeen];
  logger.addSecret(config.clientSecret);

  const tokens = new TokenProvider({
    config,
    fetch: fetchImpl,
    now,
    sleep,
    backoff,
    logger,
    onToken: (token) => {
      logger.addSecret(token);
      tokensSeen.push(token);
      if (tokensSeen.length > REMEMBERED_TOKENS) tokensSeen.shift();
    },
    onRetry: () => counters.retries++,
  });
  const getter = createApiGetter({
    instanceUrl: config.instanceUrl,
    timeoutMs: config.requestTimeoutMs,
    fetch: fetchImpl,
    now,
    secrets,
  });
  const limiter = new RollingWindowLimiter(config.rateLimit.requests, config.rateLimit.windowMs, now);
  const gate = new ConcurrencyGate(config.maxConcurrency);

  /** One attempt: a concurrency slot, a rate-limit slot, then the GET. */
  const send = (
    path: string,
    query: QueryParams | undefined,
    token: string,
    budget: WaitBudget,
    endpoint: string,
  ) =>
    gate.run(async () => {
      await limiter.acquire(budget, endpoint);
      counters.requestsSent++;
      try {
        // Never let one attempt run past the call's budget (a first attempt always gets a real chance).
        const timeoutMs = Math.max(MIN_ATTEMPT_MS, budget.remainingMs);
        const body = await getter({ path, query, token, timeoutMs });
        logger.debug('halo request', { endpoint, ok: true });
        return body;
      } catch (error) {
        if (isHaloApiError(error)) {
          if (error.status === 429) counters.rateLimited++;
          logger.debug('halo request', { endpoint, status: error.status, code: error.code });
        }
        throw error;
      }
    });

  /** GET with retries, one token refresh on 401, and normalisation of the answer. */
  const apiGet = async (path: string, query?: QueryParams, scope?: CallScope): Promise<unknown> => {
    const endpoint = getEndpoint(path, query);
    throwIfCancelled(scope);
    const budget = new WaitBudget(config.retryBudgetMs, sleep, now);
    let refreshed = false;
    const body = await withRetry(
      async () => {
        throwIfCancelled(scope);
        const token = await tokens.token();
        try {
          return await send(path, query, token, budget, endpoint);
        } catch (error) {
          // A 401 may be a token Halo revoked early: refresh once. A second 401 is a permission problem.
          if (!isHaloApiError(error) || error.status !== 401 || refreshed) throw error;
          refreshed = true;
          tokens.invalidate(token);
          logger.info('halo refused the token; fetching a new one', { endpoint });
          return await send(path, query, await tokens.token(), budget, endpoint);
        }
      },
      {
        maxRetries: config.maxRetries,
        budget,
        backoff,
        retryServerErrorOnce: true,
        onRetry: (error, attempt, delayMs) => {
          counters.retries++;
          logger.warn('halo request failed; retrying', { endpoint, code: error.code, attempt, delayMs });
        },
      },
    );
    scope?.onUpstream?.({ kind: 'read', endpoint });
    return normalise(body);
  };

  const walkOptions = (
    resource: ResourceName,
    query: QueryParams,
    options: ListOptions,
    scope: CallScope | undefined,
  ): WalkOptions => {
    const { path, key } = RESOURCES[resource];
    return {
      read: (pageQuery) => apiGet(path, pageQuery, scope),
      query,
      key,
      endpoint: getEndpoint(path),
      pageSize: clampPageSize(options.pageSize),
      maxRecords: options.maxRecords ?? config.maxListRecords,
      concurrency: config.maxConcurrency,
    };
  };

  const readerFor = (scope: CallScope | undefined): HaloReader => ({
    async getOne<R extends ResourceName>(resource: R, id: number | string, query?: QueryParams) {
      const path = `${RESOURCES[resource].path}/${encodeURIComponent(String(id))}`;
      const body = await apiGet(path, query, scope);
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw badResponse(getEndpoint(path, query), 200, 'something other than one record');
      }
      return body as ResourceRecord[R];
    },

    async list<R extends ResourceName>(resource: R, query: QueryParams = {}, options: ListOptions = {}) {
      const walk = walkOptions(resource, query, options, scope);
      let result: ListResult<unknown>;
      if (!RESOURCES[resource].paged) {
        result = await readUnpaged(walk);
      } else if (options.pageNo !== undefined) {
        if (!Number.isInteger(options.pageNo) || options.pageNo < 1) {
          throw new RangeError(`pageNo must be a whole number from 1, got ${options.pageNo}`);
        }
        result = await readPage(walk, options.pageNo);
      } else {
        result = await walkPages(walk);
      }
      return result as ListResult<ResourceRecord[R]>;
    },

    get: (path, query) => apiGet(path, query, scope),
  });

  return {
    ...readerFor(undefined),

    forCall: (scope) => readerFor(scope),

    stats: () => ({ ...counters, tokenFetches: tokens.fetches, limiterWaits: limiter.waits }),

    close: () => tokens.reset(),
  };
}
