import type { McpServer } from '@modelcontextprotocol/server';
import type { OAuthOptions, OAuthRuntime } from '../auth/index.js';
import type { AppConfig, HaloConfig } from '../config.js';
import { createRevenueGuard } from '../doctor/revenue-guard.js';
import { createReferenceCache } from '../graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../graphql/yoga.js';
import type { CallScope } from '../halo/call-scope.js';
import { createHaloClient, type HaloClient } from '../halo/index.js';
import { createLogger, type Logger } from '../log.js';
import { createMcpServer, loadTools } from '../mcp/server.js';
import { memoryState, type SharedState } from '../state/types.js';
import { VERSION } from './version.js';

/** Where the Halo API is: the configured instance, or a simulator started for `--demo`. */
export interface HaloTarget {
  halo: HaloConfig;
  /** "Today" for date defaults; a demo dataset is anchored on its own day. */
  today?: () => string;
  /** Query pre-filled in GraphiQL. */
  defaultQuery?: string;
  /** Stops whatever the source started. */
  stop?: () => Promise<void>;
}

export type HaloSource = (config: AppConfig, logger: Logger) => Promise<HaloTarget>;

/**
 * The default source: the Halo instance from the configuration, or with `--demo` / HALO_DEMO the
 * bundled simulator started in-process (loaded only then: a desktop client pays every import).
 */
export const configuredHalo: HaloSource = async (config, logger) => {
  if (!config.demo) return { halo: config.halo };
  const { startDemoHalo } = await import('./demo.js');
  return startDemoHalo(config, logger);
};

export interface App {
  config: AppConfig;
  logger: Logger;
  version: string;
  halo: HaloClient;
  yoga: HaloYoga;
  /** What replicas share (Redis) or the in-process default; its health is part of `/health`. */
  state: SharedState;
  /**
   * A new MCP server over the shared yoga and tools (one per stdio session or HTTP request);
   * `scope` is the caller's (a signed-in agent in OAuth mode).
   */
  createMcpServer(scope?: CallScope): McpServer;
  /** OAuth mode (HALO_MCP_AUTH=oauth over HTTP): the authorization server and bearer check. */
  oauth?: OAuthRuntime;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  source?: HaloSource;
  /** OAuth mode overrides (store, fetch, clock), for tests. */
  oauth?: Partial<Omit<OAuthOptions, 'logger'>>;
}

/**
 * Wires configuration → Halo REST client → reference cache → GraphQL (yoga) → MCP tools. Loading
 * the tools validates every operation file, so a broken one stops the start here.
 */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  // In demo mode the configured secret is a placeholder ("demo") that must not be scrubbed from logs.
  const configuredSecret = config.demo ? undefined : config.halo.clientSecret;
  const logger =
    options.logger ??
    createLogger({ level: config.logLevel, secrets: [configuredSecret, config.server.accessToken] });
  const tools = loadTools();
  const target = await (options.source ?? configuredHalo)(config, logger);
  logger.addSecret(target.halo.clientSecret);
  // Loaded only with HALO_REDIS_URL: the embedded default never imports the Redis client.
  const state = config.state
    ? (await import('../state/redis-state.js')).openRedisState(config.state, target.halo, logger)
    : memoryState();
  const halo = createHaloClient(target.halo, {
    logger,
    ...(state.budget ? { budgetStore: state.budget } : {}),
    ...(state.tokens ? { sharedTokens: state.tokens } : {}),
    ...(state.flight ? { crossFlight: state.flight } : {}),
  });
  const reference = createReferenceCache(halo, target.halo.referenceTtlMs, Date.now, state.reference);
  const yoga = createHaloYoga({
    halo,
    reference,
    logger,
    timeZone: target.halo.timeZone,
    ...(config.upstreamBudget ? { upstreamBudget: config.upstreamBudget } : {}),
    ...(target.today ? { today: target.today } : {}),
    ...(target.defaultQuery ? { defaultQuery: target.defaultQuery } : {}),
    // The bundled demo simulator serves real Halo shapes; a real tenant is checked on first use.
    ...(config.demo ? {} : { revenueWarnings: createRevenueGuard() }),
  });
  const clientDirectory = () => reference.get('clients');
  // Loaded only in OAuth mode: it opens the local token store (node:sqlite).
  const oauth =
    config.server.oauth && config.transport === 'http'
      ? (await import('../auth/index.js')).startOAuth(config.server.oauth, target.halo, {
          logger,
          ...(state.authStore ? { store: state.authStore(options.oauth?.now) } : {}),
          ...(state.locks ? { locks: state.locks } : {}),
          ...options.oauth,
        })
      : undefined;
  return {
    config,
    logger,
    version: VERSION,
    halo,
    yoga,
    state,
    createMcpServer: (scope) =>
      createMcpServer({
        yoga,
        tools,
        logger,
        version: VERSION,
        clientDirectory,
        ...(scope ? { scope } : {}),
      }),
    ...(oauth ? { oauth } : {}),
    async close() {
      halo.close();
      await oauth?.close();
      await state.close();
      await target.stop?.();
    },
  };
}
