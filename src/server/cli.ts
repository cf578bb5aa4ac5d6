#!/usr/bin/env node
import module from 'node:module';
import { parseArgs } from 'node:util';
import { type AppConfig, ConfigError, loadConfig } from '../config.js';
import type { App } from './app.js';
import { DEFAULT_DRAIN_MS } from './shutdown.js';
import { VERSION } from './version.js';

const USAGE = `Usage: halo-psa-mcp [--http | --stdio] [--demo] [--host HOST] [--port PORT]
       halo-psa-mcp doctor [--json]   check the Halo settings and Halo's answers first

Read-only MCP server (and GraphQL API) for Halo PSA.
  (default)     MCP over stdio, for desktop clients (also HALO_MCP_TRANSPORT=stdio)
  --http        serve /mcp (Streamable HTTP), /graphql and /health (also HALO_MCP_TRANSPORT=http)
  --host HOST   address HTTP listens on (also HALO_MCP_HOST; default 127.0.0.1)
  --port PORT   port HTTP listens on, 0 for any free one (also HALO_MCP_PORT; default 8787)
  --demo        serve generated demo data from the bundled Halo simulator, started in-process on a
                free loopback port; no Halo instance or credentials needed (also HALO_DEMO=1)
  --version     print the version
  --help        print this help

Subcommands:
  doctor        check the settings, the sign-in and Halo's answers, and say what to fix
                (halo-psa-mcp doctor --help)

Settings come from the environment: HALO_INSTANCE_URL, HALO_CLIENT_ID, HALO_CLIENT_SECRET, ...
(see the README, "Configuration"). A flag wins over its variable.`;

type Invocation = { help: true } | { version: true } | { env: NodeJS.ProcessEnv };

/** Turns the flags into the environment variables they stand for, so the configuration decides alone. */
function invocationOf(argv: string[], env: NodeJS.ProcessEnv): Invocation | string {
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    ({ values } = parseFlags(argv));
  } catch (error) {
    return `${(error as Error).message}\n\n${USAGE}`;
  }
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  if (values.http && values.stdio) return 'Give --http or --stdio, not both.';
  const out = { ...env };
  if (values.http) out.HALO_MCP_TRANSPORT = 'http';
  if (values.stdio) out.HALO_MCP_TRANSPORT = 'stdio';
  if (values.demo) out.HALO_DEMO = '1';
  if (values.host !== undefined) out.HALO_MCP_HOST = values.host;
  if (values.port !== undefined) out.HALO_MCP_PORT = values.port;
  return { env: out };
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      http: { type: 'boolean' },
      stdio: { type: 'boolean' },
      demo: { type: 'boolean' },
      host: { type: 'string' },
      port: { type: 'string' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** A port someone else holds: say which settings move ours. */
function portInUse(error: unknown): string | undefined {
  if (!(error instanceof Error) || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return undefined;
  const { address, port } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const where = port === undefined ? 'The port' : `Port ${port}${address ? ` on ${address}` : ''}`;
  return `${where} is already in use. Choose another with HALO_MCP_PORT or --port (0 takes any free port), or stop what holds it.`;
}

/** Never falls back to the demo: missing credentials stop the start, and the message says where the demo is. */
function startFailure(error: unknown): string {
  if (error instanceof ConfigError) {
    if (error.missing.length === 0) return error.message;
    return [
      error.message,
      `Halo credentials are missing: ${error.missing.join(', ')}. Set them (see the README, "Halo API application"),`,
      'or try the bundled demo, no Halo instance needed: halo-psa-mcp --demo (from a clone: npm run demo).',
    ].join('\n');
  }
  const inUse = portInUse(error);
  if (inUse) return inUse;
  // OperationFileError already lists one problem per line.
  if (error instanceof Error && 'problems' in error) return error.message;
  return `halo-psa-mcp cannot start: ${error instanceof Error ? error.message : String(error)}`;
}

/** Loads only what the chosen transport needs: a desktop client pays the start-up on every launch. */
async function start(config: AppConfig): Promise<{ app: App; close(): Promise<void> }> {
  const { createApp } = await import('./app.js');
  const app = await createApp(config);
  try {
    if (config.transport !== 'http') {
      const { serveStdio } = await import('./stdio.js');
      const session = await serveStdio(app, { drainMs: config.server.drainMs });
      return { app, close: session.close };
    }
    const { createHttpServer, listen } = await import('./http.js');
    const running = await listen(
      createHttpServer(app, config.server),
      config.server.host,
      config.server.port,
    );
    app.logger.info('serving HTTP', { url: running.url, endpoints: ['/mcp', '/graphql', '/health'] });
    if (config.demo) {
      const { demoBanner } = await import('./demo.js');
      process.stdout.write(
        demoBanner({
          url: running.url,
          tokenRequired: Boolean(config.server.accessToken),
          // The file this process runs, so the snippets start the same build (tsc's or the bundle).
          ...(process.argv[1] ? { cliPath: process.argv[1] } : {}),
        }),
      );
    }
    const drainMs = config.server.drainMs ?? DEFAULT_DRAIN_MS;
    const close = async () => {
      app.logger.info('draining: refusing new calls, finishing those in flight', { drainMs });
      const { unfinished } = await running.drain(drainMs);
      if (unfinished > 0) app.logger.warn('drain time over: calls cut off', { unfinished });
    };
    return { app, close };
  } catch (error) {
    await app.close();
    throw error;
  }
}

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv[0] === 'doctor') {
    const { doctorCommand } = await import('../doctor/cli.js');
    const io = {
      stdout: (t: string) => process.stdout.write(t),
      stderr: (t: string) => process.stderr.write(t),
    };
    return doctorCommand(argv.slice(1), env, io, VERSION);
  }
  const invocation = invocationOf(argv, env);
  if (typeof invocation === 'string') {
    process.stderr.write(`${invocation}\n`);
    return 1;
  }
  if ('help' in invocation) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if ('version' in invocation) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const invocationEnv = invocation.env;
  let config: AppConfig;
  let running: { app: App; close(): Promise<void> };
  try {
    config = loadConfig(invocationEnv);
    running = await start(config);
  } catch (error) {
    process.stderr.write(`${startFailure(error)}\n`);
    return 1;
  }
  // A signal and the end of stdin may both arrive: the first starts the one shutdown.
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await running.close();
      await running.app.close();
      process.exit(0);
    })();
    return stopping;
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (config.transport !== 'http') process.stdin.once('end', stop);
  return 0;
}

// V8's compiled code kept on disk (os.tmpdir()/node-compile-cache, or NODE_COMPILE_CACHE): from the
// second launch on, the server's code is not compiled again. Set before the lazy imports load it.
module.enableCompileCache?.();

const exitCode = await main(process.argv.slice(2), process.env);
if (exitCode !== 0 || process.argv[2] === 'doctor') process.exit(exitCode);
