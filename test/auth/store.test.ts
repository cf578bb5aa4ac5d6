import { randomBytes } from 'node:crypto';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { s256 } from '../../src/auth/authorization-server.js';
import { createTokenSealer } from '../../src/auth/sealed-tokens.js';
import type { AuthStore } from '../../src/auth/store.js';
import type { TestHalo } from '../helpers/halo.js';
import {
  authorizeUrl,
  registerClient,
  signInWithoutBrowser,
  startAuthHalo,
  startOAuthServer,
  TOKEN_KEY,
  tempStorePath,
  tokenRequest,
} from './harness.js';
import { storeBackends } from './store-backends.js';

// The same cases against each AuthStore: the embedded SQLite file and Redis (several replicas).
// The clock starts at the real time because Redis also expires keys by its own clock.
describe.each(storeBackends())('the auth store ($name)', ({ open }) => {
  let now = Date.now();
  const clock = () => now;
  const later = (ms: number) => now + ms;
  let store: AuthStore;

  beforeEach(async () => {
    now = Date.now();
    store = await open(clock);
  });

  afterEach(async () => {
    await store.close();
  });

  it('keeps records until they expire, and consumes single-use records once', async () => {
    await store.put('code', 'c1', { grantId: 'g1' }, { expiresAt: later(60_000), grantId: 'g1' });
    await store.put('grant', 'g1', { agentId: 5 });
    await store.put('access', 'a1', { grantId: 'g1' }, { grantId: 'g1' });
    expect(await store.consume('code', 'c1')).toEqual({ value: { grantId: 'g1' }, replay: false });
    expect(await store.consume('code', 'c1')).toEqual({ value: { grantId: 'g1' }, replay: true });
    expect(await store.consume('code', 'nope')).toBeUndefined();
    now = later(60_000);
    expect(await store.get('code', 'c1')).toBeUndefined();
    expect(await store.consume('code', 'c1')).toBeUndefined();
    await store.deleteGrant('g1');
    expect(await store.get('grant', 'g1')).toBeUndefined();
    expect(await store.get('access', 'a1')).toBeUndefined();
  });

  it('replaces a record on put: new value and expiry, the consumed mark reset', async () => {
    await store.put('refresh', 'r1', { n: 1 }, { expiresAt: later(1_000) });
    expect(await store.consume('refresh', 'r1')).toEqual({ value: { n: 1 }, replay: false });
    await store.put('refresh', 'r1', { n: 2 }, { expiresAt: later(60_000) });
    now = later(1_000);
    expect(await store.get('refresh', 'r1')).toEqual({ n: 2 });
    expect(await store.consume('refresh', 'r1')).toEqual({ value: { n: 2 }, replay: false });
    expect(await store.consume('refresh', 'r1')).toEqual({ value: { n: 2 }, replay: true });
    await store.put('refresh', 'r1', { n: 3 });
    now = later(3_600_000);
    expect(await store.get('refresh', 'r1')).toEqual({ n: 3 });
  });

  it('deletes one record, and a grant only with the records that still belong to it', async () => {
    await store.put('client', 'k1', { name: 'Claude' });
    await store.put('client', 'k2', { name: 'Other' });
    await store.delete('client', 'k1');
    await store.delete('client', 'unknown');
    expect(await store.get('client', 'k1')).toBeUndefined();
    expect(await store.get('client', 'k2')).toEqual({ name: 'Other' });

    await store.put('grant', 'g1', { agentId: 1 });
    await store.put('grant', 'g2', { agentId: 2 });
    await store.put('access', 'moved', { v: 1 }, { grantId: 'g1' });
    await store.put('access', 'moved', { v: 2 }, { grantId: 'g2' });
    await store.put('access', 'detached', { v: 1 }, { grantId: 'g1' });
    await store.put('access', 'detached', { v: 2 });
    await store.put('refresh', 'r1', { v: 1 }, { grantId: 'g1', expiresAt: later(60_000) });
    await store.put('access', 'other', { v: 1 }, { grantId: 'g2' });
    await store.deleteGrant('g1');
    expect(await store.get('grant', 'g1')).toBeUndefined();
    expect(await store.get('refresh', 'r1')).toBeUndefined();
    expect(await store.get('access', 'moved')).toEqual({ v: 2 });
    expect(await store.get('access', 'detached')).toEqual({ v: 2 });
    expect(await store.get('grant', 'g2')).toEqual({ agentId: 2 });
    await store.deleteGrant('g2');
    expect(await store.get('access', 'moved')).toBeUndefined();
    expect(await store.get('access', 'other')).toBeUndefined();
    expect(await store.get('access', 'detached')).toEqual({ v: 2 });
    await store.deleteGrant('never-existed');
  });

  it('keeps kinds apart and values as JSON', async () => {
    const value = { list: [1, 'two', null], nested: { ok: true }, text: 'é "quoted"' };
    await store.put('pending', 'same', value);
    await store.put('code', 'same', 'a string');
    expect(await store.get('pending', 'same')).toEqual(value);
    expect(await store.get('code', 'same')).toBe('a string');
    expect(await store.get('access', 'same')).toBeUndefined();
  });
});

