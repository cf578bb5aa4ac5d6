import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s256 } from '../../src/auth/authorization-server.js';
import type { TestHalo } from '../helpers/halo.js';
import {
  authorizeUrl,
  type OAuthServer,
  registerClient,
  signInWithoutBrowser,
  startAuthHalo,
  startOAuthServer,
  tempStorePath,
  tokenRequest,
} from './harness.js';

// What must fail, fails, and says why; and no token ever shows up in a log line, a tool result or
// the store file.

const REDIRECT = 'http://127.0.0.1:1/callback';
let halo: TestHalo;
let server: OAuthServer;
let other: OAuthServer;
let store: ReturnType<typeof tempStorePath>;
let clock = Date.now();
/** Every token, code and Halo token that crossed the wire, for the leak checks. */
const secrets = new Set<string>();

const captureHaloTokens: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (String(input instanceof Request ? input.url : input).includes('/auth/token')) {
    const body = (await response.clone().json()) as Record<string, unknown>;
    for (const name of ['access_token', 'refresh_token']) {
      if (typeof body[name] === 'string') secrets.add(body[name]);
    }
  }
  return response;
};

beforeAll(async () => {
  halo = await startAuthHalo();
  store = tempStorePath();
  const options = { halo, storePath: store.path, now: () => clock, fetch: captureHaloTokens };
  server = await startOAuthServer(options);
  // A second deployment sharing the store: its resource is another URL.
  other = await startOAuthServer(options);
});

afterAll(async () => {
  await other?.stop();
  await server?.stop();
  await halo?.stop();
  store?.remove();
});

const agent = () => {
  const first = halo.sim.agentLogin.accounts[0];
  if (!first) throw new Error('no agent');
  return first;
};

/** Signs the agent in for a fresh client and returns the code and its verifier. */
async function codeFor(target = server, verifier = randomBytes(32).toString('base64url')) {
  const clientId = await registerClient(target.url, REDIRECT);
  const back = await signInWithoutBrowser(
    authorizeUrl(target.url, { clientId, redirectUri: REDIRECT, challenge: s256(verifier) }),
    agent(),
  );
  const code = back.searchParams.get('code') ?? '';
  secrets.add(code);
  return { clientId, code, verifier };
}

async function tokensFor(target = server) {
  const { clientId, code, verifier } = await codeFor(target);
  const answer = await tokenRequest(target.url, {
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
  });
  expect(answer.status).toBe(200);
  secrets.add(answer.body.access_token ?? '');
  secrets.add(answer.body.refresh_token ?? '');
  return { clientId, access: answer.body.access_token ?? '', refresh: answer.body.refresh_token ?? '' };
}

