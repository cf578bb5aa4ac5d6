import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  type SelectionSetNode,
  type Source,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

export interface OperationLimits {
  /** Deepest nesting of selections allowed. */
  maxDepth: number;
  /** Most field selections (aliases included) in one operation: stops alias bombs. */
  maxFields: number;
  /** Most estimated object resolutions (list sizes multiplied through the nesting). */
  maxCost: number;
  /** Most lexical tokens in a document; parsing stops there. Default 10 000 (a tool's is under 200). */
  maxTokens?: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 8,
  maxFields: 400,
  maxCost: 20_000,
  maxTokens: 10_000,
};

/**
 * Parses a document under the token limit. The parser recurses once per nesting level, so a
 * document nested a few thousand levels deep overflows the stack before any limit rule sees it:
 * that is refused as bad input rather than reported as an unexpected error.
 */
export function parseWithinLimits(
  source: string | Source,
  options: ParseOptions | undefined,
  limits: OperationLimits = DEFAULT_LIMITS,
): DocumentNode {
  try {
    return parse(source, { ...options, maxTokens: limits.maxTokens ?? DEFAULT_LIMITS.maxTokens });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new GraphQLError('Query is nested too deeply to read.', { extensions: { code: 'BAD_USER_INPUT' } });
  }
}

const DEFAULT_PAGE_SIZE = 25;
const UNBOUNDED_LIST_ESTIMATE = 10;

/**
 * A validation rule that refuses oversized operations before execution, so no Halo request is
 * made for them. Cost counts object-typed fields, multiplied by the page size of every enclosing
 * page (`pageSize`, default 25) and by an estimate for plain lists.
 */
export function operationLimitsRule(limits: OperationLimits = DEFAULT_LIMITS) {
  return (context: ValidationContext) => ({
    OperationDefinition(operation: OperationDefinitionNode) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const def of context.getDocument().definitions) {
        if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
      }
      const schema = context.getSchema();
      const root = operation.operation === 'query' ? schema.getQueryType() : null;
      if (!root) return;
      const measure = new Measure(schema, fragments, limits);
      measure.walk(operation.selectionSet, root, 1, 1, new Set());
      const problem = measure.problem();
      if (problem)
        context.reportError(
          new GraphQLError(problem, { nodes: [operation], extensions: { code: 'BAD_USER_INPUT' } }),
        );
    },
  });
}

class Measure {
  depth = 0;
  fields = 0;
  cost = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly limits: OperationLimits,
  ) {}

  problem(): string | undefined {
    if (this.depth > this.limits.maxDepth) {
      return `Query is nested ${this.depth} levels deep; the limit is ${this.limits.maxDepth}.`;
    }
    if (this.fields > this.limits.maxFields) {
      return `Query selects ${this.fields} fields; the limit is ${this.limits.maxFields}.`;
    }
    if (this.cost > this.limits.maxCost) {
      return `Query is too expensive (estimated ${this.cost} records; the limit is ${this.limits.maxCost}). Ask for smaller pages or fewer nested lists.`;
    }
    return undefined;
  }

  walk(
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    depth: number,
    multiplier: number,
    seen: Set<string>,
  ) {
    // Stop early once any limit is blown: hostile documents can be enormous.
    if (this.problem()) return;
    this.depth = Math.max(this.depth, depth);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        this.field(selection, parent, depth, multiplier, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parent;
        this.walk(selection.selectionSet, typed ?? parent, depth, multiplier, seen);
      } else {
        const name = selection.name.value;
        const fragment = this.fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        const typed = this.schema.getType(fragment.typeCondition.name.value) ?? parent;
        this.walk(fragment.selectionSet, typed, depth, multiplier, new Set([...seen, name]));
      }
    }
  }

  private field(
    node: FieldNode,
    parent: GraphQLNamedType,
    depth: number,
    multiplier: number,
    seen: Set<string>,
  ) {
    this.fields += 1;
    if (!isObjectType(parent)) return;
    const def = parent.getFields()[node.name.value];
    if (!def || !node.selectionSet) return;
    let inner = multiplier;
    const unwrapped = isNonNullType(def.type) ? def.type.ofType : def.type;
    const named = getNamedType(def.type);
    if (named.name.endsWith('Page')) inner *= pageSizeOf(node);
    // A page's `items` list was already counted at the page's own size.
    else if (isListType(unwrapped) && !parent.name.endsWith('Page')) inner *= UNBOUNDED_LIST_ESTIMATE;
    this.cost += inner;
    this.walk(node.selectionSet, named, depth + 1, inner, seen);
  }
}

function pageSizeOf(node: FieldNode): number {
  const page = node.arguments?.find((a) => a.name.value === 'page');
  const size =
    page?.value.kind === Kind.OBJECT ? page.value.fields.find((f) => f.name.value === 'pageSize') : undefined;
  return intValue(size?.value) ?? (page?.value.kind === Kind.VARIABLE ? 100 : DEFAULT_PAGE_SIZE);
}

function intValue(value: ValueNode | undefined): number | undefined {
  return value?.kind === Kind.INT
    ? Number.parseInt(value.value, 10)
    : value?.kind === Kind.VARIABLE
      ? 100
      : undefined;
}