describe('sealed Halo tokens (AES-256-GCM)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('opens what it sealed, refuses altered values, and opens values sealed under a previous key', () => {
    const sealed = createTokenSealer(oldKey).seal('halo-token-value');
    expect(sealed).not.toContain('halo-token-value');
    expect(createTokenSealer(oldKey).open(sealed)).toEqual({ plaintext: 'halo-token-value', stale: false });
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4] ?? '', 'base64url');
    body[0] = (body[0] ?? 0) ^ 1;
    parts[4] = body.toString('base64url');
    expect(() => createTokenSealer(oldKey).open(parts.join('.'))).toThrow();
    expect(createTokenSealer(newKey, [oldKey]).open(sealed)).toEqual({
      plaintext: 'halo-token-value',
      stale: true,
    });
    expect(() => createTokenSealer(newKey).open(sealed)).toThrow(/configured keys/);
  });
});

describe('sign-ins survive a restart and a key rotation', () => {
  let halo: TestHalo;
  let store: ReturnType<typeof tempStorePath>;

  beforeAll(async () => {
    halo = await startAuthHalo();
    store = tempStorePath();
  });

  afterAll(async () => {
    await halo?.stop();
    store?.remove();
  });

  async function toolCallStatus(url: string, token: string): Promise<boolean | undefined> {
    const client = new Client({ name: 'restart-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${url}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    const result = await client.callTool({ name: 'list_clients', arguments: {} });
    await client.close();
    return Boolean(result.isError);
  }

  it('reads Halo with the stored agent token after restarts, across a rotation of HALO_MCP_TOKEN_KEY', async () => {
    const redirect = 'http://127.0.0.1:1/cb';
    const first = await startOAuthServer({ halo, storePath: store.path });
    // Later instances listen elsewhere but are the same deployment (same public URL, same resource).
    const publicUrl = first.url;
    const clientId = await registerClient(first.url, redirect);
    const verifier = randomBytes(32).toString('base64url');
    const account = halo.sim.agentLogin.accounts[0];
    if (!account) throw new Error('no agent');
    const back = await signInWithoutBrowser(
      authorizeUrl(first.url, { clientId, redirectUri: redirect, challenge: s256(verifier) }),
      account,
    );
    const tokens = await tokenRequest(first.url, {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: back.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: redirect,
    });
    const access = tokens.body.access_token ?? '';
    await first.stop();

    const rotatedKey = randomBytes(32).toString('base64');
    const rotated = await startOAuthServer({
      halo,
      storePath: store.path,
      oauth: { publicUrl, tokenKey: rotatedKey, previousTokenKeys: [TOKEN_KEY] },
    });
    halo.sim.log.reset();
    expect(await toolCallStatus(rotated.url, access)).toBe(false);
    expect(halo.sim.log.apiRequests().map((e) => e.agentId)).toEqual([account.agentId]);
    await rotated.stop();

    // Re-sealed under the new key on first use: the old key can now be dropped.
    const newOnly = await startOAuthServer({
      halo,
      storePath: store.path,
      oauth: { publicUrl, tokenKey: rotatedKey },
    });
    expect(await toolCallStatus(newOnly.url, access)).toBe(false);
    await newOnly.stop();
  });
});
