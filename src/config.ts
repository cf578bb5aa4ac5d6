import { z } from 'zod';

// The only module that reads process.env. Everything else receives typed config objects.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** How MCP is served: stdio for desktop clients, or HTTP (`/mcp`, `/graphql`, `/health`). */
export type Transport = 'stdio' | 'http';

export interface HaloConfig {
  /** Web app URL: no trailing slash, no `/api` suffix. */
  instanceUrl: string;
  /** Authorisation server; the token endpoint is `${authUrl}/token`. */
  authUrl: string;
  clientId: string;
  clientSecret: string;
  /** Halo-hosted tenants only: sent as `?tenant=` on the token request. */
  tenant?: string;
  scope: string;
  requestTimeoutMs: number;
  maxRetries: number;
  /** Total time one call may spend waiting (rate-limit waits and retry backoff). */
  retryBudgetMs: number;
  /** The client-side pacing window; `name` says whose limit it keeps under in messages (default Halo's). */
  rateLimit: { requests: number; windowMs: number; name?: string };
  /** Largest upstream body read; a bigger answer fails while streaming. */
  maxResponseBytes: number;
  maxConcurrency: number;
  /** Bound on rows collected when walking all pages of a list. */
  maxListRecords: number;
  referenceTtlMs: number;
  /** Client ID of the Halo "Authorisation Code (Native Application)" app agents sign in through (OAuth mode). */
  agentLoginClientId?: string;
  /**
   * HALO_TIMEZONE: the IANA zone whose calendar day invoice dates, periods and "today" fall on
   * (Halo sends UTC instants; a local midnight can read as the previous day). Absent = UTC.
   */
  timeZone?: string;
}

/** `HALO_MCP_AUTH=oauth`: this server is an OAuth authorization server for MCP clients and relays to Halo's login. */
export interface OAuthConfig {
  /** The server's public base URL (issuer); the protected resource is `${publicUrl}/mcp`. */
  publicUrl: string;
  /** AES-256-GCM key sealing Halo tokens at rest (32 bytes, base64 or hex). */
  tokenKey: string;
  /** Older keys, still accepted for reading while tokens are re-sealed under the current one. */
  previousTokenKeys: string[];
  /** Hosts a registered client's redirect URIs may point to (Dynamic Client Registration and CIMD). */
  redirectHosts: string[];
  /** The local store (SQLite file) for clients, grants and tokens. */
  storePath: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

export interface ServerConfig {
  host: string;
  port: number;
  /** Bearer token for the HTTP transport; required when `host` is not loopback. */
  accessToken?: string;
  allowedOrigins: string[];
  /** Set in OAuth mode (HALO_MCP_AUTH=oauth). */
  oauth?: OAuthConfig;
  /** `GET /graphql?query=...` is served only when set (HALO_MCP_GRAPHQL_GET); POST always is. */
  allowGetQueries?: boolean;
  /** How long SIGTERM/SIGINT waits for in-flight calls before closing (HALO_MCP_DRAIN_MS). */
  drainMs?: number;
  /** Most open HTTP connections at once (HALO_MCP_MAX_CONNECTIONS). */
  maxConnections?: number;
}

/** Most estimated Halo requests one call may cause (see src/graphql/upstream-cost.ts). */
export interface UpstreamBudgetConfig {
  perCall: number;
  /** For the revenue portfolio, which reads the tenant's billing whole. */
  portfolio: number;
}

/** HALO_REDIS_URL set: replicas share the Halo budget, tokens, caches and OAuth records through Redis. */
export interface SharedStateConfig {
  /** redis:// or rediss:// (may hold a password: treated as a secret). */
  redisUrl: string;
  /** Prefix of every key (HALO_REDIS_PREFIX). */
  prefix: string;
  /** Replicas sharing the Halo limit: each one's share while Redis is away (HALO_EXPECTED_REPLICAS). */
  expectedReplicas: number;
  /** Seals Halo tokens before they reach Redis (HALO_MCP_TOKEN_KEY). */
  tokenKey: string;
  previousTokenKeys: string[];
}

export interface AppConfig {
  halo: HaloConfig;
  server: ServerConfig;
  /** Absent: the embedded default, state in this process only. */
  state?: SharedStateConfig;
  /** Absent: the defaults (60 per call, 400 for the portfolio). */
  upstreamBudget?: UpstreamBudgetConfig;
  /** HALO_MCP_TRANSPORT; stdio when absent. */
  transport?: Transport;
  demo: boolean;
  logLevel: LogLevel;
}

/** The variables without which a real Halo instance cannot be reached (demo mode needs none). */
export const HALO_CREDENTIAL_VARIABLES = [
  'HALO_INSTANCE_URL',
  'HALO_CLIENT_ID',
  'HALO_CLIENT_SECRET',
] as const;

export class ConfigError extends Error {
  readonly problems: string[];
  /** Which of HALO_CREDENTIAL_VARIABLES were unset (or blank) outside demo mode. */
  readonly missing: string[];
  constructor(problems: string[], missing: string[] = []) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
    this.missing = missing;
  }
}

