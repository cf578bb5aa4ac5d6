import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadHaloConfig, redact } from '../src/config.js';

const SECRET = 'sup3r-s3cret-value-!@#';
const MCP_TOKEN = 'mcp-access-token-123456';

const base = {
  HALO_INSTANCE_URL: 'https://acme.halopsa.com',
  HALO_CLIENT_ID: 'client-id-1',
  HALO_CLIENT_SECRET: SECRET,
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.message).not.toContain(SECRET);
    expect(configError.message).not.toContain(MCP_TOKEN);
    return configError.problems;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies every documented default', () => {
    const config = loadConfig(base);
    expect(config).toEqual({
      halo: {
        instanceUrl: 'https://acme.halopsa.com',
        authUrl: 'https://acme.halopsa.com/auth',
        clientId: 'client-id-1',
        clientSecret: SECRET,
        scope: 'all',
        requestTimeoutMs: 30_000,
        maxRetries: 4,
        retryBudgetMs: 45_000,
        rateLimit: { requests: 250, windowMs: 300_000 },
        maxConcurrency: 4,
        maxResponseBytes: 20_971_520,
        maxListRecords: 50_000,
        referenceTtlMs: 300_000,
        timeZone: 'UTC',
      },
      server: {
        host: '127.0.0.1',
        port: 8787,
        allowedOrigins: [],
        allowGetQueries: false,
        drainMs: 20_000,
        maxConnections: 256,
      },
      upstreamBudget: { perCall: 60, portfolio: 400 },
      transport: 'stdio',
      demo: false,
      logLevel: 'info',
    });
  });

  it('reads every variable when set', () => {
    const config = loadConfig({
      ...base,
      HALO_AUTH_URL: 'https://auth.haloservicedesk.com/',
      HALO_TENANT: 'acme',
      HALO_SCOPE: 'read:tickets read:crm',
      HALO_TIMEOUT_MS: '5000',
      HALO_MAX_RETRIES: '2',
      HALO_RETRY_BUDGET_MS: '10000',
      HALO_RATE_LIMIT: '600',
      HALO_RATE_WINDOW_MS: '60000',
      HALO_MAX_CONCURRENCY: '8',
      HALO_MAX_LIST_RECORDS: '500',
      HALO_REFERENCE_TTL_MS: '1000',
      HALO_TIMEZONE: 'Europe/London',
      HALO_MCP_HOST: '0.0.0.0',
      HALO_MCP_PORT: '9000',
      HALO_MCP_TOKEN: MCP_TOKEN,
      HALO_MCP_ALLOWED_ORIGINS: 'https://a.example, http://localhost:3000/',
      HALO_DEMO: 'true',
      HALO_LOG_LEVEL: 'DEBUG',
      HALO_MCP_GRAPHQL_GET: '1',
      HALO_MCP_DRAIN_MS: '5000',
      HALO_MCP_MAX_CONNECTIONS: '32',
      HALO_MAX_REQUESTS_PER_CALL: '90',
      HALO_MAX_REQUESTS_PORTFOLIO: '900',
    });
    expect(config.halo).toMatchObject({
      authUrl: 'https://auth.haloservicedesk.com',
      tenant: 'acme',
      scope: 'read:tickets read:crm',
      requestTimeoutMs: 5000,
      maxRetries: 2,
      retryBudgetMs: 10_000,
      rateLimit: { requests: 600, windowMs: 60_000 },
      maxConcurrency: 8,
      maxListRecords: 500,
      referenceTtlMs: 1000,
      timeZone: 'Europe/London',
    });
    expect(config.server).toEqual({
      host: '0.0.0.0',
      port: 9000,
      accessToken: MCP_TOKEN,
      allowedOrigins: ['https://a.example', 'http://localhost:3000'],
      allowGetQueries: true,
      drainMs: 5000,
      maxConnections: 32,
    });
    expect(config.upstreamBudget).toEqual({ perCall: 90, portfolio: 900 });
    expect(config.demo).toBe(true);
    expect(config.logLevel).toBe('debug');
  });

  it.each([
    ['https://acme.halopsa.com/api', 'https://acme.halopsa.com'],
    ['https://acme.halopsa.com/api/', 'https://acme.halopsa.com'],
    ['https://acme.halopsa.com///', 'https://acme.halopsa.com'],
    ['https://halo.example.com/support/API', 'https://halo.example.com/support'],
  ])('normalises the instance URL %s', (given, expected) => {
    const halo = loadHaloConfig({ ...base, HALO_INSTANCE_URL: given });
    expect(halo.instanceUrl).toBe(expected);
    expect(halo.authUrl).toBe(`${expected}/auth`);
  });

  it('refuses a HALO_TIMEZONE that is not an IANA zone name', () => {
    expect(() => loadHaloConfig({ ...base, HALO_TIMEZONE: 'Mars/Olympus' })).toThrow(
      'HALO_TIMEZONE must be an IANA time zone name such as Europe/London or America/New_York, got "Mars/Olympus"',
    );
  });

  it('names each missing variable on its own line', () => {
    expect(problemsOf({})).toEqual([
      'HALO_INSTANCE_URL is required',
      'HALO_CLIENT_ID is required',
      'HALO_CLIENT_SECRET is required',
    ]);
  });

  it('treats blank values as unset', () => {
    expect(problemsOf({ ...base, HALO_CLIENT_SECRET: '   ' })).toEqual(['HALO_CLIENT_SECRET is required']);
  });

  it('rejects a malformed or non-http URL and shows the value', () => {
    expect(problemsOf({ ...base, HALO_INSTANCE_URL: 'acme.halopsa.com' })).toEqual([
      'HALO_INSTANCE_URL must be an http(s) URL, got "acme.halopsa.com"',
    ]);
    expect(problemsOf({ ...base, HALO_AUTH_URL: 'ftp://acme' })).toEqual([
      'HALO_AUTH_URL must be an http(s) URL, got "ftp://acme"',
    ]);
  });

  it('rejects numbers that are not whole or out of range', () => {
    expect(
      problemsOf({ ...base, HALO_TIMEOUT_MS: '1.5s', HALO_MAX_CONCURRENCY: '0', HALO_MCP_PORT: '70000' }),
    ).toEqual([
      'HALO_TIMEOUT_MS must be a whole number, got "1.5s"',
      'HALO_MAX_CONCURRENCY must be at least 1',
      'HALO_MCP_PORT must be at most 65535',
    ]);
  });

  it('rejects an unknown log level and a malformed demo flag', () => {
    expect(problemsOf({ ...base, HALO_LOG_LEVEL: 'verbose', HALO_DEMO: 'maybe' })).toEqual([
      'HALO_DEMO must be 1, 0, true or false, got "maybe"',
      'HALO_LOG_LEVEL must be one of error, warn, info, debug, got "verbose"',
    ]);
  });

  it('requires an access token when listening beyond loopback', () => {
    expect(problemsOf({ ...base, HALO_MCP_HOST: '0.0.0.0' })).toEqual([
      'HALO_MCP_TOKEN is required when HALO_MCP_HOST is not a loopback address (got "0.0.0.0")',
    ]);
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.1.1']) {
      expect(loadConfig({ ...base, HALO_MCP_HOST: host }).server.accessToken).toBeUndefined();
    }
  });

  it('rejects allowed origins that are not URLs', () => {
    expect(problemsOf({ ...base, HALO_MCP_ALLOWED_ORIGINS: 'https://ok.example,nope' })).toEqual([
      'HALO_MCP_ALLOWED_ORIGINS entries must be http(s) origins, got "nope"',
    ]);
  });

  it('never echoes a secret, even when the secret is what was malformed', () => {
    // A secret pasted into the wrong variable must not leak through that variable's message.
    const problems = problemsOf({ ...base, HALO_INSTANCE_URL: SECRET, HALO_MCP_HOST: '10.0.0.1' });
    expect(problems).toEqual([
      'HALO_INSTANCE_URL must be an http(s) URL, got "[REDACTED]"',
      'HALO_MCP_TOKEN is required when HALO_MCP_HOST is not a loopback address (got "10.0.0.1")',
    ]);
  });

  it('reads the shared-state variables, and stays in memory without HALO_REDIS_URL', () => {
    const key = 'a'.repeat(64);
    expect(loadConfig(base).state).toBeUndefined();
    expect(
      loadConfig({ ...base, HALO_REDIS_URL: 'rediss://:pw-123456@cache:6380/2', HALO_MCP_TOKEN_KEY: key })
        .state,
    ).toEqual({
      redisUrl: 'rediss://:pw-123456@cache:6380/2',
      prefix: 'halo-psa-mcp:',
      expectedReplicas: 2,
      tokenKey: key,
      previousTokenKeys: [],
    });
    const state = loadConfig({
      ...base,
      HALO_REDIS_URL: 'redis://127.0.0.1:6379',
      HALO_REDIS_PREFIX: 'team-a:',
      HALO_EXPECTED_REPLICAS: '3',
      HALO_MCP_TOKEN_KEY: key,
    }).state;
    expect(state).toMatchObject({ prefix: 'team-a:', expectedReplicas: 3 });
  });

  it('refuses Redis without a token key, a non-Redis URL, a bad prefix and a replica count of 0', () => {
    const password = 'redis-password-987654';
    const redisUrl = `redis://:${password}@cache:6379`;
    expect(problemsOf({ ...base, HALO_REDIS_URL: redisUrl })).toEqual([
      'HALO_MCP_TOKEN_KEY (32 random bytes, base64 or hex; with HALO_REDIS_URL the Halo tokens are sealed before they reach Redis) is required',
    ]);
    const problems = problemsOf({
      ...base,
      HALO_REDIS_URL: `http://:${password}@cache`,
      HALO_REDIS_PREFIX: 'has space',
      HALO_EXPECTED_REPLICAS: '0',
      HALO_MCP_TOKEN_KEY: 'short',
    });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/HALO_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(problems.join('\n')).toMatch(/HALO_REDIS_PREFIX must be 1 to 64/);
    expect(problems.join('\n')).toMatch(/HALO_EXPECTED_REPLICAS/);
    expect(problems.join('\n')).not.toContain(password);
  });

  it('lets demo mode run without Halo credentials', () => {
    const config = loadConfig({ HALO_DEMO: '1' });
    expect(config.demo).toBe(true);
    expect(config.halo.clientId).toBe('demo');
  });
});

describe('redact', () => {
  it('replaces registered secrets and bearer-looking values', () => {
    const text = `secret=${SECRET} header="Bearer abc.DEF-123" body={"access_token":"tok-999"} client_secret=xyz`;
    const out = redact(text, [SECRET]);
    expect(out).toBe(
      'secret=[REDACTED] header="Bearer [REDACTED]" body={"access_token":"[REDACTED]"} client_secret=[REDACTED]',
    );
  });

  it('replaces JSON-escaped and URL-encoded forms of a secret', () => {
    const secret = 'a"b\\c d&e';
    const out = redact(`${JSON.stringify({ s: secret })} ${encodeURIComponent(secret)}`, [secret]);
    expect(out).not.toContain('a\\"b');
    expect(out).not.toContain(encodeURIComponent(secret));
  });

  it('ignores secrets too short to search for safely', () => {
    expect(redact('a b c', ['a', undefined, ''])).toBe('a b c');
  });
});
