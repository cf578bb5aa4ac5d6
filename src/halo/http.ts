import {
  badResponse,
  errorFromFetchFailure,
  errorFromResponse,
  isHaloApiError,
  parseRetryAfter,
} from './errors.js';
import { readCappedText } from './read-body.js';
import type { QueryParams } from './resources.js';

// The only way this module reaches `/api` is GET: there is no method parameter to pass.

export interface ApiGetRequest {
  /** Path under `/api`, e.g. `Tickets` or `Tickets/12`. */
  path: string;
  query?: QueryParams;
  token: string;
  /** Shorter timeout for this attempt (a call near the end of its time budget). */
  timeoutMs?: number;
}

export type ApiGetter = (request: ApiGetRequest) => Promise<unknown>;

export interface ApiGetterOptions {
  instanceUrl: string;
  timeoutMs: number;
  /** Bodies over this many bytes fail (HALO_MAX_RESPONSE_BYTES). */
  maxResponseBytes: number;
  fetch: typeof fetch;
  now: () => number;
  /** Values to scrub from error excerpts (client secret, tokens). */
  secrets: () => Iterable<string>;
}

/** Turns a caller-supplied path into one under `/api`, refusing anything that could leave it. */
export function apiPath(path: string): string {
  const trimmed = path.replace(/^\/+/, '').replace(/^api\//i, '');
  if (trimmed === '' || /[?#\\]|:\/\/|%2e|(^|\/)\.\.?(\/|$)/i.test(trimmed)) {
    throw new TypeError(`Not a Halo API path: ${JSON.stringify(path)}`);
  }
  return trimmed;
}

/** Encodes query parameters: booleans lower-case, arrays comma-joined, null/undefined omitted. */
export function encodeQuery(query: QueryParams | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    params.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return params;
}

/** `GET /api/Tickets?page_no&pageinate`: parameter names only, since values may be personal data. */
export function describeEndpoint(method: string, path: string, params?: URLSearchParams): string {
  const names = params ? [...new Set(params.keys())].sort() : [];
  return `${method} ${path}${names.length ? `?${names.join('&')}` : ''}`;
}

/** The endpoint description of `GET /api/<path>` with this query. */
export const getEndpoint = (path: string, query?: QueryParams): string =>
  describeEndpoint('GET', `/api/${apiPath(path)}`, encodeQuery(query));

export function createApiGetter(options: ApiGetterOptions): ApiGetter {
  return async ({ path, query, token, timeoutMs: attemptTimeoutMs }) => {
    const timeoutMs = Math.min(options.timeoutMs, attemptTimeoutMs ?? options.timeoutMs);
    const relative = apiPath(path);
    const params = encodeQuery(query);
    const endpoint = describeEndpoint('GET', `/api/${relative}`, params);
    const search = params.size ? `?${params}` : '';
    const url = `${options.instanceUrl.replace(/\/+$/, '')}/api/${relative}${search}`;

    let status: number;
    let body: string;
    let retryAfter: string | null;
    try {
      const response = await options.fetch(url, {
        method: 'GET',
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      body = await readCappedText(response, options.maxResponseBytes, endpoint);
    } catch (error) {
      if (isHaloApiError(error)) throw error;
      throw errorFromFetchFailure(error, endpoint, timeoutMs);
    }

    if (status < 200 || status >= 300) {
      const retryAfterSeconds = parseRetryAfter(retryAfter, options.now());
      throw errorFromResponse({
        status,
        endpoint,
        body,
        secrets: options.secrets(),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      });
    }
    if (body.trim() === '') throw badResponse(endpoint, status, 'an empty body');
    try {
      return JSON.parse(body) as unknown;
    } catch {
      throw badResponse(endpoint, status, 'malformed JSON');
    }
  };
}
