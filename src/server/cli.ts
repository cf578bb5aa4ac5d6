#!/usr/bin/env node
import { type AppConfig, loadConfig } from '../config.js';
import type { App } from './app.js';
import { VERSION } from './version.js';

const USAGE = `Usage: halo-psa-mcp [--http] [--demo]

Read-only MCP server (and GraphQL API) for Halo PSA.
  (default)   MCP over stdio, for desktop clients
  --http      serve /mcp (Streamable HTTP), /graphql and /health on HALO_MCP_HOST:HALO_MCP_PORT
              (also HALO_MCP_TRANSPORT=http)
  --demo      run against the bundled Halo simulator (also HALO_DEMO=1)
  --version   print the version
Settings come from the environment: HALO_INSTANCE_URL, HALO_CLIENT_ID, HALO_CLIENT_SECRET, ...`;

type Transport = 'stdio' | 'http';

interface Invocation {
  transport: Transport;
  env: NodeJS.ProcessEnv;
}

/** Reads the flags; `--demo` is passed on as HALO_DEMO so the configuration decides what it needs. */
function parseInvocation(argv: string[], env: NodeJS.ProcessEnv): Invocation | string {
  const unknown = argv.filter((a) => !['--http', '--stdio', '--demo'].includes(a));
  if (unknown.length > 0) return `Unknown option ${unknown.join(' ')}.\n\n${USAGE}`;
  const fromEnv = env.HALO_MCP_TRANSPORT?.trim().toLowerCase() || 'stdio';
  if (fromEnv !== 'stdio' && fromEnv !== 'http') {
    return `HALO_MCP_TRANSPORT must be stdio or http, got "${fromEnv}".`;
  }
  const transport: Transport = argv.includes('--http')
    ? 'http'
    : argv.includes('--stdio')
      ? 'stdio'
      : fromEnv;
  return { transport, env: argv.includes('--demo') ? { ...env, HALO_DEMO: '1' } : env };
}

/** Loads only what the chosen transport needs: a desktop client pays the start-up on every launch. */
async function start(transport: Transport, config: AppConfig): Promise<{ app: App; close(): Promise<void> }> {
  const { createApp } = await import('./app.js');
  const app = await createApp(config);
  if (transport === 'stdio') {
    const { serveStdio } = await import('./stdio.js');
    const session = await serveStdio(app);
    return { app, close: session.close };
  }
  const { createHttpServer, listen } = await import('./http.js');
  const running = await listen(createHttpServer(app, config.server), config.server.host, config.server.port);
  app.logger.info('serving HTTP', { url: running.url, endpoints: ['/mcp', '/graphql', '/health'] });
  return { app, close: running.close };
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const invocation = parseInvocation(argv, env);
  if (typeof invocation === 'string') {
    process.stderr.write(`${invocation}\n`);
    return 1;
  }
  let running: { app: App; close(): Promise<void> };
  try {
    running = await start(invocation.transport, loadConfig(invocation.env));
  } catch (error) {
    // ConfigError and OperationFileError already list one problem per line.
    const listed = error instanceof Error && 'problems' in error;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${listed ? message : `halo-psa-mcp cannot start: ${message}`}\n`);
    return 1;
  }
  const stop = async () => {
    await running.close();
    await running.app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (invocation.transport === 'stdio') process.stdin.once('end', stop);
  return 0;
}

const exitCode = await main(process.argv.slice(2), process.env);
if (exitCode !== 0) process.exit(exitCode);
