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
  /** Network failures only: what went wrong before any answer came back. */
  network?: NetworkFailure;
  /** Set when the failure points at a wrong setting (the variable to fix), not at a passing fault. */
  setting?: UrlVariable;
}

/** Why no answer came back: each has its own message naming what to check. */
export type NetworkFailure = 'dns' | 'refused' | 'tls' | 'timeout' | 'dropped';

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
  readonly network?: NetworkFailure;
  readonly setting?: UrlVariable;

  constructor(message: string, init: HaloApiErrorInit) {
    super(message);
    this.name = 'HaloApiError';
    this.status = init.status;
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.excerpt = init.excerpt ?? '';
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.network !== undefined) this.network = init.network;
    if (init.setting !== undefined) this.setting = init.setting;
  }
}

export const isHaloApiError = (error: unknown): error is HaloApiError => error instanceof HaloApiError;

/**
 * Failures worth another attempt: server-side 429, gateway errors, timeouts and dropped connections.
 * A host name that does not resolve, a refused connection or a failed TLS handshake is a wrong
 * setting, not a blip: retrying would only make the user wait for the same answer.
 */
export function isTransient(error: unknown): error is HaloApiError {
  if (!isHaloApiError(error)) return false;
  if (error.code === 'HALO_TIMEOUT') return true;
  if (error.code === 'HALO_NETWORK') return error.network === undefined || error.network === 'dropped';
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

/** The setting that decides where a request goes: the API host or the authorisation server. */
export type UrlVariable = 'HALO_INSTANCE_URL' | 'HALO_AUTH_URL';

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);
const TLS_CODE = /CERT|SSL|TLS|EPROTO|HANDSHAKE|SIGNATURE/i;

/** The errno-style code of a fetch rejection (undici wraps the socket error in `cause`). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    current = current.cause;
  }
  return undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured host';
  }
}

/** Classifies a fetch rejection: DNS, refused, TLS, timeout, or a connection dropped mid-way. */
export function networkFailureOf(error: unknown): NetworkFailure {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  const code = causeCode(error) ?? '';
  if (DNS_CODES.has(code)) return 'dns';
  if (REFUSED_CODES.has(code)) return 'refused';
  if (TLS_CODE.test(code)) return 'tls';
  return 'dropped';
}

export interface FetchFailure {
  error: unknown;
  endpoint: string;
  timeoutMs: number;
  /** The URL that was asked for (its host is named in the message). */
  url: string;
  variable: UrlVariable;
}

/** Maps a fetch rejection to a typed error whose message says what to check. */
export function errorFromFetchFailure(failure: FetchFailure): HaloApiError {
  const { endpoint, timeoutMs, variable } = failure;
  const host = hostOf(failure.url);
  const network = networkFailureOf(failure.error);
  const setting = network === 'dns' || network === 'refused' || network === 'tls' ? variable : undefined;
  const init = { status: 0, endpoint, network, ...(setting ? { setting } : {}) };
  switch (network) {
    case 'timeout':
      return new HaloApiError(
        `Halo did not answer ${endpoint} within ${timeoutMs} ms. Check that ${variable} (${host}) is reachable from here (firewall, proxy, VPN), or raise HALO_TIMEOUT_MS.`,
        { ...init, code: 'HALO_TIMEOUT' },
      );
    case 'dns':
      return new HaloApiError(
        `The host name ${host} does not resolve (DNS), so ${endpoint} was never sent. Check the spelling of ${variable}.`,
        { ...init, code: 'HALO_NETWORK' },
      );
    case 'refused':
      return new HaloApiError(
        `${host} refused the connection for ${endpoint}: nothing answers on that host and port. Check ${variable} (host, port, http vs https).`,
        { ...init, code: 'HALO_NETWORK' },
      );
    case 'tls':
      return new HaloApiError(
        `The TLS handshake with ${host} failed for ${endpoint} (${causeCode(failure.error)}). Check that ${variable} is your Halo's https address (an http-only port or an untrusted certificate fails this way).`,
        { ...init, code: 'HALO_NETWORK' },
      );
    default: {
      const reason = causeCode(failure.error) ?? 'connection failed';
      return new HaloApiError(`Could not reach Halo for ${endpoint} (${reason}).`, {
        ...init,
        code: 'HALO_NETWORK',
      });
    }
  }
}

/** `<!doctype html>` or `<html ...>`: a web page (login page, portal, proxy) where JSON was expected. */
export function looksLikeHtml(body: string, contentType: string | null): boolean {
  return /^\s*<(!doctype\s+html|html)/i.test(body) || /text\/html/i.test(contentType ?? '');
}

/** A web page instead of Halo's JSON: the URL points at the wrong place. */
export function htmlInsteadOfJson(
  endpoint: string,
  status: number,
  body: string,
  variable: UrlVariable,
): HaloApiError {
  const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1]?.trim().slice(0, 80);
  const page = title ? `an HTML page ("${title}")` : 'an HTML page';
  const hint =
    variable === 'HALO_INSTANCE_URL'
      ? 'Check HALO_INSTANCE_URL: it must be the Halo web app address (e.g. https://yourcompany.halopsa.com), without /api.'
      : 'Check HALO_AUTH_URL: it must be the authorisation server shown under Configuration > Integrations > Halo API > API Details.';
  return new HaloApiError(`${endpoint} answered ${page} (${status}) where JSON was expected. ${hint}`, {
    status,
    code: 'HALO_BAD_RESPONSE',
    endpoint,
    setting: variable,
  });
}

/** A redirect not followed: it would leave the configured origin, or resend the token request's form. */
export function crossOriginRedirect(
  endpoint: string,
  status: number,
  target: string,
  variable: UrlVariable,
): HaloApiError {
  let origin = 'another site';
  try {
    origin = new URL(target).origin;
  } catch {
    // A malformed Location: refuse it all the same.
  }
  return new HaloApiError(
    `${endpoint} was redirected (${status}) to ${origin}; the redirect was refused, as the request carries credentials. Check ${variable}: if that address is your Halo, use it.`,
    { status, code: 'HALO_BAD_RESPONSE', endpoint, setting: variable },
  );
}

export function badResponse(endpoint: string, status: number, what: string): HaloApiError {
  return new HaloApiError(`Halo answered ${endpoint} with ${what}.`, {
    status,
    code: 'HALO_BAD_RESPONSE',
    endpoint,
  });
}
