import {
  crossOriginRedirect,
  errorFromFetchFailure,
  type HaloApiError,
  htmlInsteadOfJson,
  isHaloApiError,
  looksLikeHtml,
} from '../halo/errors.js';
import type { Probe } from './probe.js';
import type { CheckResult } from './types.js';

export interface Discovery {
  /** The authorisation server `/api/authinfo` names, when it answered. */
  authUrl?: string;
  /** Its tenant id; empty on self-hosted instances. */
  tenant?: string;
}

const AUTHINFO = 'GET /api/authinfo';

const connection = (fields: Omit<CheckResult, 'group' | 'relied'> & { relied?: boolean }): CheckResult => ({
  group: 'connection',
  relied: true,
  ...fields,
});

const sameUrl = (a: string, b: string): boolean =>
  a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();

function asText(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `GET /api/authinfo` (no token): proves the instance URL reaches a Halo and discovers auth server and tenant. */
async function readAuthInfo(probe: Probe): Promise<{ status: number; body: unknown } | HaloApiError> {
  const url = `${probe.config.instanceUrl}/api/authinfo`;
  const timeoutMs = probe.config.requestTimeoutMs;
  let response: Response;
  let text: string;
  try {
    response = await probe.fetch(url, {
      method: 'GET',
      headers: { Accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    return errorFromFetchFailure({
      error,
      endpoint: AUTHINFO,
      timeoutMs,
      url,
      variable: 'HALO_INSTANCE_URL',
    });
  }
  const location = response.headers.get('location');
  if (response.status >= 300 && response.status < 400 && location !== null) {
    return crossOriginRedirect(AUTHINFO, response.status, new URL(location, url).href, 'HALO_INSTANCE_URL');
  }
  if (looksLikeHtml(text, response.headers.get('content-type'))) {
    return htmlInsteadOfJson(AUTHINFO, response.status, text, 'HALO_INSTANCE_URL');
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: undefined };
  }
}

/** Reachability of HALO_INSTANCE_URL, and what `/api/authinfo` says about HALO_AUTH_URL and HALO_TENANT. */
export async function checkInstance(
  probe: Probe,
): Promise<{ results: CheckResult[]; discovery: Discovery | null }> {
  const answer = await readAuthInfo(probe);
  if (isHaloApiError(answer)) {
    return {
      results: [
        connection({
          id: 'connection.instance',
          title: 'Halo answers at HALO_INSTANCE_URL',
          status: 'FAIL',
          observed: answer.message,
          expected: 'JSON from GET /api/authinfo',
          meaning: 'Nothing else can be checked until HALO_INSTANCE_URL reaches your Halo.',
        }),
      ],
      discovery: null,
    };
  }
  const body = answer.body as Record<string, unknown> | undefined;
  const authUrl = asText(body?.auth_url);
  if (answer.status !== 200 || authUrl === undefined) {
    return {
      results: [
        connection({
          id: 'connection.instance',
          title: 'Halo answers at HALO_INSTANCE_URL',
          status: 'UNKNOWN',
          observed: `GET /api/authinfo answered ${answer.status} ${body === undefined ? 'without JSON' : 'without auth_url'}`,
          expected: 'JSON with auth_url and tenant_id',
          meaning:
            'The auth server and tenant cannot be discovered; the token request below shows whether the settings work.',
        }),
      ],
      discovery: {},
    };
  }
  const tenant = asText(body?.tenant_id) ?? '';
  const results = [
    connection({
      id: 'connection.instance',
      title: 'Halo answers at HALO_INSTANCE_URL',
      status: 'OK',
      observed: `GET /api/authinfo answered JSON with auth_url${tenant ? ' and a tenant_id' : ' (no tenant_id)'}`,
      expected: 'JSON from GET /api/authinfo',
    }),
    authUrlCheck(probe, authUrl),
    tenantCheck(probe, tenant),
  ];
  return { results, discovery: { authUrl, tenant } };
}

function authUrlCheck(probe: Probe, discovered: string): CheckResult {
  const same = sameUrl(discovered, probe.config.authUrl);
  return connection({
    // The token request below decides whether the configured URL works all the same.
    relied: false,
    id: 'connection.auth-url',
    title: 'HALO_AUTH_URL is the authorisation server Halo names',
    status: same ? 'OK' : 'DIFFERS',
    observed: same ? 'the same' : 'another URL than HALO_AUTH_URL (or its default, HALO_INSTANCE_URL/auth)',
    expected: 'auth_url from /api/authinfo',
    ...(same
      ? {}
      : {
          meaning: 'Token requests may go to the wrong server: set HALO_AUTH_URL to the auth_url Halo names.',
          localHint: `set HALO_AUTH_URL=${discovered}`,
        }),
  });
}

function tenantCheck(probe: Probe, discovered: string): CheckResult {
  const configured = probe.config.tenant ?? '';
  const title = 'HALO_TENANT matches the tenant Halo names';
  if (discovered === '') {
    return connection({
      id: 'connection.tenant',
      title,
      status: 'OK',
      observed: configured
        ? 'no tenant_id (self-hosted); HALO_TENANT is set and sent anyway'
        : 'no tenant_id (self-hosted)',
      expected: 'HALO_TENANT set exactly when /api/authinfo names a tenant_id',
    });
  }
  if (configured.toLowerCase() === discovered.toLowerCase()) {
    return connection({
      id: 'connection.tenant',
      title,
      status: 'OK',
      observed: 'the same',
      expected: 'tenant_id from /api/authinfo',
    });
  }
  return connection({
    id: 'connection.tenant',
    title,
    status: 'FAIL',
    observed: configured
      ? 'HALO_TENANT differs from the tenant_id Halo names'
      : 'missing tenant: HALO_TENANT is not set, Halo names a tenant_id',
    expected: 'tenant_id from /api/authinfo',
    meaning: 'Halo-hosted tenants need ?tenant= on the token request: set HALO_TENANT.',
    localHint: `set HALO_TENANT=${discovered}`,
  });
}

/** What a failed token request means, in the variables to fix. */
export function credentialFailure(error: HaloApiError, discovery: Discovery | null): CheckResult {
  const onToken = error.endpoint.startsWith('POST');
  let meaning: string;
  let wrongAuthUrl = false;
  if (!onToken) {
    meaning = 'The token was issued but the first API read failed; see the message.';
  } else if (error.code === 'HALO_UNAUTHORIZED') {
    meaning =
      'Bad credentials: check HALO_CLIENT_ID and HALO_CLIENT_SECRET (copy both after saving the API application; the secret is shown once), and HALO_TENANT on Halo-hosted tenants.';
  } else if (/tenant/i.test(error.message) || /tenant/i.test(error.excerpt)) {
    meaning = 'Missing tenant: set HALO_TENANT (Configuration > Integrations > Halo API > API Details).';
  } else if (error.code === 'HALO_BAD_REQUEST' && /scope/i.test(`${error.message} ${error.excerpt}`)) {
    meaning = 'Halo refused the scope: check HALO_SCOPE.';
  } else {
    wrongAuthUrl = true;
    meaning = 'Wrong auth URL: check HALO_AUTH_URL (the authorisation server under API Details).';
  }
  const hint = wrongAuthUrl ? discovery?.authUrl : undefined;
  return connection({
    id: 'connection.credentials',
    title: 'A token is issued for HALO_CLIENT_ID / HALO_CLIENT_SECRET',
    status: 'FAIL',
    observed: error.message,
    expected: 'an access token, then JSON from GET /api/Client',
    meaning,
    ...(hint ? { localHint: `Halo names its auth server: set HALO_AUTH_URL=${hint}` } : {}),
  });
}

export const credentialsOk = (): CheckResult =>
  connection({
    id: 'connection.credentials',
    title: 'A token is issued for HALO_CLIENT_ID / HALO_CLIENT_SECRET',
    status: 'OK',
    observed: 'token issued; GET /api/Client answered JSON',
    expected: 'an access token, then JSON from GET /api/Client',
  });
