import { existsSync } from 'node:fs';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentAccount } from '../../src/simulator/agent-accounts.js';
import type { TestHalo } from '../helpers/halo.js';
import {
  type Callback,
  MemoryOAuthProvider,
  type OAuthServer,
  startAuthHalo,
  startCallback,
  startOAuthServer,
  tempStorePath,
} from './harness.js';

// The whole connector flow as a person goes through it, in Debian's Chromium: the MCP client
// (the SDK's own OAuth client) is sent to the authorize URL, the person approves on our consent
// page, signs in on Halo's login page as an agent, allows access, and lands on the client's
// redirect URI with a code; the client gets tokens and calls tools that read Halo as that agent.

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

if (!existsSync(CHROMIUM) && !process.env.CI) {
  describe.skip(`OAuth connector flow in Chromium (skipped: ${CHROMIUM} is missing; apt-get install chromium)`, () => {
    it('signs an agent in', () => {});
  });
} else {
  describe('OAuth connector flow in Chromium', () => {
    let halo: TestHalo;
    let server: OAuthServer;
    let callback: Callback;
    let browser: Browser;
    let store: ReturnType<typeof tempStorePath>;
    const offMachine: string[] = [];

    beforeAll(async () => {
      if (!existsSync(CHROMIUM)) {
        throw new Error(
          `CI needs Chromium at ${CHROMIUM} for this test: apt-get install chromium (.ci/run does)`,
        );
      }
      halo = await startAuthHalo();
      store = tempStorePath();
      server = await startOAuthServer({ halo, storePath: store.path });
      callback = await startCallback();
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await callback?.stop();
      await server?.stop();
      await halo?.stop();
      store?.remove();
    });

    const account = (index: number): AgentAccount => {
      const found = halo.sim.agentLogin.accounts[index];
      if (!found) throw new Error(`no account ${index}`);
      return found;
    };

    /** Discovery from the 401, registration (or none, with a metadata document), then the browser. */
    async function signIn(provider: MemoryOAuthProvider, who: AgentAccount): Promise<Client> {
      const mcpUrl = new URL(`${server.url}/mcp`);
      const probe = new Client({ name: 'connector', version: '1.0.0' });
      await expect(
        probe.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider })),
      ).rejects.toThrow(/Unauthorized/i);
      const start = provider.authorizationUrl;
      if (!start) throw new Error('the client was not sent to sign in');
      expect(start.origin).toBe(server.url);
      expect(start.searchParams.get('code_challenge_method')).toBe('S256');
      expect(start.searchParams.get('resource')).toBe(`${server.url}/mcp`);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') return route.continue();
        offMachine.push(url.href);
        return route.abort();
      });
      await page.goto(start.href);
      await expect.poll(() => page.title()).toBe('Connect to Halo PSA');
      await page.click('#approve');
      await page.waitForURL((url) => url.href.startsWith(halo.sim.authUrl));
      expect(await page.title()).toBe('Sign in to Halo (simulator)');
      await page.check(`input[name="agent"][value="${who.agentId}"]`);
      await page.fill('#password', who.password);
      await page.click('#sign-in');
      await expect.poll(() => page.title()).toBe('Allow access to Halo?');
      await page.click('#allow');
      await page.waitForURL((url) => url.href.startsWith(callback.url));
      await expect.poll(() => page.locator('#done').count()).toBe(1);
      const back = new URL(page.url());
      await context.close();

      expect(back.searchParams.get('iss')).toBe(server.url);
      expect(back.searchParams.get('state')).toBe(start.searchParams.get('state'));
      const code = back.searchParams.get('code') ?? '';
      expect(await auth(provider, { serverUrl: mcpUrl, authorizationCode: code })).toBe('AUTHORIZED');
      const client = new Client({ name: 'connector', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: provider }));
      return client;
    }

    it('signs in with a Client ID Metadata Document served on loopback and reads as that agent', async () => {
      const documentUrl = new URL('/client.json', callback.url).href;
      callback.serve('/client.json', {
        client_id: documentUrl,
        client_name: 'Loopback connector',
        redirect_uris: [callback.url],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'none',
      });
      const provider = new MemoryOAuthProvider(callback.url, { clientId: documentUrl });
      const full = account(0);
      const client = await signIn(provider, full);
      halo.sim.log.reset();
      const tickets = await client.callTool({ name: 'list_tickets', arguments: { page_size: 5 } });
      expect(tickets.isError).toBeFalsy();
      const reads = halo.sim.log.apiRequests();
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.map((e) => e.agentId)).toEqual(reads.map(() => full.agentId));
      await client.close();
    }, 60_000);

    it('signs in after Dynamic Client Registration; the restricted agent sees only its clients', async () => {
      const restricted = account(2);
      const provider = new MemoryOAuthProvider(callback.url);
      const client = await signIn(provider, restricted);
      expect(provider.clientInformation()?.client_id).toMatch(/^hpm-/);
      halo.sim.log.reset();
      const result = await client.callTool({ name: 'list_clients', arguments: {} });
      const items = (result.structuredContent as { clients: { items: Array<{ id: number }> } }).clients.items;
      expect(items.map((c) => c.id).sort((a, b) => a - b)).toEqual(
        [...(restricted.clientIds ?? [])].sort((a, b) => a - b),
      );
      expect(halo.sim.log.apiRequests().map((e) => [e.path, e.agentId])).toEqual([
        ['/api/Client', restricted.agentId],
      ]);
      await client.close();
    }, 60_000);

    it('gives the agent without invoice access a clear permission answer from revenue_breakdown', async () => {
      const noInvoices = account(1);
      const client = await signIn(new MemoryOAuthProvider(callback.url), noInvoices);
      const result = await client.callTool({ name: 'revenue_breakdown', arguments: {} });
      expect(result.isError).toBe(true);
      const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
      expect(text).toContain(`Halo refused this read for ${noInvoices.name} (agent ${noInvoices.agentId})`);
      expect(text).toContain('no permission to view Invoices');
      expect(text).not.toMatch(/Bearer|access_token/);
      await client.close();
    }, 60_000);

    it('never sent the browser beyond 127.0.0.1', () => {
      expect(offMachine).toEqual([]);
    });
  });
}
