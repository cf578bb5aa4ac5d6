import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  specifiedRules,
  type Token,
  TokenKind,
  typeFromAST,
  validate,
  valueFromAST,
} from 'graphql';
import { operationLimitsRule } from '../graphql/limits.js';

/** Where the tool operations live, for both `src/mcp` (tsx, tests) and `dist/mcp` (built). */
export const OPERATIONS_DIR = fileURLToPath(new URL('../../schema/operations/', import.meta.url));

/** The fields every root `*Page` selection must carry, so each list result can say what it shows. */
export const PAGE_SIGNAL_FIELDS = ['items', 'totalCount', 'page', 'pageSize', 'hasMore'] as const;

export interface ToolVariable {
  /** Variable name without `$`; also the tool argument name (snake_case). */
  name: string;
  type: GraphQLInputType;
  /** True when the operation declares it non-null without a default. */
  required: boolean;
  description: string | undefined;
  /** The operation's default value, as JSON. */
  defaultValue: unknown;
}

export interface ToolOperation {
  /** File name = operation name = tool name. */
  name: string;
  file: string;
  /** The operation text, sent to yoga unchanged. */
  source: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The leading `#` comment block. */
  description: string;
  variables: ToolVariable[];
  /** Response key of the root `*Page` field when the tool lists records. */
  listField: string | undefined;
}

export class OperationFileError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid MCP tool operations:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'OperationFileError';
    this.problems = problems;
  }
}

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
/** Paging arguments are described once here instead of in every file. */
const STANDARD_DESCRIPTIONS: Record<string, string> = {
  page: 'Page number, from 1.',
  page_size: 'Rows per page, 1-100.',
};

/**
 * Reads every `*.graphql` file in `dir` and validates it against `schema`. Any problem in any file
 * throws one OperationFileError listing them all: a broken tool must stop the server from starting.
 */
export function loadOperations(schema: GraphQLSchema, dir: string = OPERATIONS_DIR): ToolOperation[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort();
  const problems: string[] = [];
  const operations: ToolOperation[] = [];
  for (const file of files) {
    const fileProblems: string[] = [];
    const op = readOperation(schema, join(dir, file), fileProblems);
    problems.push(...fileProblems.map((p) => `${file}: ${p}`));
    if (op && fileProblems.length === 0) operations.push(op);
  }
  if (problems.length > 0) throw new OperationFileError(problems);
  return operations;
}

function readOperation(schema: GraphQLSchema, path: string, problems: string[]): ToolOperation | undefined {
  const name = basename(path, '.graphql');
  const source = readFileSync(path, 'utf8');
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
  const errors = validate(schema, document, [...specifiedRules, operationLimitsRule()]);
  for (const error of errors) problems.push(error.message);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || !operation) {
    problems.push(`must hold exactly one operation, found ${operations.length}`);
    return undefined;
  }
  if (operation.operation !== 'query')
    problems.push(`must be a query (tools are read-only), found ${operation.operation}`);
  if (!SNAKE_CASE.test(name)) problems.push('file name must be snake_case (it is the tool name)');
  if (operation.name?.value !== name) {
    problems.push(
      `operation must be named after its file: "query ${name}", found "${operation.name?.value ?? ''}"`,
    );
  }
  const description = commentsBefore(operation.loc?.startToken);
  if (!description) problems.push('must start with a # comment block describing the tool');
  for (const def of operation.variableDefinitions ?? []) {
    const varName = def.variable.name.value;
    if (!SNAKE_CASE.test(varName))
      problems.push(`variable $${varName} must be snake_case (it is a tool argument)`);
    if (!commentsBefore(def.loc?.startToken) && !STANDARD_DESCRIPTIONS[varName]) {
      problems.push(`variable $${varName} needs a # comment line before it (the argument description)`);
    }
  }
  if (errors.length > 0) return undefined;

  const variables = (operation.variableDefinitions ?? []).map((def): ToolVariable => {
    const type = typeFromAST(schema, def.type) as GraphQLInputType;
    return {
      name: def.variable.name.value,
      type,
      required: def.type.kind === Kind.NON_NULL_TYPE && !def.defaultValue,
      description: commentsBefore(def.loc?.startToken) || STANDARD_DESCRIPTIONS[def.variable.name.value],
      defaultValue: def.defaultValue ? valueFromAST(def.defaultValue, type) : undefined,
    };
  });
  if (variables.some((v) => v.name === 'client_id') && variables.some((v) => v.name === 'client')) {
    problems.push('$client is reserved: it is added for you (a client name) next to $client_id');
  }
  return {
    name,
    file: path,
    source,
    document,
    operation,
    description,
    variables,
    listField: listFieldOf(schema, operation, problems),
  };
}

/** The response key of a root field returning a `*Page`, after checking it selects the page signal. */
function listFieldOf(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  problems: string[],
): string | undefined {
  const queryType = schema.getQueryType();
  let found: string | undefined;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD || !queryType) continue;
    const type = queryType.getFields()[selection.name.value]?.type;
    const named = type ? getNamedType(type) : undefined;
    if (!named || !isObjectType(named) || !named.name.endsWith('Page')) continue;
    const key = selection.alias?.value ?? selection.name.value;
    const selected = new Set(
      (selection.selectionSet?.selections ?? []).flatMap((s) =>
        s.kind === Kind.FIELD ? [s.name.value] : [],
      ),
    );
    const missing = PAGE_SIGNAL_FIELDS.filter((f) => !selected.has(f));
    if (missing.length > 0) problems.push(`list field ${key} must select ${missing.join(', ')}`);
    if (found) problems.push(`at most one root list field per tool, found ${found} and ${key}`);
    found = key;
  }
  return found;
}

/**
 * The `#` comment lines directly before a token (graphql-js keeps comments in the token chain).
 * A comment on the same line as the previous token trails that token and is not included.
 */
function commentsBefore(start: Token | undefined): string {
  const lines: string[] = [];
  let token = start?.prev;
  while (token && token.kind === TokenKind.COMMENT) {
    const before = token.prev;
    if (
      before &&
      before.kind !== TokenKind.COMMENT &&
      before.kind !== TokenKind.SOF &&
      before.line === token.line
    ) {
      break;
    }
    lines.unshift((token.value ?? '').trim());
    token = before;
  }
  return asParagraphs(lines);
}

/** Comment lines wrap for the editor; a blank `#` line separates paragraphs. */
function asParagraphs(lines: string[]): string {
  return lines
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n\n');
}
