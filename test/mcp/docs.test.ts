import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README_FILE, toolTable, withToolTable } from '../../src/mcp/docs.js';
import { loadTools } from '../../src/mcp/server.js';

describe('README tool table', () => {
  it('is generated from the registry and current (run `npm run docs` when this fails)', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme).toBe(withToolTable(readme, toolTable(loadTools())));
  });

  it('lists every tool with its summary and arguments, required ones starred', () => {
    const table = toolTable(loadTools());
    expect(table).toMatch(/^\| `get_ticket` \| Get one ticket in full: .* \| `ticket_id`\* \|$/m);
    expect(table).toMatch(/^\| `get_client` \| .* \| `client_id`, `client` \|$/m);
    expect(table).toMatch(
      /^\| `list_tickets` \| .* \| `client_id`, `agent_id`, .*`page`, `page_size`, `client` \|$/m,
    );
  });

  it('refuses a README without the markers', () => {
    expect(() => withToolTable('# Title\n', 'table')).toThrow(/tools:start/);
  });
});
