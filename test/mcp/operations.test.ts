import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schema } from '../../src/graphql/schema/index.js';
import { loadOperations, OPERATIONS_DIR, OperationFileError } from '../../src/mcp/operations.js';

const TOOLS = [
  'get_asset',
  'get_client',
  'get_contract',
  'get_invoice',
  'get_project',
  'get_recurring_invoice',
  'get_ticket',
  'list_actions',
  'list_agents',
  'list_assets',
  'list_clients',
  'list_contracts',
  'list_invoices',
  'list_projects',
  'list_recurring_invoices',
  'list_reports',
  'list_tickets',
  'run_report',
  // The analytics tools (docs/analytics.md).
  'client_overview',
  'contract_renewals',
  'receivables_aging',
  'sla_performance',
  'unbilled_time',
];

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'halo-ops-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const LIST_CLIENTS = `# Lists clients.
query list_clients(
  # Part of the name.
  $search: String
  $page: Int = 1
  $page_size: Int = 25
) {
  clients(search: $search, page: { page: $page, pageSize: $page_size }) {
    totalCount page pageSize hasMore items { id name }
  }
}`;

describe('loadOperations', () => {
  it('validates every committed operation file and finds exactly the published tools', () => {
    const names = loadOperations(schema).map((op) => op.name);
    const revenue = existsSync(join(OPERATIONS_DIR, 'revenue_breakdown.graphql'))
      ? ['revenue_breakdown']
      : [];
    expect(names).toEqual([...TOOLS, ...revenue].sort());
  });

  it('reads the tool description and argument descriptions from # comments', () => {
    const [op] = loadOperations(
      schema,
      folder({
        'list_clients.graphql': `# Lists clients.
# Second line of the same paragraph.
#
# Drill down with get_client.
query list_clients(
  # Part of the name.
  $search: String # trailing note, not a description
  # Inactive too.
  $include_inactive: Boolean = false
  $page: Int = 1
  $page_size: Int = 25
) {
  clients(search: $search, includeInactive: $include_inactive, page: { page: $page, pageSize: $page_size }) {
    totalCount page pageSize hasMore items { id name }
  }
}`,
      }),
    );
    expect(op?.description).toBe(
      'Lists clients. Second line of the same paragraph.\n\nDrill down with get_client.',
    );
    expect(op?.variables.map((v) => [v.name, v.description, v.defaultValue, v.required])).toEqual([
      ['search', 'Part of the name.', undefined, false],
      ['include_inactive', 'Inactive too.', false, false],
      ['page', 'Page number, from 1.', 1, false],
      ['page_size', 'Rows per page, 1-100.', 25, false],
    ]);
    expect(op?.listField).toBe('clients');
  });

  it('fails loudly, listing every problem of every broken file', () => {
    const broken = folder({
      'list_clients.graphql': LIST_CLIENTS,
      'bad_syntax.graphql': '# Broken.\nquery bad_syntax {',
      'unknown_field.graphql':
        '# Asks for a field that does not exist.\nquery unknown_field { clients { nope } }',
      'misnamed.graphql': '# Named after another file.\nquery other_name { statuses { id } }',
      'undocumented.graphql': 'query undocumented($x: Int) { statuses { id } }',
      'no_signal.graphql': '# A list without its page signal.\nquery no_signal { clients { items { id } } }',
      'camelCase.graphql': '# Wrong case.\nquery camelCase($clientId: Int!) { client(id: $clientId) { id } }',
    });
    let error: unknown;
    try {
      loadOperations(schema, broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OperationFileError);
    const problems = (error as OperationFileError).problems.join('\n');
    expect(problems).toContain('bad_syntax.graphql: Syntax Error');
    expect(problems).toContain('unknown_field.graphql: Cannot query field "nope" on type "ClientPage"');
    expect(problems).toContain('misnamed.graphql: operation must be named after its file');
    expect(problems).toContain('undocumented.graphql: must start with a # comment block');
    expect(problems).toContain('undocumented.graphql: variable $x needs a # comment line');
    expect(problems).toContain(
      'no_signal.graphql: list field clients must select totalCount, page, pageSize, hasMore',
    );
    expect(problems).toContain('camelCase.graphql: file name must be snake_case');
    expect(problems).toContain('camelCase.graphql: variable $clientId must be snake_case');
    expect(problems).not.toContain('list_clients.graphql');
  });

  it('refuses operations over the query limits and anything but a query', () => {
    const deep = folder({
      'too_deep.graphql':
        '# Too deep.\nquery too_deep { tickets { items { client { accountManager { openTickets { items { client { accountManager { openTickets { totalCount } } } } } } } } } }',
      'two_ops.graphql': '# Two.\nquery two_ops { statuses { id } }\nquery other { teams { id } }',
    });
    expect(() => loadOperations(schema, deep)).toThrow(/too_deep.graphql: Query is (nested|too expensive)/);
    expect(() => loadOperations(schema, deep)).toThrow(
      /two_ops.graphql: must hold exactly one operation, found 2/,
    );
  });
});
