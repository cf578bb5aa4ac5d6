import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SERVER_NAME, demoBanner, shellQuote } from '../../src/server/demo.js';
import { assertBuilt, BUILT_CLI, type CliProcess, run, startCli } from './processes.js';

// `npm run demo` is `node dist/server/cli.js --demo --http` after a build: these drive that command
// and then connect real MCP clients exactly as the printed snippets say.

interface DesktopConfig {
  mcpServers: Record<string, { command: string; args: string[] }>;
}

let demo: CliProcess;
let banner: string;
beforeAll(async () => {
  assertBuilt();
  demo = startCli(['--demo', '--http'], { HALO_MCP_PORT: '0' });
  await demo.waitFor('stdout', /Press Ctrl-C to stop\./);
  banner = demo.stdout();
});
afterAll(() => demo?.stop());

function printed(label: string): string {
  const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(banner);
  if (!match?.[1]) throw new Error(`"${label}" is not in the banner:\n${banner}`);
  return match[1];
}

function desktopSnippet(): DesktopConfig {
  const start = banner.indexOf('{\n');
  const end = banner.indexOf('\n}\n', start);
  return JSON.parse(banner.slice(start, end + 2));
}

async function listAndCall(client: Client): Promise<{ tools: string[]; clients: number }> {
  const { tools } = await client.listTools();
  const result = await client.callTool({ name: 'list_clients', arguments: { page_size: 5 } });
  expect(result.isError).toBeFalsy();
  const page = (result.structuredContent as { clients: { totalCount: number; items: unknown[] } }).clients;
  expect(page.items).toHaveLength(5);
  return { tools: tools.map((t) => t.name), clients: page.totalCount };
}

describe('the demo command (--demo --http)', () => {
  it('prints the GraphiQL, MCP and health URLs on loopback and serves them', async () => {
    const graphiql = printed('GraphiQL \\(example query pre-filled\\):');
    expect(graphiql).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(printed('MCP \\(Streamable HTTP\\):')).toBe(graphiql.replace(/graphql$/, 'mcp'));
    const page = await fetch(graphiql, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('query OpenWork');
    const health = await fetch(printed('Health:'));
    expect(await health.json()).toMatchObject({ status: 'ok' });
    // The demo is said out loud, never silent.
    expect(demo.stderr()).toContain('demo mode: generated data from the bundled Halo simulator');
  });

  it('answers MCP over HTTP at the printed URL', async () => {
    const client = new Client({ name: 'demo-http-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(printed('MCP \\(Streamable HTTP\\):'))));
    try {
      const { tools, clients } = await listAndCall(client);
      expect(tools).toContain('revenue_breakdown');
      expect(clients).toBeGreaterThan(5);
    } finally {
      await client.close();
    }
  });

  it('prints a Claude Desktop snippet that starts the built CLI with --demo, which a real client can use', async () => {
    const config = desktopSnippet();
    const server = config.mcpServers[DEMO_SERVER_NAME];
    expect(server).toEqual({ command: process.execPath, args: [BUILT_CLI, '--demo'] });
    // Started as Claude Desktop does: that command, those args, no environment of ours.
    const transport = new StdioClientTransport({
      command: server!.command,
      args: server!.args,
      stderr: 'pipe',
    });
    const client = new Client({ name: 'demo-stdio-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools, clients } = await listAndCall(client);
      expect(tools).toHaveLength(19);
      expect(clients).toBeGreaterThan(5);
    } finally {
      await client.close();
    }
  });

  it('prints the matching claude mcp add command', () => {
    const command = [process.execPath, BUILT_CLI, '--demo'].map(shellQuote).join(' ');
    expect(banner).toContain(`claude mcp add ${DEMO_SERVER_NAME} -- ${command}`);
  });
});

describe('without the demo', () => {
  it('stops when Halo credentials are missing, naming them and pointing at the demo', async () => {
    const { code, stdout, stderr } = await run(process.execPath, [BUILT_CLI, '--http'], {
      env: { PATH: process.env.PATH ?? '', HALO_INSTANCE_URL: 'https://acme.halopsa.com' },
      timeoutMs: 10_000,
    });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('Halo credentials are missing: HALO_CLIENT_ID, HALO_CLIENT_SECRET.');
    expect(stderr).toContain('halo-psa-mcp --demo (from a clone: npm run demo)');
  });

  it('does not print the missing-credentials hint for other configuration problems', async () => {
    const { code, stderr } = await run(process.execPath, [BUILT_CLI], {
      env: { PATH: process.env.PATH ?? '', HALO_DEMO: '1', HALO_MCP_TRANSPORT: 'websocket' },
      timeoutMs: 10_000,
    });
    expect(code).toBe(1);
    expect(stderr).toBe(
      'Invalid configuration:\n  - HALO_MCP_TRANSPORT must be stdio or http, got "websocket"\n',
    );
  });
});

describe('the demo banner', () => {
  it('quotes paths with spaces in the shell command and keeps them whole in the JSON', () => {
    const text = demoBanner({
      url: 'http://127.0.0.1:8787',
      nodePath: '/opt/node 20/bin/node',
      cliPath: "/home/o'neil/halo psa/dist/server/cli.js",
    });
    expect(text).toContain(
      `claude mcp add ${DEMO_SERVER_NAME} -- '/opt/node 20/bin/node' '/home/o'\\''neil/halo psa/dist/server/cli.js' --demo`,
    );
    expect(text).toContain('"/home/o\'neil/halo psa/dist/server/cli.js"');
    expect(shellQuote('/usr/bin/node')).toBe('/usr/bin/node');
  });

  it('says that the demo is paced like a generous Halo, not like a real tenant', () => {
    expect(demoBanner({ url: 'http://127.0.0.1:8787' })).toContain(
      'The simulator limits like a generous Halo plan (700 requests per 5 minutes); the demo paces itself at 650.',
    );
  });

  it('leaves out the tokenless HTTP command when the server needs a bearer token', () => {
    const open = demoBanner({ url: 'http://127.0.0.1:8787' });
    const guarded = demoBanner({ url: 'http://127.0.0.1:8787', tokenRequired: true });
    expect(open).toContain('claude mcp add --transport http');
    expect(guarded).not.toContain('claude mcp add --transport http');
  });
});
