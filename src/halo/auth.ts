import type { HaloConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { SharedTokenCache } from '../state/shared-token.js';
import {
  bodyExcerpt,
  crossOriginRedirect,
  errorFromFetchFailure,
  errorFromResponse,
  HaloApiError,
  htmlInsteadOfJson,
  isHaloApiError,
  looksLikeHtml,
  parseRetryAfter,
} from './errors.js';
import { describeEndpoint } from './http.js';
import { readCappedText } from './read-body.js';
import { attemptTimeout, type BackoffOptions, type Sleep, WaitBudget, withRetry } from './retry.js';

type AuthSettings = Pick<
  HaloConfig,
  | 'authUrl'
  | 'clientId'
  | 'clientSecret'
  | 'tenant'
  | 'scope'
  | 'requestTimeoutMs'
  | 'maxRetries'
  | 'retryBudgetMs'
  | 'maxResponseBytes'
>;

export interface TokenProviderOptions {
  config: AuthSettings;
  fetch: typeof fetch;
  now: () => number;
  sleep: Sleep;
  backoff: BackoffOptions;
  logger: Logger;
  /** Called with every new access token so it can be scrubbed from logs and errors. */
  onToken: (token: string) => void;
  onRetry: () => void;
  /**
   * Replicas sharing state (HALO_REDIS_URL): one token for all of them, fetched by one replica
   * under a lock while the others wait and reuse it. Any failure of the shared store falls back to
   * this process's own token.
   */
  shared?: SharedTokenCache;
}

interface CachedToken {
  value: string;
  /** When to stop using it: a margin before Halo's `expires_in`. */
  refreshAt: number;
}

/** Halo doesn't document a lifetime; assume an hour when `expires_in` is missing. */
const DEFAULT_LIFETIME_S = 3600;
/** How many times a replica waits for another one's fetch before fetching itself. */
const SHARED_WAITS = 3;
/** The least time a replica waits for another one's token fetch (about one token request). */
const MIN_SHARED_WAIT_MS = 2_000;
const MAX_REFRESH_MARGIN_MS = 60_000;

/** OAuth2 client-credentials tokens: cached, refreshed early, one request shared by concurrent callers. */
export class TokenProvider {
  private cached: CachedToken | undefined;
  private inFlight: Promise<string> | undefined;
  fetches = 0;

  private readonly tokenUrl: string;
  private readonly endpoint: string;

  constructor(private readonly options: TokenProviderOptions) {
    const { authUrl, tenant } = options.config;
    const query = tenant ? `?${new URLSearchParams({ tenant })}` : '';
    this.tokenUrl = `${authUrl}/token${query}`;
    const params = tenant ? new URLSearchParams({ tenant }) : undefined;
    this.endpoint = describeEndpoint(
      'POST',
      `${new URL(authUrl).pathname.replace(/\/+$/, '')}/token`,
      params,
    );
  }

  /**
   * The cached token, or a new one fetched within `budget` (the asking call's remaining time, so a
   * hung token endpoint cannot hold the call past it). Concurrent callers share one fetch.
   */
  async token(budget?: WaitBudget): Promise<string> {
    if (this.cached && this.options.now() < this.cached.refreshAt) return this.cached.value;
    this.inFlight ??= (
      this.options.shared ? this.sharedToken(this.options.shared, budget) : this.fetchToken(budget)
    ).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Forgets the cached token. */
  reset(): void {
    this.cached = undefined;
  }

  /** Drops `token` if it is still the cached one (a 401 proved it stale). */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
    this.refused = token;
    this.options.shared?.drop(token).catch(() => {});
  }

  private refused: string | undefined;

  /** The stored token if another replica has a fresh one, else fetched here under the shared lock. */
  private async sharedToken(shared: SharedTokenCache, budget: WaitBudget | undefined): Promise<string> {
    const { now, logger } = this.options;
    const usable = (token: CachedToken | undefined): token is CachedToken =>
      token !== undefined && now() < token.refreshAt && token.value !== this.refused;
    const adopt = (token: CachedToken): string => {
      this.options.onToken(token.value);
      this.cached = token;
      return token.value;
    };
    try {
      for (let wait = 0; wait <= SHARED_WAITS; wait++) {
        const stored = await shared.read();
        if (usable(stored)) return adopt(stored);
        if (wait === SHARED_WAITS) break;
        const release = await shared.lock();
        if (release === undefined) {
          // Not bounded by a nearly spent call budget alone: three waits of a few ms would end
          // before the other replica's fetch does, and this one would fetch a second token.
          await shared.waitForOther(
            Math.min(Math.max(budget?.remainingMs ?? 10_000, MIN_SHARED_WAIT_MS), 10_000),
          );
          continue;
        }
        try {
          const again = await shared.read();
          if (usable(again)) return adopt(again);
          const value = await this.fetchToken(budget);
          if (this.cached) await shared.write(this.cached).catch(() => {});
          return value;
        } finally {
          await release().catch(() => {});
        }
      }
    } catch (error) {
      if (isHaloApiError(error)) throw error;
      logger.debug('shared token store unavailable; fetching locally');
    }
    return this.fetchToken(budget);
  }

  private async fetchToken(callBudget: WaitBudget | undefined): Promise<string> {
    const { config, sleep, backoff, onRetry, logger } = this.options;
    const budget = callBudget ?? new WaitBudget(config.retryBudgetMs, sleep, this.options.now);
    const token = await withRetry(() => this.requestToken(budget), {
      maxRetries: config.maxRetries,
      budget,
      backoff,
      onRetry: (error, attempt, delayMs) => {
        onRetry();
        logger.warn('halo token request failed; retrying', { code: error.code, attempt, delayMs });
      },
    });
    this.options.onToken(token.value);
    this.cached = token;
    logger.debug('halo token obtained', { endpoint: this.endpoint });
    return token.value;
  }

  private async requestToken(budget: WaitBudget): Promise<CachedToken> {
    const { config, now } = this.options;
    const timeoutMs = Math.min(config.requestTimeoutMs, attemptTimeout(budget));
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: config.scope,
    });
    this.fetches++;
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(this.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body,
        // The form carries the client secret: never let fetch resend it to wherever a redirect points.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await readCappedText(response, config.maxResponseBytes, this.endpoint);
    } catch (error) {
      if (isHaloApiError(error)) throw error;
      throw errorFromFetchFailure({
        error,
        endpoint: this.endpoint,
        timeoutMs,
        url: this.tokenUrl,
        variable: 'HALO_AUTH_URL',
      });
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400) {
      throw crossOriginRedirect(this.endpoint, response.status, location ?? '', 'HALO_AUTH_URL');
    }
    if (
      (response.ok || response.status === 404) &&
      looksLikeHtml(text, response.headers.get('content-type'))
    ) {
      throw htmlInsteadOfJson(this.endpoint, response.status, text, 'HALO_AUTH_URL');
    }
    if (!response.ok) throw this.tokenError(response, text);

    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = {};
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
      throw new HaloApiError(`Halo's token endpoint (${this.endpoint}) answered without an access_token.`, {
        status: response.status,
        code: 'HALO_BAD_RESPONSE',
        endpoint: this.endpoint,
      });
    }
    const lifetimeS =
      typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_LIFETIME_S;
    const lifetimeMs = lifetimeS * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs * 0.1);
    return { value: parsed.access_token, refreshAt: now() + lifetimeMs - margin };
  }

  private tokenError(response: Response, text: string): HaloApiError {
    const { status } = response;
    const endpoint = this.endpoint;
    const secrets = [this.options.config.clientSecret];
    const excerpt = bodyExcerpt(text, secrets);
    if (/invalid_client/i.test(text) || status === 401) {
      const names = this.options.config.tenant
        ? 'HALO_CLIENT_ID, HALO_CLIENT_SECRET and HALO_TENANT'
        : 'HALO_CLIENT_ID and HALO_CLIENT_SECRET';
      return new HaloApiError(
        `Halo rejected the API client credentials (${status}${excerpt ? `: ${excerpt}` : ''}). Check ${names}.`,
        { status, code: 'HALO_UNAUTHORIZED', endpoint, excerpt },
      );
    }
    if (/invalid_scope/i.test(text)) {
      return new HaloApiError(`Halo rejected the requested scope (invalid_scope): check HALO_SCOPE.`, {
        status,
        code: 'HALO_BAD_REQUEST',
        endpoint,
        excerpt,
      });
    }
    if (status === 404) {
      return new HaloApiError(
        `Halo has no token endpoint at ${endpoint} (404): check HALO_AUTH_URL / HALO_INSTANCE_URL.`,
        { status, code: 'HALO_NOT_FOUND', endpoint, excerpt },
      );
    }
    const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'), this.options.now());
    const error = errorFromResponse({
      status,
      endpoint,
      body: text,
      secrets,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    });
    if (error.code !== 'HALO_BAD_REQUEST') return error;
    return new HaloApiError(`${error.message} Check HALO_AUTH_URL, HALO_TENANT and HALO_SCOPE.`, {
      status,
      code: error.code,
      endpoint,
      excerpt,
    });
  }
}
