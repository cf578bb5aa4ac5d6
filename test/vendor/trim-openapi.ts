// Regenerates test/vendor/halo-openapi-trimmed.json from Halo's published OpenAPI document:
//   npm run vendor:openapi -- /path/to/halo-openapi.json
// Keeps only what the simulator's conformance test reads: the POST body of each resource path the
// project serves, and every component schema reachable from those bodies (plus EXTRA_SCHEMAS).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RESOURCES } from '../../src/halo/resources.js';

/** Schemas the checker's own self-test uses although no served resource needs them. */
const EXTRA_SCHEMAS = ['Policy'];

interface Spec {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, unknown> };
}

/** The schema keywords the conformance checker reads; descriptions and examples are dropped. */
const KEPT_KEYWORDS = new Set([
  'type',
  'format',
  'nullable',
  '$ref',
  'allOf',
  'items',
  'properties',
  'additionalProperties',
]);

function keepChecked(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!KEPT_KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      kept[key] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, inner]) => [name, keepChecked(inner)]),
      );
    } else if (key === 'allOf') kept[key] = (value as unknown[]).map(keepChecked);
    else kept[key] = typeof value === 'object' ? keepChecked(value) : value;
  }
  return kept;
}

function refsIn(value: unknown, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) refsIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.add(inner.split('/').at(-1) ?? inner);
      else refsIn(inner, found);
    }
  }
}

/** A request body reduced to its JSON schema. */
function keepBody(body: unknown): unknown {
  const schema = (body as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']
    ?.schema;
  return { content: { 'application/json': { schema: keepChecked(schema) } } };
}

export function trimSpec(spec: Spec, source: string): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const pending = new Set<string>(EXTRA_SCHEMAS);
  for (const { path } of Object.values(RESOURCES)) {
    const post = spec.paths[`/${path}`]?.post as { requestBody?: unknown } | undefined;
    if (post?.requestBody === undefined) throw new Error(`${source}: no POST body for /${path}`);
    paths[`/${path}`] = { post: { requestBody: keepBody(post.requestBody) } };
    refsIn(post.requestBody, pending);
  }
  const schemas: Record<string, unknown> = {};
  while (pending.size > 0) {
    const [name] = pending;
    pending.delete(name as string);
    if (name === undefined || name in schemas) continue;
    const schema = spec.components.schemas[name];
    if (schema === undefined) throw new Error(`${source}: dangling schema reference ${name}`);
    schemas[name] = keepChecked(schema);
    const inner = new Set<string>();
    refsIn(schema, inner);
    for (const ref of inner) if (!(ref in schemas)) pending.add(ref);
  }
  const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    'x-provenance': {
      source:
        "Halo's published OpenAPI document for the HaloPSA / HaloITSM REST API (info.title and info.version below), as downloaded from a Halo instance's API documentation.",
      trimmed:
        'Only the POST request bodies of the resource paths this project reads and the component schemas they reach; nothing else is changed.',
      regenerate: 'npm run vendor:openapi -- /path/to/halo-openapi.json',
      vendored: new Date().toISOString().slice(0, 10),
    },
    openapi: spec.openapi,
    info: spec.info,
    paths,
    components: { schemas: sorted },
  };
}

const source = process.argv[2];
if (source === undefined) {
  process.stderr.write('usage: npm run vendor:openapi -- /path/to/halo-openapi.json\n');
  process.exit(2);
}
const trimmed = trimSpec(JSON.parse(readFileSync(source, 'utf8')) as Spec, source);
const target = fileURLToPath(new URL('./halo-openapi-trimmed.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(trimmed)}\n`);
process.stderr.write(`wrote ${target}\n`);
