import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppConfig, HaloConfig } from '../config.js';
import { createRevenueGuard } from '../doctor/revenue-guard.js';
import { createReferenceCache } from '../graphql/reference-cache.js';
import { createHaloYoga, type HaloYoga } from '../graphql/yoga.js';
import { createHaloClient, type HaloClient } from '../halo/index.js';
import { createLogger, type Logger } from '../log.js';
import { createMcpServer, loadTools } from '../mcp/server.js';
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
  /** A new MCP server over the shared yoga and tools (one per stdio session or HTTP request). */
  createMcpServer(): McpServer;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  source?: HaloSource;
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
  const halo = createHaloClient(target.halo, { logger });
  const reference = createReferenceCache(halo, target.halo.referenceTtlMs);
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
  return {
    config,
    logger,
    version: VERSION,
    halo,
    yoga,
    createMcpServer: () => createMcpServer({ yoga, tools, logger, version: VERSION }),
    async close() {
      halo.close();
      await target.stop?.();
    },
  };
}
