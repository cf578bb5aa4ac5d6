import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';

/** Largest MCP or GraphQL request body accepted; a tool call is a few hundred bytes. */
export const MAX_BODY_BYTES = 1_000_000;
export const DEFAULT_MAX_CONNECTIONS = 256;

/**
 * Node's HTTP timeouts, set explicitly rather than inherited: a client gets 15 s to send its
 * headers and 30 s for the whole request (a slow sender cannot hold a connection), and an idle
 * kept-alive connection is closed after 5 s. The expiry check runs every second, not every 30.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 15_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  connectionsCheckingInterval: 1_000,
} as const satisfies ServerOptions;

/** Options for `http.createServer`: the timeouts above and a bound on header size. */
export function boundedServerOptions(): ServerOptions {
  return { ...SERVER_TIMEOUTS, maxHeaderSize: 16 * 1024 };
}

/**
 * The body as text, or undefined as soon as it passes `limit` bytes (declared or streamed): reading
 * stops there and the rest is never read. Answer with `refuseOversizedBody`.
 */
export function readBoundedBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | undefined> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Answers 413 and closes the connection once the answer is out, so the unread rest is dropped. */
export function refuseOversizedBody(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  res.once('finish', () => req.destroy());
  res.writeHead(413, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify(body));
}
