import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentAccount } from '../../src/simulator/agent-accounts.js';
import type { TestHalo } from '../helpers/halo.js';
import {
  type Callback,
  MemoryOAuthProvider,
  type OAuthServer,
  signInWithoutBrowser,
  startAuthHalo,
  startCallback,
  startOAuthServer,
  tempStorePath,
} from './harness.js';

// The connector flow end to end, driven by the MCP SDK's own client-side OAuth: discovery from the
// 401, registration, authorization with PKCE, the Halo login relay, tokens, and tool calls that
// read Halo as the signed-in agent.

let halo: TestHalo;
let server: OAuthServer;
let callback: Callback;
let store: ReturnType<typeof tempStorePath>;
/** list_clients' total for an agent who sees everything. */
let fullClientCount = 0;

const account = (index: number): AgentAccount => {
  const found = halo.sim.agentLogin.accounts[index];
  if (!found) throw new Error(`no account ${index}`);
  return found;
};

beforeAll(async () => {
  halo = await startAuthHalo();
  store = tempStorePath();
  server = await startOAuthServer({ halo, storePath: store.path });
  callback = await startCallback();
});

afterAll(async () => {
  await callback?.stop();
  await server?.stop();
  await halo?.stop();
  store?.remove();
});

/** Signs `who` in through `provider` (registration or metadata document) and returns a connected client. */
async function connectAs(provider: MemoryOAuthProvider, who: AgentAccount): Promise<Client> {
  const mcpUrl = new URL(`${server.url}/mcp`);
  const first = new Client({ name: 'oauth-test', version: '1.0.0' });
  await expect(
    first.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })),
  ).rejects.toThrow(/Unauthorized/i);
  expect(provider.authorizationUrl).toBeDefined();
  const back = await signInWithoutBrowser(String(provider.authorizationUrl), who);
  expect(back.searchParams.get('iss')).toBe(server.url);
  const code = back.searchParams.get('code');
  expect(code).toBeTruthy();
  expect(await auth(provider, { serverUrl: mcpUrl, authorizationCode: code ?? '' })).toBe('AUTHORIZED');
  const client = new Client({ name: 'oauth-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
  return client;
}

describe('OAuth for MCP clients, relayed to Halo agent login', () => {
  it('answers an unauthenticated /mcp and /graphql with 401 pointing at the resource metadata', async () => {
    for (const path of ['/mcp', '/graphql']) {
      const response = await fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer resource_metadata="${server.url}/.well-known/oauth-protected-resource/mcp", scope="halo"`,
      );
    }
    const prm = await (await fetch(`${server.url}/.well-known/oauth-protected-resource/mcp`)).json();
    expect(prm).toMatchObject({ resource: `${server.url}/mcp`, authorization_servers: [server.url] });
    const meta = await (await fetch(`${server.url}/.well-known/oauth-authorization-server`)).json();
    expect(meta).toMatchObject({
      issuer: server.url,
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  it("registers by DCR, signs an agent in at Halo and reads Halo with that agent's token", async () => {
    const provider = new MemoryOAuthProvider(callback.url);
    const full = account(0);
    halo.sim.log.reset();
    const client = await connectAs(provider, full);
    expect(provider.clientInformation()?.client_id).toMatch(/^hpm-/);
    // Signing in: one code exchange at Halo, one Agent/me to learn who signed in.
    expect(halo.sim.log.entries.filter((e) => e.path === '/auth/token')).toHaveLength(1);
    expect(halo.sim.log.apiRequests().map((e) => [e.path, e.agentId])).toEqual([
      ['/api/Agent/me', full.agentId],
    ]);

    halo.sim.log.reset();
    const result = await client.callTool({ name: 'list_clients', arguments: {} });
    expect(result.isError).toBeFalsy();
    const reads = halo.sim.log.apiRequests();
    expect(reads.map((e) => e.path)).toEqual(['/api/Client']);
    expect(reads.every((e) => e.agentId === full.agentId)).toBe(true);
    // No API-application token was fetched for it: the agent's own token was used.
    expect(halo.sim.log.entries.filter((e) => e.path === '/auth/token')).toHaveLength(0);
    const listed = (result.structuredContent as { clients: { items: unknown[]; totalCount: number } })
      .clients;
    expect(listed.totalCount).toBeGreaterThan(account(2).clientIds?.length ?? 0);
    fullClientCount = listed.totalCount;

    const audit = server.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'audit');
    expect(audit.at(-1)).toMatchObject({
      agent: full.agentId,
      tool: 'list_clients',
      upstream: 1,
      outcome: 'ok',
    });
    expect(audit.at(-1)?.args).toMatch(/^[0-9a-f]{16}$/);
    await client.close();
  });

  it('shows the restricted agent only its clients, and gives the agent without invoice access a clear answer', async () => {
    const restricted = account(2);
    const visible = restricted.clientIds ?? [];
    expect(visible.length).toBeGreaterThan(0);
    const client = await connectAs(new MemoryOAuthProvider(callback.url), restricted);
    const result = await client.callTool({ name: 'list_clients', arguments: {} });
    const listed = (
      result.structuredContent as { clients: { items: Array<{ id: number }>; totalCount: number } }
    ).clients;
    expect(listed.items.map((c) => c.id).sort((a, b) => a - b)).toEqual([...visible].sort((a, b) => a - b));
    expect(listed.totalCount).toBeLessThan(fullClientCount);
    await client.close();

    const noInvoices = account(1);
    expect(noInvoices.invoices).toBe(false);
    const other = await connectAs(new MemoryOAuthProvider(callback.url), noInvoices);
    const refused = await other.callTool({ name: 'revenue_breakdown', arguments: {} });
    expect(refused.isError).toBe(true);
    const text = (refused.content as Array<{ text: string }>)[0]?.text ?? '';
    expect(text).toContain(`${noInvoices.name} (agent ${noInvoices.agentId})`);
    expect(text).toMatch(/no permission to view Invoices/);
    await other.close();
  });

  it('serves /graphql to the same bearer token, reading as the signed-in agent', async () => {
    const provider = new MemoryOAuthProvider(callback.url);
    const restricted = account(2);
    const client = await connectAs(provider, restricted);
    await client.close();
    halo.sim.log.reset();
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${provider.tokens()?.access_token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ query: '{ clients { totalCount items { id } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { clients: { items: Array<{ id: number }> } } };
    expect(body.data.clients.items.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      [...(restricted.clientIds ?? [])].sort((a, b) => a - b),
    );
    expect(halo.sim.log.apiRequests().map((e) => e.agentId)).toEqual([restricted.agentId]);
  });

  it("refreshes the agent's Halo token with Halo's refresh token when Halo refuses the old one", async () => {
    const full = account(0);
    const client = await connectAs(new MemoryOAuthProvider(callback.url), full);
    halo.sim.faults.expireTokens();
    halo.sim.log.reset();
    const result = await client.callTool({ name: 'list_clients', arguments: {} });
    expect(result.isError).toBeFalsy();
    // The refused read, one refresh grant at Halo, the read again with the new token.
    expect(halo.sim.log.entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/api/Client', 401],
      ['POST', '/auth/token', 200],
      ['GET', '/api/Client', 200],
    ]);
    await client.close();
  });
});
