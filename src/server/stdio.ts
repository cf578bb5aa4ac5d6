import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { App } from './app.js';
import { DEFAULT_DRAIN_MS, type MessageTransport, trackPendingRequests } from './shutdown.js';

/**
 * Serves one MCP session on stdin/stdout. stdout carries the protocol only; logs go to stderr.
 * `close` stops reading stdin and lets the calls already received finish (at most `drainMs`).
 */
export async function serveStdio(
  app: Pick<App, 'createMcpServer' | 'logger'>,
  options: { drainMs?: number | undefined } = {},
): Promise<{ close(): Promise<void> }> {
  const server = app.createMcpServer();
  const transport = new StdioServerTransport();
  await server.connect(transport);
  const requests = trackPendingRequests(transport as unknown as MessageTransport);
  app.logger.info('serving MCP on stdio');
  return {
    async close() {
      process.stdin.pause();
      const drainMs = options.drainMs ?? DEFAULT_DRAIN_MS;
      if (requests.pending() > 0) {
        app.logger.info('finishing the calls in flight before closing', { pending: requests.pending() });
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([requests.idle(), new Promise((done) => (timer = setTimeout(done, drainMs)))]);
        clearTimeout(timer);
      }
      await server.close();
    },
  };
}
