import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { fixtureDataset } from './fixture.js';
import { type Harness, handClock, startHarness, tokenForm } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.sim.faults.clear();
  h.sim.log.reset();
});
afterAll(() => h.sim.stop());

describe('simulator injected failures', () => {
  it('answers the next n requests with the given status, then recovers', async () => {
    h.sim.faults.failNext(2, 500);
    const first = await h.get('Tickets');
    const second = await h.get('Client');
    const third = await h.get('Tickets');
    expect([first.status, second.status, third.status]).toEqual([500, 500, 200]);
    expect(first.headers.get('content-type')).toMatch(/text\/html/);
    expect(first.text).toContain('500 Internal Server Error');
    expect(h.sim.log.apiRequests().map((e) => [e.status, e.fault])).toEqual([
      [500, 'fail'],
      [500, 'fail'],
      [200, undefined],
    ]);
  });

  it('sends 429 with Retry-After and the rate-limit text when asked', async () => {
    h.sim.faults.failNext(1, 429, { retryAfterSeconds: 7 });
    const answer = await h.get('Tickets');
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.text).toMatch(/^Rate Limit Reached - \d+ Requests per rolling 5 minute window$/);
    h.sim.faults.failNext(1, 429);
    expect((await h.get('Tickets')).headers.get('retry-after')).toBeNull();
  });

  it('sends a custom body as text or JSON', async () => {
    h.sim.faults.failNext(1, 503, { body: 'Service Unavailable' });
    h.sim.faults.failNext(1, 403, { body: { ClassName: 'System.Exception', Message: 'No access' } });
    const text = await h.get('Tickets');
    const json = await h.get('Tickets');
    expect([text.status, text.text]).toEqual([503, 'Service Unavailable']);
    expect([json.status, json.json]).toEqual([403, { ClassName: 'System.Exception', Message: 'No access' }]);
  });

  it('uses up a path-scoped fault only on matching requests', async () => {
    h.sim.faults.failNext(1, 502, { pathPrefix: '/api/invoice' });
    expect((await h.get('Tickets')).status).toBe(200);
    expect((await h.request('/api/authinfo')).status).toBe(200);
    expect((await h.get('Invoice/601')).status).toBe(502);
    expect((await h.get('Invoice/601')).status).toBe(200);
  });

  it('leaves the token endpoint alone unless a fault targets /auth', async () => {
    h.sim.faults.failNext(1, 500);
    expect((await h.request('/auth/token', { method: 'POST', body: tokenForm(h.sim) })).status).toBe(200);
    h.sim.faults.failNext(1, 503, { pathPrefix: '/auth' });
    expect((await h.request('/auth/token', { method: 'POST', body: tokenForm(h.sim) })).status).toBe(503);
    expect((await h.get('Status')).status).toBe(500);
  });

  it('answers a truncated JSON body with status 200', async () => {
    h.sim.faults.malformedNext(1);
    const answer = await h.get('Tickets');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(() => JSON.parse(answer.text)).toThrow();
    expect(h.sim.log.apiRequests()[0]).toMatchObject({ status: 200, fault: 'malformed' });
  });

  it('resets the connection without an answer and logs status 0', async () => {
    h.sim.faults.resetNext(1);
    await expect(h.get('Tickets')).rejects.toThrow();
    expect((await h.get('Tickets')).status).toBe(200);
    expect(h.sim.log.apiRequests().map((e) => [e.status, e.fault])).toEqual([
      [0, 'reset'],
      [200, undefined],
    ]);
  });

  it('holds a hung answer back for the given time', async () => {
    h.sim.faults.hangNext(1, 80);
    const started = performance.now();
    const answer = await h.get('Tickets');
    expect(answer.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    expect(h.sim.log.apiRequests()[0]).toMatchObject({ status: 200, fault: 'hang' });
  });

  it('lets a client time out on a hung request', async () => {
    await h.get('Status'); // token fetched before the hang is queued
    h.sim.log.reset();
    h.sim.faults.hangNext(1, 5_000);
    await expect(h.get('Tickets', { signal: AbortSignal.timeout(30) })).rejects.toThrow();
    expect((await h.get('Tickets')).status).toBe(200);
    expect(h.sim.log.apiRequests().map((e) => e.fault)).toEqual(['hang', undefined]);
  });

  it('invalidates every issued token on expireTokens', async () => {
    const token = await h.token();
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    expect((await h.request('/api/Status', auth)).status).toBe(200);
    h.sim.faults.expireTokens();
    expect((await h.request('/api/Status', auth)).status).toBe(401);
    await h.renewToken();
    expect((await h.get('Status')).status).toBe(200);
  });

  it('rejects counts that are not positive integers', () => {
    expect(() => h.sim.faults.failNext(0, 500)).toThrow(RangeError);
  });
});

