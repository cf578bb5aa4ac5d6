import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { GraphQLErrorShape } from './run-operation.js';

/** A bad argument found before running the operation; its message is shown to the model as-is. */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}

/** The operation answered with errors and no data. */
export class OperationFailed extends Error {
  override readonly name = 'OperationFailed';
  constructor(readonly errors: GraphQLErrorShape[]) {
    super(errors[0]?.message ?? 'The operation failed.');
  }
}

export const UNEXPECTED = 'Unexpected error in the server. Try again; if it persists, report it.';

export function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}

/** Halo's API scopes by resource path, for the hint on a permission failure (docs/halo-api.md §1.3). */
const SCOPES: Record<string, string> = {
  tickets: 'read:tickets',
  projects: 'read:projects',
  actions: 'read:tickets',
  client: 'read:customers',
  site: 'read:customers',
  users: 'read:customers',
  clientcontract: 'read:contracts',
  invoice: 'read:invoices',
  recurringinvoice: 'read:invoices',
  asset: 'read:assets',
  report: 'read:reporting',
};

/**
 * One short, actionable sentence per failure. Messages come from coded (masked) GraphQL errors, so
 * they hold no secrets; unexpected errors are already reduced to "Unexpected error." by yoga.
 */
export function describeErrors(errors: GraphQLErrorShape[], context: ErrorContext): string {
  const lines = [...new Set(errors.map((e) => describeError(e, context)))];
  return lines.length > 0 ? lines.join('\n') : 'The operation failed without a message.';
}

export interface ErrorContext {
  /** Every registered tool, for hints such as "use list_tickets to find valid ids". */
  toolNames: ReadonlySet<string>;
  /** The tool's arguments (snake_case), so messages name them as the caller knows them. */
  argumentNames: readonly string[];
}

function describeError(error: GraphQLErrorShape, { toolNames, argumentNames }: ErrorContext): string {
  const ext = error.extensions ?? {};
  switch (ext.code) {
    case 'BAD_USER_INPUT':
      return inArgumentNames(error.message, argumentNames);
    case 'HALO_NOT_FOUND': {
      const listTool = typeof ext.entity === 'string' ? `list_${ext.entity.replace(/\W+/g, '_')}s` : '';
      return toolNames.has(listTool) ? `${error.message} Use ${listTool} to find valid ids.` : error.message;
    }
    case 'HALO_FORBIDDEN': {
      const scope = scopeFor(ext.endpoint);
      return scope ? `${error.message} The API application may lack the ${scope} scope.` : error.message;
    }
    case 'HALO_RATE_LIMITED': {
      const wait = typeof ext.retryAfterSeconds === 'number' ? ext.retryAfterSeconds : 60;
      // Status 0: this server's own pacing refused the call; Halo was never asked.
      if (ext.status === 0) return `${error.message} Call again in ${wait} seconds, or ask for less.`;
      return `Halo answered 429: its rate limit is reached; wait ${wait} seconds before calling again.`;
    }
    case 'HALO_UNAVAILABLE':
      if (typeof ext.setting === 'string')
        return `${error.message} (Run halo-psa-mcp doctor to check the setup.)`;
      return `Halo is not answering right now; try again in a minute. (${error.message})`;
    case 'INTERNAL_SERVER_ERROR':
      return UNEXPECTED;
    default:
      return error.message;
  }
}

/** The facade names arguments in camelCase (`ticketId`); the tool's caller knows them as `ticket_id`. */
function inArgumentNames(message: string, argumentNames: readonly string[]): string {
  let out = message;
  for (const name of argumentNames) {
    const camel = name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
    if (camel !== name) out = out.replace(new RegExp(`\\b${camel}\\b`, 'g'), name);
  }
  return out;
}

function scopeFor(endpoint: unknown): string | undefined {
  if (typeof endpoint !== 'string') return undefined;
  const resource = /\/api\/([A-Za-z]+)/.exec(endpoint)?.[1]?.toLowerCase();
  return resource ? SCOPES[resource] : undefined;
}