const REDACTED = '[REDACTED]';
/** Secrets shorter than this are not searched for: replacing one or two characters would shred the text. */
const MIN_SECRET_LENGTH = 4;
const SECRET_PATTERNS: RegExp[] = [
  /(\bBearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /(\b(?:client_secret|access_token|refresh_token|id_token)=)[^&\s"']+/gi,
  /("(?:client_secret|access_token|refresh_token|id_token)"\s*:\s*")[^"]*/gi,
];

/**
 * Replaces every occurrence of the given secrets (and of their JSON-escaped forms), plus anything that
 * looks like a bearer token or an OAuth secret field, with `[REDACTED]`.
 */
export function redact(text: string, secrets: Iterable<string | undefined> = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    out = out.split(secret).join(REDACTED);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret) out = out.split(escaped).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, `$1${REDACTED}`);
  return out;
}

const isSecretName = (name: string): boolean => /_(SECRET|TOKEN)$/.test(name);

/** Quotes a rejected (non-secret) value for an error line, shortened. */
function shown(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

const requiredText = (name: string) => z.string({ error: `${name} is required` });

const httpUrl = (name: string) =>
  requiredText(name).refine(isHttpUrl, {
    error: (issue) => `${name} must be an http(s) URL, got ${shown(issue.input)}`,
  });

const wholeNumber = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, { error: (issue) => `${name} must be a whole number, got ${shown(issue.input)}` })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `${name} must be at least ${min}` })
        .max(max, { error: `${name} must be at most ${max}` }),
    )
    .default(fallback);

const flag = (name: string) =>
  z
    .string()
    .regex(/^(1|0|true|false|yes|no)$/i, {
      error: (issue) => `${name} must be 1, 0, true or false, got ${shown(issue.input)}`,
    })
    .transform((v) => /^(1|true|yes)$/i.test(v))
    .default(false);

const logLevel = z
  .string()
  .transform((v) => v.toLowerCase())
  .pipe(
    z.enum(['error', 'warn', 'info', 'debug'], {
      error: (issue) => `HALO_LOG_LEVEL must be one of error, warn, info, debug, got ${shown(issue.input)}`,
    }),
  )
  .default('info');

/** A comma-separated list, blanks dropped. */
const splitList = (v: string): string[] =>
  v
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

const originList = z
  .string()
  .transform(splitList)
  .pipe(
    z.array(
      z.string().refine(isHttpUrl, {
        error: (issue) =>
          `HALO_MCP_ALLOWED_ORIGINS entries must be http(s) origins, got ${shown(issue.input)}`,
      }),
    ),
  )
  .transform((origins) => origins.map((o) => new URL(o).origin))
  .default([]);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const timeZone = z
  .string()
  .refine(isTimeZone, {
    error: (issue) =>
      `HALO_TIMEZONE must be an IANA time zone name such as Europe/London or America/New_York, got ${shown(issue.input)}`,
  })
  .default('UTC');

