/**
 * What one caller's call (an MCP tool call, a /graphql request) carries down to the Halo client:
 * cancellation, the identity its reads belong to, a deadline, and where upstream progress goes.
 * Every field is optional, so the unscoped reader behaves as before.
 */
export interface CallScope {
  /** Aborted when the caller cancels (MCP `notifications/cancelled`, an HTTP client disconnect). */
  signal?: AbortSignal;
  /** Whose reads these are (a Halo agent, an API application): caches and merged reads never cross it. */
  identity?: string;
  /** Epoch ms by which the whole call must have answered. */
  deadline?: number;
  /** Reports each upstream event of the call, for progress notifications and accounting. */
  onUpstream?: (event: UpstreamEvent) => void;
  /** The signed-in agent's Halo token (OAuth mode): the call reads Halo as that agent, not as the API application. */
  haloToken?: HaloTokenSource;
  /** The signed-in Halo agent, for the audit line and for messages that name the agent. */
  agent?: { id: number; name: string };
}

/** Where a call's Halo bearer token comes from; the API application's token provider has the same shape. */
export interface HaloTokenSource {
  token(): Promise<string>;
  /** Halo refused this token (401): the next `token()` gets a fresh one. */
  invalidate(token: string): void;
}

export type UpstreamEvent =
  /** One GET answered (every attempt that reached Halo counts once). */
  | {
      kind: 'read';
      endpoint: string;
      resource?: string;
      /** Within one list walk (same `walk` id): pages read so far, and the total once page 1 told. */
      pagesRead?: number;
      pagesTotal?: number;
      walk?: number;
    }
  /** The call waits for a slot under the Halo budget. */
  | { kind: 'queued'; endpoint: string; waitMs: number };

/** Throws the scope's abort reason when its call was cancelled. */
export function throwIfCancelled(scope: CallScope | undefined): void {
  scope?.signal?.throwIfAborted();
}
