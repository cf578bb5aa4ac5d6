import {
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { z } from 'zod';
import { MAX_SEARCH_LENGTH } from '../graphql/schema/args.js';
import { MAX_PAGE_SIZE } from '../graphql/schema/page.js';
import type { ToolOperation, ToolVariable } from './operations.js';

const MAX_ID = 2_147_483_647;
const MIN_INT = -2_147_483_648;
const MAX_PAGE = 100_000;
const MAX_LIST_ITEMS = 100;

/** The argument added next to every `client_id`: a client name resolved by the registry. */
export const CLIENT_NAME_ARGUMENT = 'client';
export const CLIENT_ID_ARGUMENT = 'client_id';

export type InputShape = Record<string, z.ZodType>;

/**
 * The tool's input schema, one flat argument per operation variable (same snake_case name).
 * Optional arguments are left out of `required` and carry the operation's default; an explicit
 * `null` is read as "not given", so strict clients that send every property with null still
 * work, without advertising a `null` type that some clients cannot parse.
 */
export function inputSchemaFor(op: ToolOperation) {
  const shape: InputShape = {};
  const clientNamed = op.variables.some((v) => v.name === CLIENT_ID_ARGUMENT);
  for (const variable of op.variables) {
    // With a client name accepted, neither client_id nor client is required on its own.
    const optional = !variable.required || (clientNamed && variable.name === CLIENT_ID_ARGUMENT);
    shape[variable.name] = argument(variable, optional);
  }
  if (clientNamed) {
    shape[CLIENT_NAME_ARGUMENT] = nullAsAbsent(
      z
        .string()
        .min(1)
        .max(MAX_SEARCH_LENGTH)
        .optional()
        .describe(
          'Client name (or a unique part of it), instead of client_id. Must match exactly one client.',
        ),
    );
  }
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown argument ${issue.keys.join(', ')}; this tool accepts: ${Object.keys(shape).join(', ') || 'no arguments'}`
        : undefined,
  });
}

function argument(variable: ToolVariable, optional: boolean): z.ZodType {
  let schema = valueSchema(variable.name, variable.type);
  if (variable.defaultValue !== undefined) schema = schema.default(variable.defaultValue as never);
  else if (optional) schema = schema.optional();
  if (variable.description) schema = schema.describe(variable.description);
  return optional ? nullAsAbsent(schema) : schema;
}

/** `null` → not given; the JSON schema of the wrapped type is unchanged (preprocess is transparent). */
function nullAsAbsent(schema: z.ZodType): z.ZodType {
  const wrapped = z.preprocess((value) => (value === null ? undefined : value), schema);
  return schema.description ? wrapped.describe(schema.description) : wrapped;
}

function valueSchema(name: string, type: GraphQLInputType): z.ZodType {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return z.array(valueSchema(name, inner.ofType)).max(MAX_LIST_ITEMS);
  if (isEnumType(inner)) {
    const values = inner.getValues().map((v) => v.name);
    return z.enum(values as [string, ...string[]]);
  }
  if (isInputObjectType(inner)) {
    const shape: InputShape = {};
    for (const field of Object.values(inner.getFields())) {
      let schema = valueSchema(field.name, field.type);
      if (!isNonNullType(field.type) || field.defaultValue !== undefined) schema = schema.optional();
      shape[field.name] = field.description ? schema.describe(field.description) : schema;
    }
    return z.strictObject(shape);
  }
  if (isScalarType(inner)) return scalarSchema(name, inner.name);
  throw new Error(`Unsupported variable type ${String(type)} for $${name}`);
}

function scalarSchema(name: string, scalar: string): z.ZodType {
  switch (scalar) {
    case 'Int':
      return intSchema(name);
    case 'Float':
    case 'Money':
      return z.number();
    case 'String':
    case 'ID':
      return z.string().max(MAX_SEARCH_LENGTH);
    case 'Boolean':
      return z.boolean();
    case 'Date':
      return dateSchema();
    case 'DateTime':
      return z.iso.datetime({ offset: true });
    default:
      throw new Error(`Unsupported scalar ${scalar} for $${name}: tool arguments need a JSON type`);
  }
}

/**
 * `YYYY-MM-DD`, a real calendar day. A short pattern plus a check, rather than zod's ISO date, whose
 * leap-year pattern would add some 300 characters per date argument to every tool listing.
 */
function dateSchema(): z.ZodType {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Expected a date as YYYY-MM-DD', abort: true })
    .refine((day) => isCalendarDay(day), {
      error: 'Not a real calendar date',
    })
    .meta({ format: 'date' });
}

function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

/** Integer bounds follow the argument's role: ids, page numbers, page sizes, or 32-bit otherwise. */
function intSchema(name: string): z.ZodType {
  if (name === 'page_size') return z.int().min(1).max(MAX_PAGE_SIZE);
  if (name === 'page') return z.int().min(1).max(MAX_PAGE);
  // Recurring template ids are negative on Halo; 0 and -1 mean "none" (docs/halo-api.md §8.1).
  if (name === 'recurring_invoice_id') {
    return z
      .int()
      .min(-MAX_ID)
      .max(MAX_ID)
      .refine((id) => id !== 0 && id !== -1, { error: 'a template id is any whole number but 0 and -1' });
  }
  if (name === 'id' || name.endsWith('_id') || name.endsWith('_ids')) return z.int().min(1).max(MAX_ID);
  return z.int().min(MIN_INT).max(MAX_ID);
}
