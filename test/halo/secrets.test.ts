import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { createLogger } from '../../src/log.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

describe('Halo client secrecy', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(5) });
  });
  afterAll(() => halo.stop());

  it('keeps the client secret, tokens and query values out of every error and log line', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
    const issued: string[] = [];
    const tokenSpy: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/auth/token') && response.ok) {
        issued.push(((await response.clone().json()) as { access_token: string }).access_token);
      }
      return response;
    };
    const client = createHaloClient(halo.config, { fetch: tokenSpy, logger, backoff: FAST_BACKOFF });
    const secret = halo.config.clientSecret;
    const privateQuery = 'jane.doe@private.example';
    const errors: unknown[] = [];
    const attempt = (promise: Promise<unknown>) => promise.catch((e: unknown) => errors.push(e));

    await client.list('statuses');
    const token = issued[0]!;
    // Bodies that echo the secret and the bearer token, as a misbehaving proxy might.
    halo.sim.faults.failNext(1, 400, { body: { Message: `bad secret ${secret} for Bearer ${token}` } });
    await attempt(client.list('clients', { search: privateQuery }));
    halo.sim.faults.failNext(2, 500, { body: `client_secret=${secret}&access_token=${token}` });
    await attempt(client.getOne('clients', 1, { search: privateQuery }));
    halo.sim.faults.failNext(4, 503, { body: `token ${token}` }); // maxRetries 3: all four attempts fail
    await attempt(client.getOne('clients', 1));
    halo.sim.faults.expireTokens();
    halo.sim.faults.failNext(2, 401);
    await attempt(client.getOne('clients', 2));
    await attempt(client.getOne('clients', 404_404, { search: privateQuery }));
    const wrongSecret = 'another-wrong-secret-42';
    const badClient = createHaloClient(
      { ...halo.config, clientSecret: wrongSecret },
      { logger, backoff: FAST_BACKOFF },
    );
    await attempt(badClient.list('statuses'));

    expect(errors).toHaveLength(6);
    expect(issued.length).toBeGreaterThanOrEqual(2);
    const texts = [
      ...lines,
      ...errors.map((e) => {
        const error = e as Error & { excerpt: string; endpoint: string };
        return `${error.message}\n${error.excerpt}\n${error.endpoint}\n${JSON.stringify(error)}\n${String(error.stack)}`;
      }),
    ];
    for (const text of texts) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(wrongSecret);
      expect(text).not.toContain(privateQuery);
      for (const value of issued) expect(text).not.toContain(value);
    }
    expect(lines.length).toBeGreaterThan(5);
    expect(texts.join('\n')).toContain('[REDACTED]');
  });
});
