import { GraphQLError } from 'graphql';
import { HaloApiError } from '../halo/errors.js';

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'HALO_NOT_FOUND'
  | 'HALO_FORBIDDEN'
  | 'HALO_RATE_LIMITED'
  | 'HALO_UNAVAILABLE'
  | 'HALO_BAD_REQUEST';

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode } });
}

export function notFound(entity: string, id: number | string): GraphQLError {
  return new GraphQLError(`No ${entity} with id ${id} exists in Halo (or the API agent cannot see it).`, {
    extensions: { code: 'HALO_NOT_FOUND' satisfies ErrorCode, entity, id },
  });
}

/** Maps an upstream failure to a coded GraphQL error with a short, actionable, secret-free message. */
export function fromHaloError(error: HaloApiError): GraphQLError {
  const code = codeFor(error);
  const extensions: Record<string, unknown> = { code, status: error.status, endpoint: error.endpoint };
  if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  // A wrong URL is not a passing fault: callers should not be told to try again.
  if (error.setting !== undefined) extensions.setting = error.setting;
  return new GraphQLError(error.message, { extensions });
}

function codeFor(error: HaloApiError): ErrorCode {
  switch (error.code) {
    case 'HALO_NOT_FOUND':
      return 'HALO_NOT_FOUND';
    case 'HALO_UNAUTHORIZED':
    case 'HALO_FORBIDDEN':
      return 'HALO_FORBIDDEN';
    case 'HALO_RATE_LIMITED':
      return 'HALO_RATE_LIMITED';
    case 'HALO_BAD_REQUEST':
      return 'HALO_BAD_REQUEST';
    default:
      return 'HALO_UNAVAILABLE';
  }
}

/**
 * Yoga's error masking hook: coded GraphQLErrors pass through, Halo failures become coded errors,
 * anything else becomes "Unexpected error." and leaks nothing.
 */
export function maskError(error: unknown, onUnexpected?: (error: unknown) => void): Error {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (original instanceof HaloApiError) {
    const mapped = fromHaloError(original);
    if (error instanceof GraphQLError) {
      return new GraphQLError(mapped.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: mapped.extensions,
      });
    }
    return mapped;
  }
  if (original instanceof GraphQLError && typeof original.extensions?.code === 'string') {
    if (error instanceof GraphQLError && error !== original) {
      return new GraphQLError(original.message, {
        nodes: error.nodes,
        path: error.path,
        extensions: original.extensions,
      });
    }
    return original;
  }
  if (error instanceof GraphQLError && !error.originalError) return error;
  // graphql-js wraps a variable that fails coercion around the scalar's own error, before any
  // field runs (no path): the message names the variable and the caller's own value.
  if (error instanceof GraphQLError && error.path === undefined && original instanceof GraphQLError) {
    return new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } });
  }
  const path = error instanceof GraphQLError ? error.path : undefined;
  // The caller sees nothing of it, so it must reach the operator's log (stderr, redacted).
  onUnexpected?.(original);
  return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
