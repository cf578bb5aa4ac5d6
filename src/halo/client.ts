import type { HaloConfig } from '../config.js';
import { type Logger, silentLogger } from '../log.js';
import type { CrossReplicaFlight } from '../state/redis-flight.js';
import type { SharedTokenCache } from '../state/shared-token.js';
import { TokenProvider } from './auth.js';
import { type BudgetStore, MemoryBudgetStore } from './budget-store.js';
import { type CallScope, throwIfCancelled } from './call-scope.js';
import { badResponse, isHaloApiError } from './errors.js';
import { apiPath, createApiGetter, encodeQuery, getEndpoint } from './http.js';
import { normalise } from './normalise.js';
import { clampPageSize, readPage, readUnpaged, type WalkOptions, walkPages } from './paging.js';
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
import {
  attemptTimeout,
  type BackoffOptions,
  realSleep,
  type Sleep,
  WaitBudget,
  withRetry,
} from './retry.js';
import { BudgetScheduler, type CallAccount } from './scheduler.js';
import { SingleFlight } from './single-flight.js';

export interface HaloClientStats {
  /** GETs sent to `/api` (every attempt counts). */
  requestsSent: number;
  /** Waits before another attempt, API and token requests together. */
  retries: number;
  /** POSTs to the token endpoint. */
  tokenFetches: number;
  /** 429 answers received from Halo. */
  rateLimited: number;
  /** Times the client-side window was full and calls waited for a slot. */
  limiterWaits: number;
  /** Reads answered by an identical read already in flight (same identity, path and query), on any replica. */
  mergedReads: number;
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
  /** Where the rolling window is counted; default one in memory. Processes sharing Halo share a store. */
  budgetStore?: BudgetStore;
  /** Replicas sharing state: the API application's token, stored once for all of them. */
  sharedTokens?: SharedTokenCache;
  /** Replicas sharing state: identical reads in flight on another replica are waited for, not repeated. */
  crossFlight?: CrossReplicaFlight;
}

/** What every request of one call shares: whose it is, how much it has sent, and its time budget. */
interface Call {
  scope: CallScope | undefined;
  account: CallAccount;
  budget: WaitBudget;
}

/** Tokens live about an hour; a long-running process only needs to scrub the recent ones. */
const REMEMBERED_TOKENS = 16;

