import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { HaloReader, ScopedHaloReader } from '../halo/resources.js';
import type { Logger } from '../log.js';
import { createContextFactory, type GraphQLContext, type ServerContext } from './context.js';
import { maskError } from './errors.js';
import { DEFAULT_LIMITS, type OperationLimits, operationLimitsRule, parseWithinLimits } from './limits.js';
import type { ReferenceCache } from './reference-cache.js';
import { schema } from './schema/index.js';
import {
  budgetRefusal,
  DEFAULT_UPSTREAM_BUDGET,
  estimateUpstreamRequests,
  type UpstreamBudget,
} from './upstream-cost.js';

export interface YogaOptions {
  halo: HaloReader | ScopedHaloReader;
  reference: ReferenceCache;
  today?: () => string;
  /** IANA zone of the tenant's calendar (HALO_TIMEZONE); default UTC. */
  timeZone?: string;
  limits?: OperationLimits;
  /** Most estimated Halo requests per call; an operation over it is refused before any request. */
  upstreamBudget?: UpstreamBudget;
  /** Query pre-filled in GraphiQL. */
  defaultQuery?: string;
  /** Warnings for revenue answers when Halo differs from what the figures assume. */
  revenueWarnings?: (halo: HaloReader) => Promise<string[]>;
  /** Where unexpected (masked) errors are reported; they never reach the caller. */
  logger?: Pick<Logger, 'error'>;
}

export type HaloYoga = YogaServerInstance<ServerContext, GraphQLContext>;

/** Builds the GraphQL server without listening: HTTP, MCP and tests all run operations through it. */
export function createHaloYoga(options: YogaOptions): HaloYoga {
  const context = createContextFactory(options);
  const limits = options.limits ?? DEFAULT_LIMITS;
  return createYoga<ServerContext, GraphQLContext>({
    schema,
    context: ({ scope }) => context(scope),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // Self-contained GraphiQL: yoga's default page loads scripts from a CDN and is blank offline.
    // Imported on first use: it is most of the code, and a stdio server never serves it.
    renderGraphiQL: async (graphiql) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(graphiql),
    graphiql: { title: 'Halo PSA (read-only)', defaultQuery: options.defaultQuery },
    maskedErrors: {
      maskError: (error) => maskError(error, (cause) => reportUnexpected(options.logger, cause)),
    },
    // CORS is decided by the HTTP layer (src/server/http.ts) for every endpoint alike.
    cors: false,
    logging: false,
    plugins: [
      // A browser sends a simple request cross-site without a preflight: refuse those outright.
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      limitsPlugin(limits),
      upstreamBudgetPlugin(options.upstreamBudget ?? DEFAULT_UPSTREAM_BUDGET),
    ],
  });
}

function limitsPlugin(limits: OperationLimits): Plugin<GraphQLContext> {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseWithinLimits(source, options, limits));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(operationLimitsRule(limits));
    },
  };
}

/** The header a non-browser client may send instead of a JSON content type (e.g. on a GET). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

function upstreamBudgetPlugin(budget: UpstreamBudget): Plugin<GraphQLContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const estimate = estimateUpstreamRequests(
        args.schema,
        args.document,
        (args.variableValues ?? {}) as Record<string, unknown>,
        args.operationName,
      );
      const refusal = budgetRefusal(estimate, budget);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
  };
}

function reportUnexpected(logger: Pick<Logger, 'error'> | undefined, cause: unknown): void {
  const detail =
    cause instanceof Error
      ? { name: cause.name, message: cause.message, stack: cause.stack }
      : { cause: String(cause) };
  logger?.error('unexpected error while resolving a GraphQL operation', detail);
}