function haloSchema(demo: boolean, oauth = false) {
  const needed = <T extends z.ZodType>(schema: T) => (demo ? schema.optional() : schema);
  // With agent log-in every read uses the agent's own token: no API application secret is needed.
  const neededWithoutOAuth = <T extends z.ZodType>(schema: T) => (oauth ? schema.optional() : needed(schema));
  return z.object({
    HALO_INSTANCE_URL: needed(httpUrl('HALO_INSTANCE_URL')),
    HALO_AUTH_URL: httpUrl('HALO_AUTH_URL').optional(),
    HALO_CLIENT_ID: neededWithoutOAuth(requiredText('HALO_CLIENT_ID')),
    HALO_CLIENT_SECRET: neededWithoutOAuth(requiredText('HALO_CLIENT_SECRET')),
    HALO_AGENT_LOGIN_CLIENT_ID: oauth
      ? needed(requiredText('HALO_AGENT_LOGIN_CLIENT_ID'))
      : z.string().optional(),
    HALO_TENANT: z.string().optional(),
    HALO_SCOPE: z.string().default('all'),
    HALO_TIMEOUT_MS: wholeNumber('HALO_TIMEOUT_MS', 30_000, 1),
    HALO_MAX_RETRIES: wholeNumber('HALO_MAX_RETRIES', 4, 0, 20),
    HALO_RETRY_BUDGET_MS: wholeNumber('HALO_RETRY_BUDGET_MS', 45_000, 0),
    HALO_RATE_LIMIT: wholeNumber('HALO_RATE_LIMIT', 250, 1),
    HALO_RATE_WINDOW_MS: wholeNumber('HALO_RATE_WINDOW_MS', 300_000, 1),
    HALO_MAX_CONCURRENCY: wholeNumber('HALO_MAX_CONCURRENCY', 4, 1, 64),
    HALO_MAX_RESPONSE_BYTES: wholeNumber('HALO_MAX_RESPONSE_BYTES', 20 * 1024 * 1024, 1024),
    HALO_MAX_LIST_RECORDS: wholeNumber('HALO_MAX_LIST_RECORDS', 50_000, 1),
    HALO_REFERENCE_TTL_MS: wholeNumber('HALO_REFERENCE_TTL_MS', 300_000, 0),
    HALO_TIMEZONE: timeZone,
  });
}

const LOOPBACK_HOSTS = new Set(['localhost', '::1', '[::1]']);
const isLoopback = (host: string): boolean => LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\./.test(host);

const serverFields = {
  HALO_MCP_HOST: z.string().default('127.0.0.1'),
  HALO_MCP_PORT: wholeNumber('HALO_MCP_PORT', 8787, 0, 65_535),
  HALO_MCP_TOKEN: z.string().optional(),
  HALO_MCP_ALLOWED_ORIGINS: originList,
  HALO_MCP_GRAPHQL_GET: flag('HALO_MCP_GRAPHQL_GET'),
  HALO_MCP_DRAIN_MS: wholeNumber('HALO_MCP_DRAIN_MS', 20_000, 0, 600_000),
  HALO_MCP_MAX_CONNECTIONS: wholeNumber('HALO_MCP_MAX_CONNECTIONS', 256, 1, 65_535),
};

const serverSchema = z.object(serverFields).superRefine((env, ctx) => {
  if (!env.HALO_MCP_TOKEN && !isLoopback(env.HALO_MCP_HOST)) {
    ctx.addIssue({
      code: 'custom',
      path: ['HALO_MCP_TOKEN'],
      message: `HALO_MCP_TOKEN is required when HALO_MCP_HOST is not a loopback address (got ${shown(env.HALO_MCP_HOST)})`,
    });
  }
});

