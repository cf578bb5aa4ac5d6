// A real MCP client for the shipping checks: connects, lists the tools, calls list_clients, reads
// the MCP Apps views, and fails (exit 1) unless real data comes back.
//   node .ci/mcp-smoke.mjs http http://127.0.0.1:PORT/mcp
//   node .ci/mcp-smoke.mjs stdio DIR COMMAND [ARG...]     (COMMAND started in DIR)
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const EXPECTED_TOOLS = ['list_clients', 'get_ticket', 'revenue_breakdown'];

function transportFor([mode, target, ...command]) {
  if (mode === 'http' && target) return new StreamableHTTPClientTransport(new URL(target));
  if (mode === 'stdio' && target && command.length > 0) {
    return new StdioClientTransport({
      command: command[0],
      args: command.slice(1),
      cwd: target,
      // Only what a desktop client would pass: the default environment, nothing from this shell.
      env: getDefaultEnvironment(),
      stderr: 'pipe',
    });
  }
  throw new Error('usage: mcp-smoke.mjs http URL | mcp-smoke.mjs stdio DIR COMMAND [ARG...]');
}

async function main(args) {
  const transport = transportFor(args);
  let stderr = '';
  transport.stderr?.on('data', (chunk) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'halo-psa-mcp-smoke', version: '1.0.0' });
  try {
    await client.connect(transport);
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    const absent = EXPECTED_TOOLS.filter((name) => !names.includes(name));
    if (absent.length > 0) throw new Error(`tools missing: ${absent.join(', ')} (got ${names.join(', ')})`);
    const result = await client.callTool({ name: 'list_clients', arguments: { page_size: 3 } });
    const page = result.structuredContent?.clients;
    if (result.isError || !page || page.totalCount < 1 || page.items.length < 1) {
      throw new Error(`list_clients gave no clients: ${JSON.stringify(result).slice(0, 500)}`);
    }
    // The views ship as built files beside the bin: a layout that lost them serves no ui:// page.
    const { resources } = await client.listResources();
    const views = resources.filter((r) => r.uri.startsWith('ui://'));
    for (const view of views) {
      const { contents } = await client.readResource({ uri: view.uri });
      if (!contents[0]?.text?.includes('<html')) throw new Error(`view ${view.uri} has no page`);
    }
    if (views.length < 1) throw new Error('no ui:// views listed');
    const server = client.getServerVersion();
    process.stdout.write(
      `mcp-smoke ${args[0]}: ${server?.name} ${server?.version}, ${tools.length} tools, ${views.length} views, list_clients: ${page.totalCount} clients (first: ${page.items[0].name})\n`,
    );
  } catch (error) {
    process.stderr.write(`mcp-smoke ${args[0]} FAILED: ${error instanceof Error ? error.message : error}\n`);
    if (stderr) process.stderr.write(`server stderr:\n${stderr}\n`);
    process.exitCode = 1;
  } finally {
    await client.close();
  }
}

await main(process.argv.slice(2));