async function mcpStatus(target: OAuthServer, token: string) {
  const response = await fetch(`${target.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'list_clients', arguments: {} },
    }),
  });
  const text = await response.text();
  for (const secret of secrets) expect(text).not.toContain(secret);
  return { status: response.status, text, challenge: response.headers.get('www-authenticate') ?? '' };
}

describe('OAuth negative paths', () => {
  it('refuses an unregistered redirect URI without redirecting to it', async () => {
    const clientId = await registerClient(server.url, REDIRECT);
    const response = await fetch(
      authorizeUrl(server.url, {
        clientId,
        redirectUri: 'http://127.0.0.1:1/other',
        challenge: s256('x'.repeat(43)),
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(await response.text()).toContain('exact match required');
    // A near miss is a miss too.
    const trailing = await fetch(
      authorizeUrl(server.url, { clientId, redirectUri: `${REDIRECT}/`, challenge: s256('x'.repeat(43)) }),
      { redirect: 'manual' },
    );
    expect(trailing.status).toBe(400);
  });

  it('refuses registration of a redirect host the operator did not allow', async () => {
    const response = await fetch(`${server.url}/oauth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ redirect_uris: ['https://evil.example/cb'] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_redirect_uri' });
  });

  it('refuses a code with the wrong PKCE verifier', async () => {
    const { clientId, code } = await codeFor();
    const answer = await tokenRequest(server.url, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      code_verifier: randomBytes(32).toString('base64url'),
      redirect_uri: REDIRECT,
    });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(answer.body.error_description).toMatch(/PKCE/);
  });

  it('refuses a replayed code and withdraws the tokens issued for it', async () => {
    const { clientId, code, verifier } = await codeFor();
    const form = {
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    };
    const first = await tokenRequest(server.url, form);
    expect(first.status).toBe(200);
    secrets.add(first.body.access_token ?? '');
    expect((await mcpStatus(server, first.body.access_token ?? '')).status).toBe(200);
    const replay = await tokenRequest(server.url, form);
    expect(replay).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await mcpStatus(server, first.body.access_token ?? '')).status).toBe(401);
  });

  it('refuses an expired access token, and an expired code', async () => {
    const { access } = await tokensFor();
    expect((await mcpStatus(server, access)).status).toBe(200);
    const stale = await codeFor();
    clock += 3601 * 1000;
    try {
      const expired = await mcpStatus(server, access);
      expect(expired.status).toBe(401);
      expect(expired.challenge).toContain('error="invalid_token"');
      const late = await tokenRequest(server.url, {
        grant_type: 'authorization_code',
        client_id: stale.clientId,
        code: stale.code,
        code_verifier: stale.verifier,
        redirect_uri: REDIRECT,
      });
      expect(late).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    } finally {
      clock = Date.now();
    }
  });

  it('refuses revoked tokens (revoking one ends the whole sign-in)', async () => {
    const { clientId, access, refresh } = await tokensFor();
    const revoked = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refresh, client_id: clientId }),
    });
    expect(revoked.status).toBe(200);
    expect((await mcpStatus(server, access)).status).toBe(401);
    const again = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refresh,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('rotates refresh tokens: the old one stops working, and reusing it ends the sign-in', async () => {
    const { clientId, refresh } = await tokensFor();
    const next = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refresh,
    });
    expect(next.status).toBe(200);
    secrets.add(next.body.access_token ?? '');
    secrets.add(next.body.refresh_token ?? '');
    expect(next.body.refresh_token).not.toBe(refresh);
    const reuse = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refresh,
    });
    expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect((await mcpStatus(server, next.body.access_token ?? '')).status).toBe(401);
  });

  it('refuses a token issued for another resource, and an authorization request for one', async () => {
    const { access } = await tokensFor(other);
    expect((await mcpStatus(other, access)).status).toBe(200);
    const elsewhere = await mcpStatus(server, access);
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.challenge).toContain('another resource');
    const clientId = await registerClient(server.url, REDIRECT);
    const response = await fetch(
      authorizeUrl(server.url, {
        clientId,
        redirectUri: REDIRECT,
        challenge: s256('y'.repeat(43)),
        resource: `${other.url}/mcp`,
      }),
      { redirect: 'manual' },
    );
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('invalid_target');
    expect(back.searchParams.get('iss')).toBe(server.url);
  });

  it("ends the sign-in when Halo has revoked the agent's refresh token", async () => {
    const { clientId, access, refresh } = await tokensFor();
    halo.sim.faults.revokeRefreshTokens();
    const answer = await tokenRequest(server.url, {
      grant_type: 'refresh_token',
      client_id: clientId,
      refresh_token: refresh,
    });
    expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(answer.body.error_description).toMatch(/Halo ended the sign-in/);
    expect((await mcpStatus(server, access)).status).toBe(401);
  });

  it('never wrote a token, code or Halo token to the log or the store file', async () => {
    expect(secrets.size).toBeGreaterThan(10);
    const log = [...server.logLines, ...other.logLines].join('\n');
    const file =
      readFileSync(store.path).toString('latin1') + readFileSync(`${store.path}-wal`).toString('latin1');
    for (const secret of secrets) {
      if (secret === '') continue;
      expect(log).not.toContain(secret);
      expect(file).not.toContain(secret);
    }
  });
});
