import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseHaloDate } from '../../src/simulator/dates.js';

/** The subset of OpenAPI 3 schema objects Halo's spec uses. */
interface SchemaObject {
  type?: string;
  format?: string;
  nullable?: boolean;
  $ref?: string;
  allOf?: SchemaObject[];
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  additionalProperties?: SchemaObject | boolean;
}

interface OpenApi {
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaObject }> } }>
  >;
  components: { schemas: Record<string, SchemaObject> };
}

/**
 * The trimmed copy of Halo's published OpenAPI document vendored in test/vendor (its
 * `x-provenance` says where it came from; `npm run vendor:openapi` regenerates it).
 */
export function loadHaloSpec(): OpenApi {
  const path = fileURLToPath(new URL('../vendor/halo-openapi-trimmed.json', import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as OpenApi;
}

/**
 * The record schema of a resource. GET responses in Halo's spec carry no schema, so the record
 * type is read from the same path's POST body (an array of that record type).
 */
export function recordSchemaName(spec: OpenApi, resourcePath: string): string {
  const body = spec.paths[`/${resourcePath}`]?.post?.requestBody?.content?.['application/json']?.schema;
  const ref = body?.items?.$ref;
  if (ref === undefined) throw new Error(`no POST body schema for /${resourcePath}`);
  return ref.split('/').at(-1) ?? ref;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class SchemaChecker {
  readonly problems: string[] = [];

  /** `exempt`: `Schema.field` names not checked (documented extras and known deviations). */
  constructor(
    private readonly spec: OpenApi,
    private readonly exempt: ReadonlySet<string>,
  ) {}

  checkRecord(value: unknown, schemaName: string, where: string): void {
    this.check(value, { $ref: `#/components/schemas/${schemaName}` }, where);
  }

  private resolve(schema: SchemaObject): { schema: SchemaObject; name?: string } {
    let current = schema;
    let name: string | undefined;
    for (let depth = 0; depth < 10; depth++) {
      if (current.$ref !== undefined) {
        name = current.$ref.split('/').at(-1) ?? current.$ref;
        const target = this.spec.components.schemas[name];
        if (target === undefined) throw new Error(`dangling $ref ${current.$ref}`);
        current = { ...target, nullable: current.nullable ?? target.nullable };
      } else if (current.allOf?.length === 1 && current.allOf[0] !== undefined) {
        current = { ...current.allOf[0], nullable: current.nullable };
      } else break;
    }
    return { schema: current, name };
  }

  private check(value: unknown, raw: SchemaObject, where: string): void {
    const { schema, name } = this.resolve(raw);
    const declared = schema.type ?? (schema.properties !== undefined ? 'object' : undefined);
    if (value === null) {
      if (declared !== undefined && schema.nullable !== true)
        this.problems.push(`${where}: null but not nullable`);
      return;
    }
    if (declared === undefined) return; // `{}`: anything goes
    const actual = jsonType(value);
    const compatible = actual === declared || (actual === 'integer' && declared === 'number');
    if (!compatible) {
      this.problems.push(
        `${where}: ${actual} ${JSON.stringify(value).slice(0, 40)} where the spec says ${declared}`,
      );
      return;
    }
    if (typeof value === 'string') this.checkFormat(value, schema.format, where);
    if (Array.isArray(value) && schema.items !== undefined) {
      const items = schema.items;
      for (const [i, item] of value.entries()) this.check(item, items, `${where}[${i}]`);
    }
    if (actual === 'object') this.checkObject(value as Record<string, unknown>, schema, name, where);
  }

  private checkFormat(value: string, format: string | undefined, where: string): void {
    if (format === 'date-time' && parseHaloDate(value) === undefined) {
      this.problems.push(`${where}: "${value}" is not a date-time`);
    }
    if (format === 'uuid' && !UUID.test(value)) this.problems.push(`${where}: "${value}" is not a uuid`);
  }

  private checkObject(
    value: Record<string, unknown>,
    schema: SchemaObject,
    name: string | undefined,
    where: string,
  ): void {
    const properties = schema.properties ?? {};
    for (const [key, field] of Object.entries(value)) {
      const property = properties[key];
      if (this.exempt.has(`${name}.${key}`)) continue;
      if (property !== undefined) this.check(field, property, `${where}.${key}`);
      else if (typeof schema.additionalProperties === 'object')
        this.check(field, schema.additionalProperties, `${where}.${key}`);
      else if (schema.additionalProperties !== true) {
        this.problems.push(`${where}.${key}: not in ${name ?? 'schema'}`);
      }
    }
  }
}

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