/** A shared read's failure that belongs to the call that started it, not to a caller that joined it. */
const failedForItsStarter = (error: unknown): boolean =>
  (error instanceof Error && error.name === 'AbortError') ||
  (isHaloApiError(error) && error.code === 'HALO_RATE_LIMITED' && error.status === 0);

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
    ...(options.sharedTokens ? { shared: options.sharedTokens } : {}),
  });
  const crossFlight = options.crossFlight;
  const getter = createApiGetter({
    instanceUrl: config.instanceUrl,
    timeoutMs: config.requestTimeoutMs,
    maxResponseBytes: config.maxResponseBytes,
    fetch: fetchImpl,
    now,
    secrets,
  });
  const scheduler = new BudgetScheduler({
    limit: config.rateLimit.requests,
    windowMs: config.rateLimit.windowMs,
    maxConcurrency: config.maxConcurrency,
    store: options.budgetStore ?? new MemoryBudgetStore(),
    now,
    sleep,
    ...(config.rateLimit.name ? { limitName: config.rateLimit.name } : {}),
  });
  const flights = new SingleFlight<unknown>(structuredClone);

  /** A call's time limit: the scope's deadline when it has one, else the retry budget from now. */
  const startCall = (scope: CallScope | undefined): Call => {
    const limitMs =
      scope?.deadline === undefined ? config.retryBudgetMs : Math.max(0, scope.deadline - now());
    return {
      scope,
      account: { identity: scope?.identity ?? '', sent: 0 },
      budget: new WaitBudget(limitMs, sleep, now),
    };
  };

  /**
   * One attempt: a place in the schedule (window and in-flight cap), then the token, then the GET.
   * The token is taken only once the slot is granted: a request can queue for seconds behind the
   * budget, and a token taken before it queued may have expired by the time it is sent.
   */
  const send = async (
    path: string,
    query: QueryParams | undefined,
    tokenFor: () => Promise<string>,
    call: Call,
    endpoint: string,
    onToken: (token: string) => void,
  ) => {
    const { scope, budget } = call;
    const release = await scheduler.acquire({
      call: call.account,
      endpoint,
      deadline: now() + budget.remainingMs,
      ...(scope?.signal ? { signal: scope.signal } : {}),
      onQueued: (waitMs) => scope?.onUpstream?.({ kind: 'queued', endpoint, waitMs }),
    });
    try {
      const token = await tokenFor();
      onToken(token);
      counters.requestsSent++;
      const body = await getter({ path, query, token, timeoutMs: attemptTimeout(budget) });
      logger.debug('halo request', { endpoint, ok: true });
      return body;
    } catch (error) {
      if (isHaloApiError(error)) {
        if (error.status === 429) counters.rateLimited++;
        logger.debug('halo request', { endpoint, status: error.status, code: error.code });
      }
      throw error;
    } finally {
      release();
    }
  };

  /** GET with retries, one token refresh on 401, and normalisation of the answer. */
  const readOnce = async (path: string, query: QueryParams | undefined, call: Call): Promise<unknown> => {
    const { scope, budget } = call;
    const endpoint = getEndpoint(path, query);
    throwIfCancelled(scope);
    let refreshed = false;
    // A signed-in agent's call reads with that agent's token, so Halo applies the agent's permissions.
    const source = scope?.haloToken ?? tokens;
    const tokenFor = () => (scope?.haloToken ? scope.haloToken.token() : tokens.token(budget));
    const body = await withRetry(
      async () => {
        throwIfCancelled(scope);
        let used = '';
        const remember = (token: string) => {
          used = token;
        };
        try {
          return await send(path, query, tokenFor, call, endpoint, remember);
        } catch (error) {
          // A 401 may be a token Halo revoked early: refresh once. A second 401 is a permission problem.
          if (!isHaloApiError(error) || error.status !== 401 || refreshed || used === '') throw error;
          refreshed = true;
          source.invalidate(used);
          logger.info('halo refused the token; fetching a new one', { endpoint });
          return await send(path, query, tokenFor, call, endpoint, remember);
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

  /**
   * Identical GETs of one identity in flight at once share one read. A caller that joined a read
   * which failed for reasons of its starter's call alone (cancelled, or refused its share of the
   * budget) reads for itself.
   */
  const apiGet = async (path: string, query: QueryParams | undefined, call: Call): Promise<unknown> => {
    const key = `${call.account.identity}\n${apiPath(path)}\n${encodeQuery(query)}`;
    const signal = call.scope?.signal;
    let started = false;
    const read = () => {
      started = true;
      if (!crossFlight) return readOnce(path, query, call);
      return crossFlight.run(key, () => readOnce(path, query, call), {
        maxWaitMs: call.budget.remainingMs,
        ...(signal ? { signal } : {}),
      });
    };
    try {
      return await flights.run(key, read, signal);
    } catch (error) {
      if (started || signal?.aborted || !failedForItsStarter(error)) throw error;
      return await flights.run(key, read, signal);
    }
  };

  let walks = 0;
  const walkOptions = (
    resource: ResourceName,
    query: QueryParams,
    options: ListOptions,
    call: Call,
  ): WalkOptions => {
    const { path, key } = RESOURCES[resource];
    // Page counts for progress: the walk's read events say which walk, pages read so far, and the
    // total once page 1 revealed it.
    const pages: { read: number; total?: number } = { read: 0 };
    const walk = ++walks;
    const scope = call.scope;
    const walkCall: Call = scope?.onUpstream
      ? {
          ...call,
          scope: {
            ...scope,
            onUpstream: (event) =>
              scope.onUpstream?.(
                event.kind !== 'read'
                  ? event
                  : {
                      ...event,
                      resource,
                      walk,
                      pagesRead: ++pages.read,
                      ...(pages.total === undefined ? {} : { pagesTotal: pages.total }),
                    },
              ),
          },
        }
      : call;
    return {
      read: (pageQuery) => apiGet(path, pageQuery, walkCall),
      onPagesPlanned: (total) => {
        pages.total = total;
      },
      query,
      key,
      endpoint: getEndpoint(path),
      pageSize: clampPageSize(options.pageSize),
      maxRecords: options.maxRecords ?? config.maxListRecords,
      concurrency: config.maxConcurrency,
    };
  };

  /**
   * A reader whose every method call belongs to `callOf()`: one shared call for a scoped reader,
   * a fresh one per method call for the unscoped reader (shared reference reads, scripts).
   */
  const readerFor = (callOf: () => Call): HaloReader => ({
    async getOne<R extends ResourceName>(resource: R, id: number | string, query?: QueryParams) {
      const path = `${RESOURCES[resource].path}/${encodeURIComponent(String(id))}`;
      const body = await apiGet(path, query, callOf());
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw badResponse(getEndpoint(path, query), 200, 'something other than one record');
      }
      return body as ResourceRecord[R];
    },

    async list<R extends ResourceName>(resource: R, query: QueryParams = {}, options: ListOptions = {}) {
      const walk = walkOptions(resource, query, options, callOf());
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

    get: (path, query) => apiGet(path, query, callOf()),
  });

  return {
    ...readerFor(() => startCall(undefined)),

    forCall: (scope) => {
      const call = startCall(scope);
      return readerFor(() => call);
    },

    stats: () => ({
      ...counters,
      tokenFetches: tokens.fetches,
      limiterWaits: scheduler.windowWaits,
      mergedReads: flights.merged + (crossFlight?.merged ?? 0),
    }),

    close: () => tokens.reset(),
  };
}
