import { StdioServerTransport, serveStdio as serveMcpStdio } from '@modelcontextprotocol/server/stdio';
import type { App } from './app.js';
import { DEFAULT_DRAIN_MS, type MessageTransport, trackPendingRequests } from './shutdown.js';

/**
 * Serves one MCP connection on stdin/stdout, in whichever era the client opens with: a 2026-07-28
 * `server/discover` (or any enveloped request) or a 2025 `initialize`. stdout carries the protocol
 * only; logs go to stderr. `close` stops reading stdin and lets the calls already received finish
 * (at most `drainMs`).
 */
export async function serveStdio(
  app: Pick<App, 'createMcpServer' | 'logger'>,
  options: { drainMs?: number | undefined } = {},
): Promise<{ close(): Promise<void> }> {
  const transport = new StdioServerTransport();
  const handle = serveMcpStdio(() => app.createMcpServer(), {
    transport,
    onerror: (error) => app.logger.warn('stdio protocol error', { error }),
  });
  // The entry has set the transport's message handler by now: count what it receives and answers.
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
      await handle.close();
    },
  };
}
