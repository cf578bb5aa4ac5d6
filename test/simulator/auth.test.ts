import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, handClock, startHarness, tokenForm } from './harness.js';

describe('simulator token endpoint', () => {
  let h: Harness;
  const clock = handClock();
  beforeAll(async () => {
    h = await startHarness({ tokenLifetimeSeconds: 60, now: clock.now });
  });
  afterAll(() => h.sim.stop());

  it('issues a bearer token with the six OAuth fields for client credentials', async () => {
    const answer = await h.request('/auth/token', {
      method: 'POST',
      body: tokenForm(h.sim, { scope: 'all' }),
    });
    expect(answer.status).toBe(200);
    const body = answer.json as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 60, scope: 'all' });
    for (const field of ['access_token', 'refresh_token', 'id_token']) {
      expect(typeof body[field]).toBe('string');
      expect((body[field] as string).length).toBeGreaterThan(20);
    }
  });

  it('issues a different opaque token on every request', async () => {
    expect(await h.token()).not.toBe(await h.token());
  });

  it('accepts the credentials as HTTP Basic too', async () => {
    const basic = Buffer.from(`${h.sim.clientId}:${h.sim.clientSecret}`).toString('base64');
    const answer = await h.request('/AUTH/Token', {
      method: 'POST',
      headers: { Authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(answer.status).toBe(200);
  });

  it('answers invalid_client 401 for a wrong secret or client id', async () => {
    const wrong: Array<Record<string, string>> = [{ client_secret: 'nope' }, { client_id: 'someone-else' }];
    for (const overrides of wrong) {
      const answer = await h.request('/auth/token', { method: 'POST', body: tokenForm(h.sim, overrides) });
      expect(answer.status).toBe(401);
      expect(answer.json).toEqual({ error: 'invalid_client' });
    }
  });

  it('refuses grants other than client_credentials', async () => {
    const answer = await h.request('/auth/token', {
      method: 'POST',
      body: tokenForm(h.sim, { grant_type: 'password' }),
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('requires a bearer token on every /api resource', async () => {
    expect((await h.request('/api/Tickets')).status).toBe(401);
    const wrong = await h.request('/api/Tickets', { headers: { Authorization: 'Bearer made-up' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const token = await h.token();
    const ok = await h.request('/api/Tickets', { headers: { Authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
  });

  it('stops accepting a token once its lifetime has passed', async () => {
    const token = await h.token();
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    clock.advance(59_000);
    expect((await h.request('/api/Status', auth)).status).toBe(200);
    clock.advance(1_000);
    expect((await h.request('/api/Status', auth)).status).toBe(401);
  });

  it('serves authinfo and OIDC discovery without a token', async () => {
    const info = await h.request('/api/authinfo');
    expect(info.status).toBe(200);
    expect(info.json).toEqual({ auth_url: h.sim.authUrl, tenant_id: '' });
    const discovery = await h.request('/auth/.well-known/openid-configuration');
    expect(discovery.json).toMatchObject({ token_endpoint: `${h.sim.authUrl}/token` });
  });
});

describe('simulator token endpoint with a tenant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tenant: 'acmemsp', clientId: 'id-1', clientSecret: 'secret-1' });
  });
  afterAll(() => h.sim.stop());

  it('issues tokens only when ?tenant= names the configured tenant', async () => {
    const form = () => tokenForm(h.sim);
    const ok = await h.request('/auth/token?tenant=acmemsp', { method: 'POST', body: form() });
    expect(ok.status).toBe(200);
    const missing = await h.request('/auth/token', { method: 'POST', body: form() });
    expect(missing.status).toBe(400);
    expect(missing.json).toMatchObject({ error: 'invalid_request' });
    const wrong = await h.request('/auth/token?tenant=other', { method: 'POST', body: form() });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toMatchObject({ error: 'invalid_client' });
  });

  it('tells the tenant in authinfo', async () => {
    const info = await h.request('/api/AuthInfo');
    expect(info.json).toEqual({ auth_url: h.sim.authUrl, tenant_id: 'acmemsp' });
    expect(h.sim.clientId).toBe('id-1');
  });
});
