import type {
  CallToolResult,
  McpServer,
  RegisteredTool,
  ServerContext,
  ToolAnnotations,
} from '@modelcontextprotocol/server';
import type { GraphQLSchema } from 'graphql';
import { toolViewMeta } from '../apps/resources.js';
import { type AuditOutcome, auditCall } from '../auth/audit.js';
import type { HaloYoga } from '../graphql/yoga.js';
import type { CallScope } from '../halo/call-scope.js';
import type { Logger } from '../log.js';
import { resolveClientArgument } from './client-argument.js';
import { compactJsonSchema } from './compact-json-schema.js';
import { CLIENT_ID_ARGUMENT, inputSchemaFor } from './input-schema.js';
import { narrowingHint } from './narrowing.js';
import type { ToolOperation } from './operations.js';
import { outputSchemaFor } from './output-schema.js';
import { checkPeriods } from './period-check.js';
import { progressSender } from './progress-sender.js';
import { type OperationResponse, runOperation } from './run-operation.js';
import { cleanHaloData } from './text-hygiene.js';
import { openToolCallScope } from './tool-call-scope.js';
import {
  describeErrors,
  type ErrorContext,
  errorResult,
  OperationFailed,
  ToolInputError,
  UNEXPECTED,
} from './tool-errors.js';
import { renderToolText } from './tool-text.js';

export interface OperationTool {
  operation: ToolOperation;
  title: string;
  inputSchema: ReturnType<typeof inputSchemaFor>;
  outputSchema: ReturnType<typeof outputSchemaFor>;
  annotations: ToolAnnotations;
  /** `_meta` of the tool: its MCP Apps view (`ui.resourceUri`) when it has one. */
  meta: Record<string, unknown> | undefined;
}

export interface ToolDependencies {
  yoga: HaloYoga;
  /** Every registered tool's name, for hints such as "use list_tickets to find ids". */
  toolNames: ReadonlySet<string>;
  logger: Logger;
  /** The caller's scope (a signed-in agent's token and identity in OAuth mode); empty otherwise. */
  scope?: CallScope;
  /** How long one call may take before it is stopped with what to narrow. */
  callTimeLimitMs: number;
}

/** Everything a tool publishes, derived from its operation alone (also used for the README and snapshot). */
export function describeTool(operation: ToolOperation, schema: GraphQLSchema): OperationTool {
  const title = `${operation.name[0]?.toUpperCase()}${operation.name.slice(1).replace(/_/g, ' ')}`;
  return {
    operation,
    title,
    inputSchema: inputSchemaFor(operation),
    outputSchema: outputSchemaFor(operation, schema),
    annotations: {
      title,
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    },
    meta: toolViewMeta(operation.name),
  };
}

/**
 * The one registration seam: every tool validates its arguments (by the SDK, against the input
 * schema), resolves a client name, runs its operation through yoga and turns the answer, or any
 * failure, into a result. No tool has code of its own.
 */
export function registerOperationTool(
  server: McpServer,
  tool: OperationTool,
  deps: ToolDependencies,
): RegisteredTool {
  const { operation } = tool;
  const takesClient = operation.variables.find((v) => v.name === CLIENT_ID_ARGUMENT);
  const errorContext: ErrorContext = {
    toolNames: deps.toolNames,
    argumentNames: operation.variables.map((v) => v.name),
    ...(deps.scope?.agent ? { agent: deps.scope.agent } : {}),
  };
  return server.registerTool(
    operation.name,
    {
      title: tool.title,
      description: operation.description,
      inputSchema: compactJsonSchema(tool.inputSchema, 'input'),
      outputSchema: compactJsonSchema(tool.outputSchema, 'output'),
      annotations: tool.annotations,
      ...(tool.meta ? { _meta: tool.meta } : {}),
    },
    async (args: Record<string, unknown>, ctx: ServerContext): Promise<CallToolResult> => {
      const call = openToolCallScope({
        signal: ctx.mcpReq.signal,
        sendProgress: progressSender(ctx),
        timeLimitMs: deps.callTimeLimitMs,
        narrowing: narrowingHint(operation, args),
      });
      // The caller's identity and Halo token (OAuth mode) under the call's own cancellation and progress.
      const audit = auditCall(deps.logger, operation.name, args, { ...deps.scope, ...call.scope });
      try {
        checkPeriods(args);
        const resolved = takesClient
          ? await resolveClientArgument(deps.yoga, args, takesClient.required, audit.scope)
          : args;
        const response = cleanHaloData(
          await runOperation(deps.yoga, operation.source, resolved, operation.name, audit.scope),
        );
        const stopped = call.stopped();
        if (stopped) {
          audit.finish('stopped');
          return errorResult(stopped.message);
        }
        const result = toResult(operation, response, errorContext);
        audit.finish('ok');
        return result;
      } catch (error) {
        audit.finish(call.stopped() ? 'stopped' : outcomeOf(error));
        const stopped = call.stopped();
        if (stopped) return errorResult(stopped.message);
        return cleanHaloData(failure(error, operation.name, errorContext, deps.logger));
      } finally {
        call.finish();
      }
    },
  );
}

function toResult(operation: ToolOperation, response: OperationResponse, context: ErrorContext) {
  const errors = response.errors ?? [];
  // An error on a root field (or none reported with no data) fails the call; deeper ones are warnings.
  if (!response.data || errors.some((e) => (e.path?.length ?? 0) <= 1)) throw new OperationFailed(errors);
  const warnings = errors.map((e) => `${e.path?.join('.')}: ${describeErrors([e], context)}`);
  const structured: Record<string, unknown> = { ...response.data };
  if (operation.listField) {
    const page = response.data[operation.listField] as { page: number; hasMore: boolean };
    structured.truncated = page.hasMore;
    structured.nextPage = page.hasMore ? page.page + 1 : null;
  }
  if (warnings.length > 0) structured.warnings = warnings;
  const text = renderToolText(operation.name, {
    listField: operation.listField,
    data: response.data,
    warnings,
  });
  return { content: [{ type: 'text' as const, text }], structuredContent: structured };
}

function outcomeOf(error: unknown): AuditOutcome {
  if (error instanceof ToolInputError) return 'input_error';
  if (error instanceof OperationFailed) {
    return error.errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT') ? 'input_error' : 'halo_error';
  }
  return 'error';
}

function failure(error: unknown, tool: string, context: ErrorContext, logger: Logger): CallToolResult {
  if (error instanceof ToolInputError) return errorResult(error.message);
  if (error instanceof OperationFailed) return errorResult(describeErrors(error.errors, context));
  logger.error('tool failed unexpectedly', { tool, error });
  return errorResult(UNEXPECTED);
}
