import { serveStdio as serveMcpStdio } from '@modelcontextprotocol/server/stdio';
import type { App } from './app.js';

/**
 * Serves one MCP connection on stdin/stdout, in whichever era the client opens with: a 2026-07-28
 * `server/discover` (or any enveloped request) or a 2025 `initialize`. stdout carries the protocol
 * only; logs go to stderr.
 * `close` stops reading stdin, then closes the connection.
 */
export async function serveStdio(
  app: Pick<App, 'createMcpServer' | 'logger'>,
  // Draining the calls in flight (edge, SDK v1) is not carried over to the SDK v2 stdio serve yet.
  _options: { drainMs?: number | undefined } = {},
): Promise<{ close(): Promise<void> }> {
  const handle = serveMcpStdio(() => app.createMcpServer(), {
    onerror: (error) => app.logger.warn('stdio protocol error', { error }),
  });
  app.logger.info('serving MCP on stdio');
  return {
    async close() {
      process.stdin.pause();
      await handle.close();
    },
  };
}
