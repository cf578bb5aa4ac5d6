import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { schema } from './schema/index.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));

export function printedSchema(): string {
  return `${printSchema(schema)}\n`;
}

// `npm run schema` rewrites schema/schema.graphql; `npm run schema:check` fails when it is stale.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const printed = printedSchema();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SCHEMA_FILE, 'utf8');
    if (current !== printed) {
      process.stderr.write('schema/schema.graphql is stale: run `npm run schema` and commit it.\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, printed);
    process.stderr.write(`wrote ${SCHEMA_FILE}\n`);
  }
}
