import type { ServerContext } from '@modelcontextprotocol/server';
import type { ProgressState } from './read-progress.js';

/** Sends progress for the request in `ctx`, or undefined when the client sent no progress token. */
export function progressSender(ctx: ServerContext): ((state: ProgressState) => Promise<void>) | undefined {
  const progressToken = ctx.mcpReq._meta?.progressToken;
  if (progressToken === undefined) return undefined;
  return (state) =>
    ctx.mcpReq.notify({ method: 'notifications/progress', params: { progressToken, ...state } });
}