const DEFAULT_REDIRECT_HOSTS = 'claude.ai,claude.com,chatgpt.com,localhost,127.0.0.1';

const hostList = z
  .string()
  .transform((v) => splitList(v.toLowerCase()))
  .default(DEFAULT_REDIRECT_HOSTS.split(','));

const tokenKey = requiredText('HALO_MCP_TOKEN_KEY (32 random bytes, base64 or hex) in OAuth mode').refine(
  isTokenKey,
  { error: 'HALO_MCP_TOKEN_KEY must be 32 bytes written as 64 hex digits or 44 base64 characters' },
);

const previousTokenKeys = z
  .string()
  .transform(splitList)
  .pipe(
    z.array(
      z.string().refine(isTokenKey, { error: 'HALO_MCP_TOKEN_KEY_PREVIOUS entries must be 32-byte keys' }),
    ),
  )
  .default([]);

const oauthSchema = z.object({
  HALO_MCP_PUBLIC_URL: httpUrl('HALO_MCP_PUBLIC_URL').optional(),
  HALO_MCP_TOKEN_KEY: tokenKey,
  HALO_MCP_TOKEN_KEY_PREVIOUS: previousTokenKeys,
  HALO_MCP_OAUTH_REDIRECT_HOSTS: hostList,
  HALO_MCP_AUTH_DB: z.string().default('halo-psa-mcp-auth.sqlite'),
  HALO_MCP_ACCESS_TOKEN_TTL: wholeNumber('HALO_MCP_ACCESS_TOKEN_TTL', 3600, 60, 86_400),
  HALO_MCP_REFRESH_TOKEN_TTL: wholeNumber('HALO_MCP_REFRESH_TOKEN_TTL', 30 * 86_400, 300),
});

/** A 32-byte key as 64 hex digits or base64 (either alphabet). */
export function decodeTokenKey(text: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(text)) {
    const key = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === 32 ? key : undefined;
  }
  return undefined;
}

function isTokenKey(text: string): boolean {
  return decodeTokenKey(text) !== undefined;
}

/** One of a few lower-case words. */
const choice = <T extends string>(name: string, values: readonly [T, ...T[]], fallback: T) =>
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(
      z.enum(values, {
        error: (issue) => `${name} must be ${values.join(' or ')}, got ${shown(issue.input)}`,
      }),
    )
    .default(fallback);

const authMode = choice('HALO_MCP_AUTH', ['token', 'oauth'], 'token');

/** In OAuth mode signing in protects a non-loopback bind, so HALO_MCP_TOKEN is not asked for. */
const oauthServerSchema = z.object(serverFields);

function toOAuthConfig(env: z.output<typeof oauthSchema>, host: string, port: number): OAuthConfig {
  const shownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return {
    publicUrl: trimSlashes(env.HALO_MCP_PUBLIC_URL ?? `http://${shownHost}:${port}`),
    tokenKey: env.HALO_MCP_TOKEN_KEY,
    previousTokenKeys: env.HALO_MCP_TOKEN_KEY_PREVIOUS,
    redirectHosts: env.HALO_MCP_OAUTH_REDIRECT_HOSTS,
    storePath: env.HALO_MCP_AUTH_DB,
    accessTokenTtlSeconds: env.HALO_MCP_ACCESS_TOKEN_TTL,
    refreshTokenTtlSeconds: env.HALO_MCP_REFRESH_TOKEN_TTL,
  };
}

