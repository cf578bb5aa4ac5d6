import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';

type Json = Record<string, unknown>;

/** Keys an output schema carries that no client or model needs to read our results. */
const OUTPUT_NOISE = new Set(['$schema', 'required', 'additionalProperties']);
const INPUT_NOISE = new Set(['$schema']);

/**
 * A schema whose published JSON Schema is trimmed, validating exactly as before (the wrapped
 * schema's own `validate`). Output schemas lose `required` and `additionalProperties`: they describe
 * the shape of a result, which our server builds itself, and made up a third of `tools/list`.
 * Input schemas keep both (strict clients rely on them) and only lose the `$schema` URL.
 */
export function compactJsonSchema<T extends StandardSchemaWithJSON>(schema: T, role: 'input' | 'output'): T {
  const noise = role === 'output' ? OUTPUT_NOISE : INPUT_NOISE;
  const standard = schema['~standard'];
  const jsonSchema = {
    input: (options: Parameters<typeof standard.jsonSchema.input>[0]) =>
      strip(standard.jsonSchema.input(options), noise),
    output: (options: Parameters<typeof standard.jsonSchema.output>[0]) =>
      strip(standard.jsonSchema.output(options), noise),
  };
  return { '~standard': { ...standard, jsonSchema } } as unknown as T;
}

function strip(node: Json, noise: ReadonlySet<string>): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (noise.has(key)) continue;
    // `properties` maps names to schemas: a property may be called `required` or `$schema`.
    if (key === 'properties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value as Json).map(([name, sub]) => [name, strip(sub as Json, noise)]),
      );
    } else out[key] = deep(value, noise);
  }
  return out;
}

function deep(value: unknown, noise: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((v) => deep(v, noise));
  if (value && typeof value === 'object') return strip(value as Json, noise);
  return value;
}
