import { createHash } from 'node:crypto';
import type { CallScope } from '../halo/call-scope.js';
import type { Logger } from '../log.js';

// One line per tool call on stderr, for the operator: when, which Halo agent, which tool, a hash
// of the arguments (equal arguments hash equal, the values stay out of the log), how many Halo
// requests it made, and how it ended. Never argument values or tokens.

export type AuditOutcome = 'ok' | 'input_error' | 'halo_error' | 'stopped' | 'error';

export interface AuditedCall {
  /** The caller's scope, extended to count upstream requests. */
  scope: CallScope;
  finish(outcome: AuditOutcome): void;
}

/** Stable JSON (sorted keys), hashed: the same arguments always give the same hash. */
export function argumentsHash(args: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(args)))
    .digest('hex')
    .slice(0, 16);
}

export function auditCall(logger: Logger, tool: string, args: unknown, base: CallScope = {}): AuditedCall {
  const started = Date.now();
  let upstream = 0;
  const scope: CallScope = {
    ...base,
    onUpstream: (event) => {
      if (event.kind === 'read') upstream++;
      base.onUpstream?.(event);
    },
  };
  return {
    scope,
    finish(outcome) {
      logger.info('audit', {
        agent: base.agent?.id ?? 'api-application',
        tool,
        args: argumentsHash(args),
        upstream,
        outcome,
        ms: Date.now() - started,
      });
    },
  };
}