const redisUrl = z.string().refine(
  (value) => {
    try {
      return ['redis:', 'rediss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  },
  { error: 'HALO_REDIS_URL must be a redis:// or rediss:// URL' },
);

const stateSchema = z.object({
  HALO_REDIS_URL: redisUrl,
  HALO_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, {
      error: 'HALO_REDIS_PREFIX must be 1 to 64 letters, digits or : _ . -',
    })
    .default('halo-psa-mcp:'),
  HALO_EXPECTED_REPLICAS: wholeNumber('HALO_EXPECTED_REPLICAS', 2, 1, 256),
  HALO_MCP_TOKEN_KEY: requiredText(
    'HALO_MCP_TOKEN_KEY (32 random bytes, base64 or hex) with HALO_REDIS_URL: Halo tokens are sealed before they reach Redis',
  ).refine(isTokenKey, {
    error: 'HALO_MCP_TOKEN_KEY must be 32 bytes written as 64 hex digits or 44 base64 characters',
  }),
  HALO_MCP_TOKEN_KEY_PREVIOUS: previousTokenKeys,
});

const transport = choice('HALO_MCP_TRANSPORT', ['stdio', 'http'], 'stdio');

const appSchema = z.object({
  HALO_DEMO: flag('HALO_DEMO'),
  HALO_LOG_LEVEL: logLevel,
  HALO_MCP_TRANSPORT: transport,
  HALO_MCP_AUTH: authMode,
  HALO_MAX_REQUESTS_PER_CALL: wholeNumber('HALO_MAX_REQUESTS_PER_CALL', 60, 1),
  HALO_MAX_REQUESTS_PORTFOLIO: wholeNumber('HALO_MAX_REQUESTS_PORTFOLIO', 400, 1),
});

/** Trimmed copy of the environment in which blank values count as unset (as in many `.env` files). */
function cleaned(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const trimmed = value?.trim();
    if (trimmed) out[name] = trimmed;
  }
  return out;
}

type SafeResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

function collect<T>(result: SafeResult<T>, problems: string[]): T | undefined {
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(issue.message);
  return undefined;
}

function fail(problems: string[], env: Record<string, string>, demo: boolean): never {
  const secrets = Object.entries(env)
    .filter(([name]) => isSecretName(name) || name === 'HALO_REDIS_URL')
    .map(([, value]) => value);
  const missing = demo ? [] : HALO_CREDENTIAL_VARIABLES.filter((name) => env[name] === undefined);
  throw new ConfigError(
    problems.map((p) => redact(p, secrets)),
    missing,
  );
}

const stripSuffix = (url: string, suffix: RegExp): string => url.replace(suffix, '');
const trimSlashes = (url: string): string => url.replace(/\/+$/, '');

function toHaloConfig(env: z.output<ReturnType<typeof haloSchema>>): HaloConfig {
  // Demo mode may run without credentials: the server points the client at its own simulator.
  const instanceUrl = stripSuffix(trimSlashes(env.HALO_INSTANCE_URL ?? 'http://127.0.0.1'), /\/api$/i);
  const authUrl = env.HALO_AUTH_URL
    ? stripSuffix(trimSlashes(env.HALO_AUTH_URL), /\/token$/i)
    : `${trimSlashes(instanceUrl)}/auth`;
  return {
    instanceUrl: trimSlashes(instanceUrl),
    authUrl,
    clientId: env.HALO_CLIENT_ID ?? 'demo',
    clientSecret: env.HALO_CLIENT_SECRET ?? 'demo',
    ...(env.HALO_TENANT ? { tenant: env.HALO_TENANT } : {}),
    scope: env.HALO_SCOPE,
    requestTimeoutMs: env.HALO_TIMEOUT_MS,
    maxRetries: env.HALO_MAX_RETRIES,
    retryBudgetMs: env.HALO_RETRY_BUDGET_MS,
    rateLimit: { requests: env.HALO_RATE_LIMIT, windowMs: env.HALO_RATE_WINDOW_MS },
    maxConcurrency: env.HALO_MAX_CONCURRENCY,
    maxResponseBytes: env.HALO_MAX_RESPONSE_BYTES,
    maxListRecords: env.HALO_MAX_LIST_RECORDS,
    referenceTtlMs: env.HALO_REFERENCE_TTL_MS,
    ...(env.HALO_AGENT_LOGIN_CLIENT_ID ? { agentLoginClientId: env.HALO_AGENT_LOGIN_CLIENT_ID } : {}),
    timeZone: env.HALO_TIMEZONE,
  };
}

/** Reads only the Halo connection settings. Throws ConfigError listing every problem. */
export function loadHaloConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { demo?: boolean } = {},
): HaloConfig {
  const clean = cleaned(env);
  const problems: string[] = [];
  const demo = options.demo ?? false;
  const halo = collect(haloSchema(demo).safeParse(clean), problems);
  if (!halo) fail(problems, clean, demo);
  return toHaloConfig(halo);
}

