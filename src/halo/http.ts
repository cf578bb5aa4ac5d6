import {
  badResponse,
  crossOriginRedirect,
  errorFromFetchFailure,
  errorFromResponse,
  htmlInsteadOfJson,
  isHaloApiError,
  looksLikeHtml,
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

/** Same-origin redirects followed per request (a trailing-slash or case fix); more is a loop. */
const MAX_REDIRECTS = 3;

interface RawAnswer {
  status: number;
  body: string;
  retryAfter: string | null;
  contentType: string | null;
}

export function createApiGetter(options: ApiGetterOptions): ApiGetter {
  const base = options.instanceUrl.replace(/\/+$/, '');
  const origin = new URL(base).origin;

  /** GET with redirects handled here: fetch's own following would take the bearer token anywhere. */
  const fetchAnswer = async (
    url: string,
    token: string,
    endpoint: string,
    timeoutMs: number,
  ): Promise<RawAnswer> => {
    const signal = AbortSignal.timeout(timeoutMs);
    let target = url;
    for (let hop = 0; ; hop++) {
      let response: Response;
      let body: string;
      try {
        response = await options.fetch(target, {
          method: 'GET',
          headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
          redirect: 'manual',
          signal,
        });
        body = await readCappedText(response, options.maxResponseBytes, endpoint);
      } catch (error) {
        if (isHaloApiError(error)) throw error;
        throw errorFromFetchFailure({
          error,
          endpoint,
          timeoutMs,
          url: target,
          variable: 'HALO_INSTANCE_URL',
        });
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        const next = new URL(location, target);
        if (next.origin !== origin) {
          throw crossOriginRedirect(endpoint, response.status, next.href, 'HALO_INSTANCE_URL');
        }
        if (hop >= MAX_REDIRECTS) throw badResponse(endpoint, response.status, 'too many redirects');
        target = next.href;
        continue;
      }
      return {
        status: response.status,
        body,
        retryAfter: response.headers.get('retry-after'),
        contentType: response.headers.get('content-type'),
      };
    }
  };

  return async ({ path, query, token, timeoutMs: attemptTimeoutMs }) => {
    const timeoutMs = Math.min(options.timeoutMs, attemptTimeoutMs ?? options.timeoutMs);
    const relative = apiPath(path);
    const params = encodeQuery(query);
    const endpoint = describeEndpoint('GET', `/api/${relative}`, params);
    const search = params.size ? `?${params}` : '';
    const { status, body, retryAfter, contentType } = await fetchAnswer(
      `${base}/api/${relative}${search}`,
      token,
      endpoint,
      timeoutMs,
    );

    // A web page where JSON belongs (a login portal, a marketing site): the URL is wrong. Gateway
    // errors (5xx) also come as HTML pages and keep their own meaning.
    const wrongPlace = (status >= 200 && status < 300) || status === 404;
    if (wrongPlace && looksLikeHtml(body, contentType)) {
      throw htmlInsteadOfJson(endpoint, status, body, 'HALO_INSTANCE_URL');
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
