import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { HaloReader, ScopedHaloReader } from '../halo/resources.js';
import type { Logger } from '../log.js';
import { createContextFactory, type GraphQLContext, type ServerContext } from './context.js';
import { maskError } from './errors.js';
import { DEFAULT_LIMITS, type OperationLimits, operationLimitsRule, parseWithinLimits } from './limits.js';
import type { ReferenceCache } from './reference-cache.js';
import { schema } from './schema/index.js';

export interface YogaOptions {
  halo: HaloReader | ScopedHaloReader;
  reference: ReferenceCache;
  today?: () => string;
  /** IANA zone of the tenant's calendar (HALO_TIMEZONE); default UTC. */
  timeZone?: string;
  limits?: OperationLimits;
  /** Query pre-filled in GraphiQL. */
  defaultQuery?: string;
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
    plugins: [limitsPlugin(limits)],
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

function reportUnexpected(logger: Pick<Logger, 'error'> | undefined, cause: unknown): void {
  const detail =
    cause instanceof Error
      ? { name: cause.name, message: cause.message, stack: cause.stack }
      : { cause: String(cause) };
  logger?.error('unexpected error while resolving a GraphQL operation', detail);
}
