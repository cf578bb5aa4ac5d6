import { redact } from '../config.js';

export type HaloErrorCode =
  | 'HALO_BAD_REQUEST'
  | 'HALO_UNAUTHORIZED'
  | 'HALO_FORBIDDEN'
  | 'HALO_NOT_FOUND'
  | 'HALO_RATE_LIMITED'
  | 'HALO_UNAVAILABLE'
  | 'HALO_TIMEOUT'
  | 'HALO_NETWORK'
  | 'HALO_BAD_RESPONSE';

export interface HaloApiErrorInit {
  status: number;
  code: HaloErrorCode;
  endpoint: string;
  excerpt?: string;
  retryAfterSeconds?: number;
}

/** A failed upstream call. Message, endpoint and excerpt never carry secrets or query values. */
export class HaloApiError extends Error {
  /** HTTP status; 0 when no response came back (network, timeout, client-side rate limit). */
  readonly status: number;
  readonly code: HaloErrorCode;
  /** Method and path, with query parameter names only, e.g. `GET /api/Tickets?page_no&pageinate`. */
  readonly endpoint: string;
  /** Up to 200 characters of the response body, redacted. */
  readonly excerpt: string;
  readonly retryAfterSeconds?: number;

  constructor(message: string, init: HaloApiErrorInit) {
    super(message);
    this.name = 'HaloApiError';
    this.status = init.status;
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.excerpt = init.excerpt ?? '';
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export const isHaloApiError = (error: unknown): error is HaloApiError => error instanceof HaloApiError;

/** Failures worth another attempt: server-side 429, gateway errors, timeouts and dropped connections. */
export function isTransient(error: unknown): error is HaloApiError {
  if (!isHaloApiError(error)) return false;
  if (error.code === 'HALO_TIMEOUT' || error.code === 'HALO_NETWORK') return true;
  return error.status === 429 || error.status === 502 || error.status === 503 || error.status === 504;
}

const EXCERPT_LIMIT = 200;

/** Pulls the useful text out of an error body: .NET exception `Message`, OAuth `error_description`/`error`, or the raw text. */
export function bodyExcerpt(body: string, secrets: Iterable<string | undefined>): string {
  let text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const record = parsed as Record<string, unknown>;
      const message = record.Message ?? record.message ?? record.error_description ?? record.error;
      if (typeof message === 'string' && message.trim() !== '') text = message.trim();
    } else if (typeof parsed === 'string') {
      text = parsed;
    }
  } catch {
    // Not JSON. Proxies answer gateway errors with HTML pages: their title says it all.
    if (/^<(!doctype|html)/i.test(text)) {
      const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1];
      text = title ?? text.replace(/<[^>]*>/g, ' ');
    }
  }
  text = redact(text.replace(/\s+/g, ' '), secrets);
  return text.length > EXCERPT_LIMIT ? `${text.slice(0, EXCERPT_LIMIT - 3)}...` : text;
}

/** Reads `Retry-After` as delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

const withDetail = (sentence: string, excerpt: string): string =>
  excerpt ? `${sentence}: ${excerpt}` : sentence;

export interface ResponseFailure {
  status: number;
  endpoint: string;
  body: string;
  retryAfterSeconds?: number;
  secrets: Iterable<string | undefined>;
}

/** Maps a non-2xx Halo API response to a typed error with a short, actionable message. */
export function errorFromResponse(failure: ResponseFailure): HaloApiError {
  const { status, endpoint } = failure;
  const excerpt = bodyExcerpt(failure.body, failure.secrets);
  const init = { status, endpoint, excerpt };
  if (status === 400) {
    return new HaloApiError(withDetail(`Halo rejected ${endpoint} as a bad request`, excerpt), {
      ...init,
      code: 'HALO_BAD_REQUEST',
    });
  }
  if (status === 401) {
    return new HaloApiError(
      `Halo refused the credentials for ${endpoint}, or the API agent lacks permission for it (401). Check the API application's agent permissions.`,
      { ...init, code: 'HALO_UNAUTHORIZED' },
    );
  }
  if (status === 403) {
    return new HaloApiError(
      `The Halo API agent lacks permission for ${endpoint} (403). Grant the module to the API application's agent.`,
      { ...init, code: 'HALO_FORBIDDEN' },
    );
  }
  if (status === 404) {
    return new HaloApiError(`Halo has no record at ${endpoint} (404).`, { ...init, code: 'HALO_NOT_FOUND' });
  }
  if (status === 429) {
    const wait = failure.retryAfterSeconds;
    const hint = wait === undefined ? 'retry in a few minutes' : `retry after ${wait} s`;
    return new HaloApiError(`Halo answered ${endpoint} with its rate limit (429); ${hint}.`, {
      ...init,
      code: 'HALO_RATE_LIMITED',
      ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
    });
  }
  if (status >= 500) {
    return new HaloApiError(withDetail(`Halo failed to answer ${endpoint} (${status})`, excerpt), {
      ...init,
      code: 'HALO_UNAVAILABLE',
    });
  }
  return new HaloApiError(withDetail(`Halo rejected ${endpoint} (${status})`, excerpt), {
    ...init,
    code: 'HALO_BAD_REQUEST',
  });
}

/** Maps a fetch rejection (abort on timeout, refused or reset connection) to a typed error. */
export function errorFromFetchFailure(error: unknown, endpoint: string, timeoutMs: number): HaloApiError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new HaloApiError(`Halo did not answer ${endpoint} within ${timeoutMs} ms.`, {
      status: 0,
      code: 'HALO_TIMEOUT',
      endpoint,
    });
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const reason = (cause as NodeJS.ErrnoException | undefined)?.code ?? cause?.message ?? 'connection failed';
  return new HaloApiError(`Could not reach Halo for ${endpoint} (${reason}).`, {
    status: 0,
    code: 'HALO_NETWORK',
    endpoint,
  });
}

export function badResponse(endpoint: string, status: number, what: string): HaloApiError {
  return new HaloApiError(`Halo answered ${endpoint} with ${what}.`, {
    status,
    code: 'HALO_BAD_RESPONSE',
    endpoint,
  });
}
