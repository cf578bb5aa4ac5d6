// The yardstick for cold start: what a typical small MCP server for a REST API looks like once
// installed from npm. Plain ESM run unbundled from node_modules, the SDK's McpServer over stdio,
// one zod-typed tool that fetches a token and one page of clients. No GraphQL, no cache, no checks.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

const { HALO_INSTANCE_URL, HALO_AUTH_URL, HALO_CLIENT_ID, HALO_CLIENT_SECRET } = process.env;

async function token() {
  const response = await fetch(`${HALO_AUTH_URL}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: HALO_CLIENT_ID ?? '',
      client_secret: HALO_CLIENT_SECRET ?? '',
      scope: 'all',
    }),
  });
  if (!response.ok) throw new Error(`token: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

const server = new McpServer({ name: 'peer-minimal', version: '1.0.0' });
server.registerTool(
  'list_clients',
  { description: 'One page of Halo clients', inputSchema: { page_size: z.number().int().optional() } },
  async ({ page_size }) => {
    const url = `${HALO_INSTANCE_URL}/api/Client?pageinate=true&page_no=1&page_size=${page_size ?? 25}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${await token()}` } });
    if (!response.ok) throw new Error(`clients: HTTP ${response.status}`);
    return { content: [{ type: 'text', text: JSON.stringify(await response.json()) }] };
  },
);
await server.connect(new StdioServerTransport());
