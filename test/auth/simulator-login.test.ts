import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s256 } from '../../src/simulator/agent-login.js';
import type { TestHalo } from '../helpers/halo.js';
import { startAuthHalo } from './harness.js';

// The simulator's side of agent sign-in, as a careless client would meet it.

let halo: TestHalo;
const REDIRECT = 'http://127.0.0.1:9/cb';

beforeAll(async () => {
  halo = await startAuthHalo();
});

afterAll(async () => {
  await halo?.stop();
});

const accounts = () => halo.sim.agentLogin.accounts;

function authorizeParams(challenge: string, overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: halo.sim.agentLogin.clientId,
    redirect_uri: REDIRECT,
    scope: 'all offline_access',
    state: 's1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

async function postForm(path: string, form: URLSearchParams): Promise<Response> {
  return fetch(`${halo.sim.url}${path}`, { method: 'POST', redirect: 'manual', body: form });
}

/** Signs `agentId` in and returns the code Halo sends back. */
async function codeFor(agentId: number, password: string, verifier: string): Promise<string> {
  const login = authorizeParams(s256(verifier), { step: 'login', agent: String(agentId), password });
  const consentPage = await (await postForm('/auth/authorize', login)).text();
  const ticket = /name="login" value="([^"]+)"/.exec(consentPage)?.[1] ?? '';
  const allow = authorizeParams(s256(verifier), { step: 'consent', login: ticket, decision: 'allow' });
  const back = new URL((await postForm('/auth/authorize', allow)).headers.get('location') ?? '');
  expect(back.searchParams.get('iss')).toBe(`${halo.sim.authUrl}/`);
  return back.searchParams.get('code') ?? '';
}

async function token(form: Record<string, string>) {
  const response = await postForm('/auth/token', new URLSearchParams(form));
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('simulator agent log-in', () => {
  it('lists the agents on the login page and refuses a wrong password or an unregistered client', async () => {
    const page = await (
      await fetch(`${halo.sim.authUrl}/authorize?${authorizeParams(s256('v'.repeat(43)))}`)
    ).text();
    for (const account of accounts()) expect(page).toContain(account.name);
    expect(page).toContain('no invoice access');
    const wrong = await postForm(
      '/auth/authorize',
      authorizeParams('c', { step: 'login', agent: String(accounts()[0]?.agentId), password: 'nope' }),
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong agent or password.');
    const stranger = await fetch(
      `${halo.sim.authUrl}/authorize?${authorizeParams('c', { client_id: 'other' })}`,
      {
        redirect: 'manual',
      },
    );
    expect(stranger.status).toBe(400);
    expect(stranger.headers.get('location')).toBeNull();
    const noPkce = await fetch(
      `${halo.sim.authUrl}/authorize?${authorizeParams('c', { code_challenge_method: 'plain' })}`,
    );
    expect(noPkce.status).toBe(400);
  });

  it('swaps a code once, only with the right verifier, and rotates refresh tokens', async () => {
    const agent = accounts()[0];
    if (!agent) throw new Error('no agent');
    const verifier = randomBytes(32).toString('base64url');
    const base = {
      grant_type: 'authorization_code',
      client_id: halo.sim.agentLogin.clientId,
      redirect_uri: REDIRECT,
    };
    const code = await codeFor(agent.agentId, agent.password, verifier);
    expect((await token({ ...base, code, code_verifier: 'x'.repeat(43) })).body.error).toBe('invalid_grant');
    // The failed attempt used the code up, as a careful server does.
    expect((await token({ ...base, code, code_verifier: verifier })).body.error).toBe('invalid_grant');
    const fresh = await codeFor(agent.agentId, agent.password, verifier);
    const tokens = await token({ ...base, code: fresh, code_verifier: verifier });
    expect(tokens.status).toBe(200);
    const refresh = { grant_type: 'refresh_token', client_id: halo.sim.agentLogin.clientId };
    const next = await token({ ...refresh, refresh_token: tokens.body.refresh_token ?? '' });
    expect(next.status).toBe(200);
    expect(next.body.refresh_token).not.toBe(tokens.body.refresh_token);
    expect((await token({ ...refresh, refresh_token: tokens.body.refresh_token ?? '' })).body.error).toBe(
      'invalid_grant',
    );
    const me = await fetch(`${halo.sim.url}/api/Agent/me`, {
      headers: { authorization: `Bearer ${next.body.access_token}` },
    });
    expect(((await me.json()) as { id: number }).id).toBe(agent.agentId);
  });

  it("applies each agent's access in front of the endpoints", async () => {
    const [full, noInvoices, restricted] = accounts();
    if (!full || !noInvoices || !restricted) throw new Error('accounts missing');
    const bearerOf = async (who: typeof full) => {
      const verifier = randomBytes(32).toString('base64url');
      const code = await codeFor(who.agentId, who.password, verifier);
      const answer = await token({
        grant_type: 'authorization_code',
        client_id: halo.sim.agentLogin.clientId,
        redirect_uri: REDIRECT,
        code,
        code_verifier: verifier,
      });
      return { authorization: `Bearer ${answer.body.access_token}` };
    };
    const get = (path: string, headers: Record<string, string>) =>
      fetch(`${halo.sim.url}/api/${path}`, { headers });

    const invoiceless = await bearerOf(noInvoices);
    expect((await get('Invoice', invoiceless)).status).toBe(403);
    expect((await get('RecurringInvoice', invoiceless)).status).toBe(403);
    expect((await get('Tickets', invoiceless)).status).toBe(200);

    const limited = await bearerOf(restricted);
    const visible = new Set(restricted.clientIds);
    const hidden = halo.sim.data.clients.find((c) => !visible.has(c.id));
    if (!hidden) throw new Error('every client is visible');
    expect((await get(`Client/${hidden.id}`, limited)).status).toBe(404);
    const tickets = (await (await get('Tickets?pageinate=true&page_size=100&page_no=1', limited)).json()) as {
      record_count: number;
      tickets: Array<{ client_id: number }>;
    };
    expect(tickets.tickets.every((t) => visible.has(Number(t.client_id)))).toBe(true);
    expect(tickets.record_count).toBe(
      halo.sim.data.tickets.filter((t) => visible.has(Number(t.client_id)) && !t.is_project).length,
    );
  });
});
