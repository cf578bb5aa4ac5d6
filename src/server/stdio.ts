import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { App } from './app.js';

/** Serves one MCP session on stdin/stdout. stdout carries the protocol only; logs go to stderr. */
export async function serveStdio(
  app: Pick<App, 'createMcpServer' | 'logger'>,
): Promise<{ close(): Promise<void> }> {
  const server = app.createMcpServer();
  const transport = new StdioServerTransport();
  await server.connect(transport);
  app.logger.info('serving MCP on stdio');
  return { close: () => server.close() };
}