/** Reads and validates the whole configuration. Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const clean = cleaned(env);
  const problems: string[] = [];
  const app = collect(appSchema.safeParse(clean), problems);
  // Read on its own so that another bad setting does not turn a demo run into "credentials missing".
  const demoFlag = appSchema.shape.HALO_DEMO.safeParse(clean.HALO_DEMO);
  const demo = demoFlag.success && demoFlag.data;
  const oauthMode = app?.HALO_MCP_AUTH === 'oauth';
  const halo = collect(haloSchema(demo, oauthMode).safeParse(clean), problems);
  const server = collect((oauthMode ? oauthServerSchema : serverSchema).safeParse(clean), problems);
  const oauth = oauthMode ? collect(oauthSchema.safeParse(clean), problems) : undefined;
  const state = clean.HALO_REDIS_URL ? collect(stateSchema.safeParse(clean), problems) : undefined;
  if (oauthMode && clean.HALO_MCP_TOKEN) {
    problems.push('HALO_MCP_TOKEN and HALO_MCP_AUTH=oauth exclude each other: choose one way to sign in');
  }
  if (oauthMode && server && oauth && !oauth.HALO_MCP_PUBLIC_URL && !isLoopback(server.HALO_MCP_HOST)) {
    problems.push(
      'HALO_MCP_PUBLIC_URL (the https address clients reach) is required in OAuth mode off loopback',
    );
  }
  if (oauthMode && server?.HALO_MCP_PORT === 0 && oauth && !oauth.HALO_MCP_PUBLIC_URL) {
    problems.push(
      'HALO_MCP_PORT=0 (any free port) needs HALO_MCP_PUBLIC_URL in OAuth mode: tokens name the address',
    );
  }
  if (!app || !halo || !server || (oauthMode && !oauth) || problems.length > 0) fail(problems, clean, demo);
  if (clean.HALO_REDIS_URL && !state) fail(problems, clean, demo);
  return {
    halo: toHaloConfig(halo),
    server: {
      host: server.HALO_MCP_HOST,
      port: server.HALO_MCP_PORT,
      ...(server.HALO_MCP_TOKEN ? { accessToken: server.HALO_MCP_TOKEN } : {}),
      allowedOrigins: server.HALO_MCP_ALLOWED_ORIGINS,
      ...(oauth ? { oauth: toOAuthConfig(oauth, server.HALO_MCP_HOST, server.HALO_MCP_PORT) } : {}),
      allowGetQueries: server.HALO_MCP_GRAPHQL_GET,
      drainMs: server.HALO_MCP_DRAIN_MS,
      maxConnections: server.HALO_MCP_MAX_CONNECTIONS,
    },
    ...(state
      ? {
          state: {
            redisUrl: state.HALO_REDIS_URL,
            prefix: state.HALO_REDIS_PREFIX,
            expectedReplicas: state.HALO_EXPECTED_REPLICAS,
            tokenKey: state.HALO_MCP_TOKEN_KEY,
            previousTokenKeys: state.HALO_MCP_TOKEN_KEY_PREVIOUS,
          },
        }
      : {}),
    upstreamBudget: {
      perCall: app.HALO_MAX_REQUESTS_PER_CALL,
      portfolio: app.HALO_MAX_REQUESTS_PORTFOLIO,
    },
    transport: app.HALO_MCP_TRANSPORT,
    demo: app.HALO_DEMO,
    logLevel: app.HALO_LOG_LEVEL,
  };
}