describe('simulator latency', () => {
  it('delays every answer by the configured latency', async () => {
    await h.get('Status');
    h.sim.faults.setLatency(60);
    let started = performance.now();
    await h.get('Status');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    h.sim.faults.setLatency({ min: 40, max: 50 });
    started = performance.now();
    await h.get('Status');
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
  });

  it('applies latencyMs from the start options and drops it again on clear', async () => {
    const slow = await startHarness({ latencyMs: 50 });
    try {
      let started = performance.now();
      await slow.request('/api/authinfo');
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
      slow.sim.faults.setLatency(0);
      slow.sim.faults.clear();
      started = performance.now();
      await slow.request('/api/authinfo');
      expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    } finally {
      await slow.sim.stop();
    }
  });
});

describe('simulator rate limit', () => {
  it('answers 429 past N requests in a rolling window, counting only /api resources', async () => {
    const clock = handClock();
    const limited = await startHarness({ rateLimit: { requests: 3, windowMs: 1_000 }, now: clock.now });
    try {
      const statuses = async () => (await limited.get('Status')).status;
      expect(await statuses()).toBe(200); // t=0 (the token request before it is not counted)
      clock.advance(400);
      expect(await statuses()).toBe(200); // t=400
      clock.advance(400);
      expect(await statuses()).toBe(200); // t=800
      const refused = await limited.get('Tickets');
      expect(refused.status).toBe(429);
      expect(refused.text).toBe('Rate Limit Reached - 3 Requests per rolling 5 minute window');
      expect((await limited.request('/api/authinfo')).status).toBe(200);
      clock.advance(201); // t=1001: the t=0 request has left the window
      expect(await statuses()).toBe(200);
      expect(await statuses()).toBe(429);
      clock.advance(400); // t=1401: the t=400 request has left
      expect(await statuses()).toBe(200);
      expect(limited.sim.log.apiRequests().map((e) => e.status)).toEqual([200, 200, 200, 429, 200, 429, 200]);
    } finally {
      await limited.sim.stop();
    }
  });

  it('allows 300 requests per window by default', async () => {
    const sim = await startSimulator({ dataset: fixtureDataset() });
    try {
      const tokenAnswer = await fetch(`${sim.authUrl}/token`, { method: 'POST', body: tokenForm(sim) });
      const { access_token } = (await tokenAnswer.json()) as { access_token: string };
      const headers = { Authorization: `Bearer ${access_token}` };
      const statuses: number[] = [];
      for (let i = 0; i < 301; i++) {
        const response = await fetch(`${sim.url}/api/Status`, { headers });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(300);
      expect(statuses[300]).toBe(429);
    } finally {
      await sim.stop();
    }
  });

  it('changes or lifts the limit on demand', async () => {
    h.sim.faults.setRateLimit({ requests: 1, windowMs: 60_000 });
    expect((await h.get('Status')).status).toBe(200);
    expect((await h.get('Status')).status).toBe(429);
    h.sim.faults.setRateLimit(false);
    expect((await h.get('Status')).status).toBe(200);
  });
});

describe('simulator request log', () => {
  it('records method, path as sent, query with repeated keys, status and time', async () => {
    await h.get('Tickets?status=1&status=8&Client_ID=21');
    const [entry] = h.sim.log.entries;
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/api/Tickets',
      query: { status: ['1', '8'], Client_ID: '21' },
      status: 200,
    });
    expect(typeof entry?.at).toBe('number');
  });

  it('counts API requests apart from token and authinfo requests', async () => {
    await h.token();
    await h.request('/api/authinfo');
    await h.get('Tickets');
    await h.get('Tickets/1001');
    await h.get('Client');
    expect(h.sim.log.entries).toHaveLength(5);
    expect(h.sim.log.apiRequests()).toHaveLength(3);
    expect(h.sim.log.count()).toBe(3);
    expect(h.sim.log.count('Tickets')).toBe(2);
    expect(h.sim.log.count('/api/tickets/1001')).toBe(1);
    expect(h.sim.log.count('/auth/token')).toBe(1);
    h.sim.log.reset();
    expect(h.sim.log.entries).toHaveLength(0);
  });
});
