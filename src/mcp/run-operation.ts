import type { HaloYoga } from '../graphql/yoga.js';
import type { CallScope } from '../halo/call-scope.js';

export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: Record<string, unknown>;
}

export interface OperationResponse {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorShape[];
}

/**
 * Runs an operation in-process through the same yoga instance that serves `/graphql` (same
 * validation, limits, error masking and per-request loaders); nothing goes over the network.
 * Arguments left undefined are dropped by the JSON encoding, so the operation's defaults apply.
 */
export async function runOperation(
  yoga: HaloYoga,
  query: string,
  variables: Record<string, unknown>,
  operationName?: string,
  scope?: CallScope,
): Promise<OperationResponse> {
  const response = await yoga.fetch(
    'http://localhost/graphql',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables, operationName }),
    },
    { scope },
  );
  return (await response.json()) as OperationResponse;
}
