import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { z } from 'zod';
import type { ToolOperation } from './operations.js';

type Shape = Record<string, z.ZodType>;

/**
 * An integer whose JSON schema is just `{"type": "integer"}`: zod adds the safe-integer bounds to
 * every int, which would repeat two long numbers on every id and count of every output schema.
 */
const plainInt = () => z.int().meta({ minimum: undefined, maximum: undefined });

interface Collected {
  node: FieldNode;
  /** The type the field is read on (the fragment's type condition, if any). */
  owner: GraphQLCompositeType;
  selectionSets: SelectionSetNode[];
  /** Selected under `@include`/`@skip` or a fragment on another type: may be absent. */
  conditional: boolean;
}

/** Keys added beside a list tool's data: whether the page shown is partial, and which page comes next. */
const LIST_SIGNAL_SHAPE: Shape = {
  truncated: z.boolean().describe('True when more records match than this page shows.'),
  nextPage: plainInt()
    .nullable()
    .describe('The page argument that shows the next records; null on the last page.'),
};

/** Every result may carry warnings: parts of the data Halo could not serve (those fields are null). */
const WARNINGS_SHAPE: Shape = { warnings: z.array(z.string()).optional() };

/** The tool's output schema: the operation's `data`, typed from its selection set, plus the signals. */
export function outputSchemaFor(op: ToolOperation, schema: GraphQLSchema) {
  const query = schema.getQueryType();
  if (!query) throw new Error('The schema has no query type');
  const data = new SelectionTyper(schema, op).shape([op.operation.selectionSet], query);
  return z.object({ ...data, ...(op.listField ? LIST_SIGNAL_SHAPE : {}), ...WARNINGS_SHAPE });
}

/** Walks selection sets (fragments merged, aliases as keys) and types each key from the schema. */
class SelectionTyper {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();

  constructor(
    private readonly schema: GraphQLSchema,
    op: ToolOperation,
  ) {
    for (const def of op.document.definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(def.name.value, def);
    }
  }

  shape(sets: SelectionSetNode[], parent: GraphQLCompositeType): Shape {
    const fields = new Map<string, Collected>();
    for (const set of sets) this.collect(set, parent, fields, false, new Set());
    const shape: Shape = {};
    for (const [key, { node, owner, selectionSets, conditional }] of fields) {
      const def = 'getFields' in owner ? owner.getFields()[node.name.value] : undefined;
      let schema: z.ZodType;
      if (node.name.value === '__typename') schema = z.string();
      else if (def) schema = this.output(def.type, selectionSets);
      else throw new Error(`Unknown field ${owner.name}.${node.name.value}`);
      shape[key] = conditional ? schema.optional() : schema;
    }
    return shape;
  }

  private collect(
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    into: Map<string, Collected>,
    conditional: boolean,
    seen: Set<string>,
  ): void {
    for (const selection of set.selections) {
      const guarded =
        conditional ||
        (selection.directives ?? []).some((d) => d.name.value === 'include' || d.name.value === 'skip');
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = into.get(key) ?? {
          node: selection,
          owner: parent,
          selectionSets: [],
          conditional: guarded,
        };
        if (selection.selectionSet) entry.selectionSets.push(selection.selectionSet);
        entry.conditional &&= guarded;
        into.set(key, entry);
        continue;
      }
      const spread = selection.kind === Kind.FRAGMENT_SPREAD ? selection.name.value : undefined;
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : this.fragments.get(spread ?? '');
      if (!fragment || (spread !== undefined && seen.has(spread))) continue;
      const condition = fragment.typeCondition?.name.value;
      const typed = condition ? this.schema.getType(condition) : parent;
      const owner = typed && isCompositeType(typed) ? typed : parent;
      const nextSeen = spread === undefined ? seen : new Set([...seen, spread]);
      // Fields from a fragment on another type (interface or union member) may be absent.
      this.collect(fragment.selectionSet, owner, into, guarded || owner !== parent, nextSeen);
    }
  }

  private output(type: GraphQLOutputType, sets: SelectionSetNode[]): z.ZodType {
    if (isNonNullType(type)) return this.present(type.ofType, sets);
    return this.present(type, sets).nullable();
  }

  private present(type: GraphQLOutputType, sets: SelectionSetNode[]): z.ZodType {
    if (isListType(type)) return z.array(this.output(type.ofType, sets));
    const named = getNamedType(type);
    if (isCompositeType(named)) return z.object(this.shape(sets, named));
    if (isEnumType(named)) return z.enum(named.getValues().map((v) => v.name) as [string, ...string[]]);
    return scalarOutput(named.name);
  }
}

function scalarOutput(scalar: string): z.ZodType {
  switch (scalar) {
    case 'Int':
      return plainInt();
    case 'Float':
    case 'Money':
      return z.number();
    case 'Boolean':
      return z.boolean();
    case 'JSON':
      return z.unknown();
    default:
      // String, ID, Date, DateTime and any other scalar serialise as strings.
      return z.string();
  }
}
