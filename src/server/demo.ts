import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '../config.js';
import type { Logger } from '../log.js';
import { generateDataset } from '../simulator/generate/index.js';
import { startSimulator } from '../simulator/index.js';
import type { HaloTarget } from './app.js';

/** Name under which the printed snippets register the demo in Claude Desktop and Claude Code. */
export const DEMO_SERVER_NAME = 'halo-psa-demo';

/** Pre-filled in GraphiQL: real data on any tenant, and a taste of nesting across Halo resources. */
export const DEMO_GRAPHQL_QUERY = `# Run: the pink button or Ctrl-Enter.
# Every type and field: the book icon.
query OpenWork {
  clients(page: { pageSize: 5 }) {
    totalCount
    items {
      id
      name
      openTicketCount
    }
  }
  tickets(filter: { open: true }, page: { pageSize: 5 }) {
    totalCount
    items {
      id
      summary
      status { name }
      client { name }
      agent { name }
    }
  }
}
`;

export interface DemoOptions {
  /** `YYYY-MM-DD` the generated history ends on; default: the current UTC date. */
  today?: string;
  /** Dataset seed; default: the generator's. */
  seed?: number;
}

/** The demo's simulator limits like a generous Halo plan: 700 per rolling 5 minutes, as reported for hosted Halo in 2026. */
export const DEMO_HALO_LIMIT = { requests: 700, windowMs: 300_000 } as const;

/**
 * The demo paces itself under the simulator's limit with the same margin as the default under a
 * 300-request Halo, and its pacing messages say that the limit is the demo's.
 */
export const DEMO_PACING = {
  requests: 650,
  windowMs: DEMO_HALO_LIMIT.windowMs,
  name: "the limit of the demo's simulated Halo, 700 per 5 minutes like a generous Halo plan",
} as const;

/**
 * Starts the bundled Halo simulator with the `demo` dataset on a free loopback port and points the
 * app at it. The connection settings and the pacing change; retries and timeouts stay as configured.
 */
export async function startDemoHalo(
  config: AppConfig,
  logger: Logger,
  options: DemoOptions = {},
): Promise<HaloTarget> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const dataset = generateDataset({
    size: 'demo',
    today,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const sim = await startSimulator({ dataset, port: 0, rateLimit: { ...DEMO_HALO_LIMIT } });
  logger.info('demo mode: generated data from the bundled Halo simulator, not a real Halo instance', {
    simulator: sim.url,
    clients: dataset.clients.length,
    tickets: dataset.tickets.length,
    invoices: dataset.invoices.length,
  });
  const { tenant: _ignored, ...halo } = config.halo;
  return {
    halo: {
      ...halo,
      instanceUrl: sim.url,
      authUrl: sim.authUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      rateLimit: { ...DEMO_PACING },
    },
    today: () => today,
    defaultQuery: DEMO_GRAPHQL_QUERY,
    stop: () => sim.stop(),
  };
}

/** The built stdio entry point; the same path from `src/server` (tsx) and `dist/server`. */
export const BUILT_CLI_PATH = fileURLToPath(new URL('../../dist/server/cli.js', import.meta.url));

export interface BannerInput {
  /** Where the HTTP server listens, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** Node executable the snippets start; default the running one. */
  nodePath?: string;
  /** Built CLI the snippets start; default BUILT_CLI_PATH. */
  cliPath?: string;
  /** Whether HTTP requests need a bearer token (the token itself is never printed). */
  tokenRequired?: boolean;
}

/** What `npm run demo` prints on stdout once it serves HTTP: where to look and how to connect. */
export function demoBanner(input: BannerInput): string {
  const node = input.nodePath ?? process.execPath;
  const cli = input.cliPath ?? BUILT_CLI_PATH;
  const desktop = { mcpServers: { [DEMO_SERVER_NAME]: { command: node, args: [cli, '--demo'] } } };
  const lines = [
    '',
    'halo-psa-mcp demo: generated MSP data from the bundled Halo simulator (no Halo instance needed).',
    `The simulator limits like a generous Halo plan (${DEMO_HALO_LIMIT.requests} requests per 5 minutes); the demo paces itself at ${DEMO_PACING.requests}.`,
    '',
    `GraphiQL (example query pre-filled): ${input.url}/graphql`,
    `MCP (Streamable HTTP):               ${input.url}/mcp`,
    `Health:                              ${input.url}/health`,
    '',
    'Connect Claude Desktop to the demo over stdio: add this to claude_desktop_config.json',
    '(Settings > Developer > Edit Config), then restart Claude Desktop:',
    '',
    JSON.stringify(desktop, null, 2),
    '',
    'Connect Claude Code to the demo over stdio:',
    '',
    `  claude mcp add ${DEMO_SERVER_NAME} -- ${[node, cli, '--demo'].map(shellQuote).join(' ')}`,
    '',
    'Each stdio client starts its own demo (the same binary with --demo); this server need not run.',
  ];
  if (input.tokenRequired) {
    lines.push(
      '',
      'HALO_MCP_TOKEN is set: /mcp and /graphql need the header "Authorization: Bearer <token>".',
    );
  } else {
    lines.push(
      '',
      'Or connect Claude Code to this running server over HTTP:',
      '',
      `  claude mcp add --transport http ${DEMO_SERVER_NAME}-http ${input.url}/mcp`,
    );
  }
  if (!existsSync(cli)) lines.push('', `Note: ${cli} does not exist yet: run \`npm run build\` first.`);
  lines.push('', 'Press Ctrl-C to stop.', '');
  return lines.join('\n');
}

/** Quotes a word for POSIX shells when it holds anything beyond safe path characters. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
