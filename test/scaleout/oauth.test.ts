import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeUrl, registerClient, tokenRequest } from '../auth/harness.js';
import { type Cluster, requireClusterOrSkip, startCluster } from './cluster.js';
import { apiEntries, connectClient, type LoadClient } from './load.js';

// One sign-in across three replicas in OAuth mode (HALO_MCP_AUTH=oauth), the OAuth records in
// Redis: registration and /authorize on replica A, Halo's callback and /token on replica B, and the
// issued access token used on replica C, which reads Halo as the signed-in agent. The public URL is
// haproxy's, but every step goes to one replica directly, so only shared state can make it work.

/** node:sqlite (the embedded auth store the server also bundles) arrived in Node 22.5. */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const nodeHasSqlite = major > 22 || (major === 22 && minor >= 5);
const runnable = requireClusterOrSkip() && nodeHasSqlite;

const REDIRECT = 'http://127.0.0.1:9/callback';

function hiddenInputs(html: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      match[1] ?? '',
      (match[2] ?? '').replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c))),
    );
  }
  return form;
}

function postForm(url: string, form: URLSearchParams): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
    body: form,
  });
}

function locationOf(response: Response, base: string): URL {
  const where = response.headers.get('location');
  if (!where) throw new Error(`expected a redirect, got HTTP ${response.status}`);
  return new URL(where, base);
}

/** The same path and query on another origin: a step sent to one replica in particular. */
function on(replicaUrl: string, url: URL): string {
  return `${replicaUrl}${url.pathname}${url.search}`;
}

describe.skipIf(!runnable)('an OAuth sign-in that spans replicas', () => {
  let cluster: Cluster;
  let client: LoadClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster({
      replicas: 3,
      oauth: true,
      haloLimit: { requests: 240, windowMs: 20_000 },
      rateLimit: 228,
      tokenLifetimeSeconds: 600,
      latencyMs: { min: 20, max: 40 },
      referenceTtlMs: 10_000,
    });
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await cluster?.stop();
  }, 30_000);

  it('starts on A, completes on B, and reads Halo as the agent on C', async () => {
    const [a, b, c] = cluster.replicas;
    if (!a || !b || !c) throw new Error('three replicas expected');
    const agent = cluster.sim.agentLogin.accounts[0];
    if (!agent) throw new Error('no agent account');
    const resource = `${cluster.url}/mcp`;

    // A: registration, the consent page and the approval, which sends the browser to Halo.
    const clientId = await registerClient(a.url, REDIRECT);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const start = authorizeUrl(a.url, {
      clientId,
      redirectUri: REDIRECT,
      challenge,
      state: 'st-x',
      resource,
    });
    const consent = await fetch(start, { redirect: 'manual' });
    const consentHtml = await consent.text();
    expect(consent.status, consentHtml).toBe(200);
    const approve = hiddenInputs(consentHtml);
    approve.set('decision', 'approve');
    const toHalo = locationOf(await postForm(`${a.url}/oauth/authorize`, approve), a.url);
    expect(toHalo.origin).toBe(new URL(cluster.sim.url).origin);

    // Halo: the agent signs in and allows; Halo sends the browser to the public URL's callback.
    const login = hiddenInputs(await (await fetch(toHalo)).text());
    login.set('agent', String(agent.agentId));
    login.set('password', agent.password);
    const haloAuthorize = new URL('authorize', toHalo).href;
    const allow = hiddenInputs(await (await postForm(haloAuthorize, login)).text());
    allow.set('decision', 'allow');
    const callback = locationOf(await postForm(haloAuthorize, allow), haloAuthorize);
    expect(callback.origin).toBe(cluster.url);

    // B: Halo's callback (it swaps Halo's code) and the MCP client's /token.
    const toClient = locationOf(await fetch(on(b.url, callback), { redirect: 'manual' }), b.url);
    expect(`${toClient.origin}${toClient.pathname}`).toBe(REDIRECT);
    expect(toClient.searchParams.get('state')).toBe('st-x');
    expect(toClient.searchParams.get('iss')).toBe(cluster.url);
    const code = toClient.searchParams.get('code');
    expect(code, toClient.href).toBeTruthy();
    const tokens = await tokenRequest(b.url, {
      grant_type: 'authorization_code',
      code: code ?? '',
      code_verifier: verifier,
      redirect_uri: REDIRECT,
      client_id: clientId,
      resource,
    });
    expect(tokens.status, JSON.stringify(tokens.body.error)).toBe(200);
    const accessToken = tokens.body.access_token ?? '';
    expect(accessToken).not.toBe('');

    // C: an MCP client with that token reads Halo as the agent; A and B send nothing for it.
    const before = cluster.sim.log.entries.length;
    const sentBefore = cluster.replicas.map((r) => apiEntries(r.upstream()).length);
    client = await connectClient(0, 'v2', c.url, { authorization: `Bearer ${accessToken}` });
    const answer = await client.call({ name: 'list_clients', arguments: {} }, true);
    expect(answer.outcome, answer.text).toBe('ok');
    const reads = apiEntries(cluster.sim.log.entries.slice(before));
    expect(reads.map((e) => e.path)).toContain('/api/Client');
    expect(reads.every((e) => e.agentId === agent.agentId)).toBe(true);
    const sent = cluster.replicas.map((r, i) => apiEntries(r.upstream()).length - (sentBefore[i] ?? 0));
    expect(sent).toEqual([0, 0, reads.length]);
    // One token request in all, B swapping Halo's code: no client-credentials grant anywhere.
    expect(
      cluster.sim.log.entries.filter((e) => e.path === '/auth/token' && e.method === 'POST').length,
    ).toBe(1);

    process.stderr.write(
      `scale-out OAuth: registered and approved on ${a.name}, callback and token on ${b.name}, read on ${c.name} as agent ${agent.agentId}: ${reads.length} Halo reads (${reads.map((e) => e.path).join(', ')})\n`,
    );
  }, 60_000);
});
