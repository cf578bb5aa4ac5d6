import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HaloConfig } from '../../src/config.js';
import { createHaloClient } from '../../src/halo/client.js';
import { failure } from '../helpers/failure.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { closedPort, type LocalServer, sendJson, startLocalServer } from '../helpers/local-server.js';
import { smallDataset } from './fixtures.js';

/** Counts every fetch the client makes, token requests included. */
function countingFetch() {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  return { urls, fetchImpl };
}

describe('Halo client: honest messages for upstreams that are not Halo', () => {
  let halo: TestHalo;
  let pages: LocalServer;
  let elsewhere: LocalServer;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(3) });
    elsewhere = await startLocalServer((_req, res) => sendJson(res, 200, { clients: [] }));
    pages = await startLocalServer((req, res) => {
      const path = req.url ?? '';
      if (path.startsWith('/api/Client/1')) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(
          '<!DOCTYPE html><html><head><title>Sign in to Contoso Portal</title></head><body></body></html>',
        );
      } else if (path.startsWith('/api/Client/2')) {
        res.writeHead(302, { Location: `${elsewhere.url}/api/Client/2` });
        res.end();
      } else if (path === '/api/Client/3') {
        res.writeHead(301, { Location: '/api/Client/33' });
        res.end();
      } else if (path === '/api/Client/33') {
        sendJson(res, 200, { id: 33, name: 'Moved' });
      } else if (path.startsWith('/api/Client')) {
        sendJson(res, 200, {});
      } else {
        res.writeHead(404);
        res.end();
      }
    });
  });
  afterAll(async () => {
    await halo.stop();
    await pages.stop();
    await elsewhere.stop();
  });
  beforeEach(() => {
    halo.sim.log.reset();
    pages.requests.length = 0;
    elsewhere.requests.length = 0;
  });

  /** Token from the simulator, API GETs to `instanceUrl`. */
  const clientAt = (overrides: Partial<HaloConfig>, fetchImpl?: typeof fetch) =>
    createHaloClient(
      { ...halo.config, maxRetries: 3, ...overrides },
      { backoff: FAST_BACKOFF, ...(fetchImpl ? { fetch: fetchImpl } : {}) },
    );

  it('names DNS and HALO_INSTANCE_URL for a host that does not resolve, and does not retry', async () => {
    const { urls, fetchImpl } = countingFetch();
    const error = await failure(
      clientAt({ instanceUrl: 'https://no-such-halo.invalid' }, fetchImpl).getOne('clients', 1),
    );
    expect(error).toMatchObject({ status: 0, code: 'HALO_NETWORK', network: 'dns' });
    expect(error.message).toBe(
      'The host name no-such-halo.invalid does not resolve (DNS), so GET /api/Client/1 was never sent. Check the spelling of HALO_INSTANCE_URL.',
    );
    expect(urls.filter((u) => u.includes('.invalid'))).toHaveLength(1);
  });

  it('names HALO_AUTH_URL when the authorisation server does not resolve', async () => {
    const error = await failure(
      clientAt({ authUrl: 'https://auth.no-such-halo.invalid/auth' }).getOne('clients', 1),
    );
    expect(error).toMatchObject({ code: 'HALO_NETWORK', network: 'dns', endpoint: 'POST /auth/token' });
    expect(error.message).toContain('Check the spelling of HALO_AUTH_URL.');
    expect(halo.sim.log.apiRequests()).toHaveLength(0);
  });

  it('says the connection was refused (host and port) without retrying', async () => {
    const port = await closedPort();
    const { urls, fetchImpl } = countingFetch();
    const error = await failure(
      clientAt({ instanceUrl: `http://127.0.0.1:${port}` }, fetchImpl).list('clients'),
    );
    expect(error).toMatchObject({ code: 'HALO_NETWORK', network: 'refused' });
    expect(error.message).toBe(
      `127.0.0.1:${port} refused the connection for GET /api/Client?page_no&page_size&pageinate: nothing answers on that host and port. Check HALO_INSTANCE_URL (host, port, http vs https).`,
    );
    expect(urls.filter((u) => u.includes(`:${port}/`))).toHaveLength(1);
  });

  it('says the TLS handshake failed when https:// points at a plain-HTTP port', async () => {
    const instanceUrl = halo.sim.url.replace('http://', 'https://');
    const error = await failure(clientAt({ instanceUrl }).getOne('clients', 1));
    expect(error).toMatchObject({ code: 'HALO_NETWORK', network: 'tls' });
    expect(error.message).toMatch(
      /^The TLS handshake with 127\.0\.0\.1:\d+ failed for GET \/api\/Client\/1 \(\w+\)\./,
    );
    expect(error.message).toContain("Check that HALO_INSTANCE_URL is your Halo's https address");
    expect(halo.sim.log.apiRequests()).toHaveLength(0);
  });

  it('names HALO_TIMEOUT_MS and the host when Halo does not answer in time', async () => {
    halo.sim.faults.hangNext(2, 1_000, { pathPrefix: '/api/Client' });
    const error = await failure(clientAt({ requestTimeoutMs: 100, maxRetries: 1 }).getOne('clients', 2));
    expect(error).toMatchObject({ code: 'HALO_TIMEOUT', network: 'timeout' });
    expect(error.message).toMatch(
      /within 100 ms\. Check that HALO_INSTANCE_URL \(127\.0\.0\.1:\d+\) is reachable/,
    );
    expect(error.message).toContain('raise HALO_TIMEOUT_MS');
    expect(halo.sim.log.count('Client')).toBe(2);
  });

  it('recognises an HTML page where JSON was expected (wrong URL), without retrying', async () => {
    const error = await failure(clientAt({ instanceUrl: pages.url }).getOne('clients', 1));
    expect(error).toMatchObject({ status: 200, code: 'HALO_BAD_RESPONSE', endpoint: 'GET /api/Client/1' });
    expect(error.message).toBe(
      'GET /api/Client/1 answered an HTML page ("Sign in to Contoso Portal") (200) where JSON was expected. Check HALO_INSTANCE_URL: it must be the Halo web app address (e.g. https://yourcompany.halopsa.com), without /api.',
    );
    expect(pages.requests).toEqual(['/api/Client/1']);
  });

  it('fails a 200 list without its envelope key with HALO_BAD_RESPONSE naming the endpoint', async () => {
    const error = await failure(clientAt({ instanceUrl: pages.url }).list('clients'));
    expect(error).toMatchObject({ status: 200, code: 'HALO_BAD_RESPONSE', endpoint: 'GET /api/Client' });
    expect(error.message).toBe('Halo answered GET /api/Client with no "clients" list (an empty object).');
    expect(pages.requests).toHaveLength(1);
  });

  it('refuses a redirect to another origin: the bearer token never leaves', async () => {
    const error = await failure(clientAt({ instanceUrl: pages.url }).getOne('clients', 2));
    expect(error).toMatchObject({ status: 302, code: 'HALO_BAD_RESPONSE', endpoint: 'GET /api/Client/2' });
    expect(error.message).toBe(
      `GET /api/Client/2 was redirected (302) to ${elsewhere.url}; the redirect was refused, as the request carries credentials. Check HALO_INSTANCE_URL: if that address is your Halo, use it.`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows a redirect within the same origin', async () => {
    await expect(clientAt({ instanceUrl: pages.url }).getOne('clients', 3)).resolves.toMatchObject({
      id: 33,
    });
    expect(pages.requests).toEqual(['/api/Client/3', '/api/Client/33']);
  });

  it('names HALO_AUTH_URL when the token endpoint is a web page', async () => {
    const error = await failure(
      clientAt({ authUrl: `${pages.url}/auth`, instanceUrl: pages.url }).getOne('clients', 3),
    );
    expect(error).toMatchObject({ code: 'HALO_NOT_FOUND', endpoint: 'POST /auth/token' });
    expect(error.message).toContain('HALO_AUTH_URL');
  });
});
