import type { CheckResult } from '../types.js';
import { assumption, listShape, plural, type Row, unknown } from './shape.js';

const ticketRows = (body: unknown): Row[] => listShape(body, 'tickets').rows;
const ids = (rows: Row[]): number[] =>
  rows.map((row) => row.id).filter((id): id is number => typeof id === 'number');

/** Whether page 1 sorted by `field` descending came back in that order (dates compared as text, ISO). */
export function sortCheck(field: string, body: unknown): CheckResult {
  const rows = ticketRows(body);
  const values = rows.map((row) => row[field]).filter((value): value is string => typeof value === 'string');
  const base = {
    id: `tickets.sort.${field}`,
    title: `Tickets sort by order=${field}&orderdesc=true`,
    expected: `rows newest first by ${field}`,
    relied: true,
    meaning: `Halo ignores unknown sort names: lists the tools sort by ${field} come back in another order, so "the latest" rows may not be the latest.`,
  } as const;
  if (values.length < 2)
    return unknown({ ...base, observed: `${plural(values.length, 'row')} with ${field}` });
  const inversions = values.slice(1).filter((value, i) => value > (values[i] as string)).length;
  return assumption({
    ...base,
    status: inversions === 0 ? 'OK' : 'DIFFERS',
    observed: `${plural(values.length, 'row')} with ${field}, ${plural(inversions, 'pair')} out of order`,
  });
}

/** Ordinary (non-project) tickets to batch-read: the first few of a sorted page. */
export function batchIds(...bodies: unknown[]): number[] {
  const rows = bodies
    .flatMap(ticketRows)
    .filter((row) => row.is_project !== true && !(typeof row.parent_id === 'number' && row.parent_id > 0));
  return [...new Set(ids(rows))].slice(0, 3);
}

/** `ticketids=` batch reads (the tools rely on them) and what `includeprojects=2` does to them (they never send it). */
export function batchChecks(wanted: number[], plain: unknown, withProjects: unknown): CheckResult[] {
  const title = 'Tickets read in one batch with ticketids=';
  if (wanted.length === 0) {
    return [
      unknown({
        id: 'tickets.batch',
        title,
        observed: 'no tickets to read',
        expected: 'every id asked for',
        relied: true,
      }),
    ];
  }
  const got = new Set(ids(ticketRows(plain)));
  const returned = wanted.filter((id) => got.has(id)).length;
  const withProjectsGot = new Set(ids(ticketRows(withProjects)));
  const kept = wanted.filter((id) => withProjectsGot.has(id)).length;
  return [
    assumption({
      id: 'tickets.batch',
      title,
      status: returned === wanted.length ? 'OK' : 'DIFFERS',
      observed: `${returned} of ${plural(wanted.length, 'ticket')} returned`,
      expected: 'every id asked for',
      relied: true,
      meaning: 'Ids a batch does not return are read one by one: correct answers, more requests.',
    }),
    assumption({
      id: 'tickets.includeprojects',
      title: 'ticketids= with includeprojects=2 (a filter: projects only)',
      status: kept === 0 ? 'OK' : 'DIFFERS',
      observed: `${kept} of ${plural(wanted.length, 'ordinary ticket')} returned`,
      expected: 'none: includeprojects=2 keeps projects only, so the tools never send it with ticketids',
      relied: false,
      meaning: 'includeprojects=2 does not filter here; the tools do not send it, so answers are unaffected.',
    }),
  ];
}

/** The ticket with the most time logged among those seen: the likeliest to have many actions. */
export function busiestTicket(...bodies: unknown[]): number | undefined {
  let best: Row | undefined;
  for (const row of bodies.flatMap(ticketRows)) {
    if (typeof row.id !== 'number') continue;
    if (best === undefined || Number(row.timetaken ?? 0) > Number(best.timetaken ?? 0)) best = row;
  }
  return best?.id as number | undefined;
}

/** `count` on the busiest ticket's actions: the rows received against `record_count`. */
export function countCheck(asked: number, body: unknown): CheckResult {
  const shape = listShape(body, 'actions');
  const base = {
    id: 'actions.count',
    title: `count=${asked} on the busiest ticket's actions`,
    expected: `all rows up to count (record_count = rows received)`,
    relied: false,
    meaning:
      'count is capped below what was asked: the tools compare record_count with the rows received and say "truncated" in the answer.',
  } as const;
  if (shape.form !== 'envelope' || shape.recordCount === undefined) {
    return unknown({
      ...base,
      observed: `no record_count (${shape.form === 'bare' ? 'bare array' : `keys: ${shape.keys.join(', ') || 'none'}`})`,
      relied: true,
    });
  }
  const expectedRows = Math.min(shape.recordCount, asked);
  return assumption({
    ...base,
    status: shape.rows.length >= expectedRows ? 'OK' : 'DIFFERS',
    observed: `record_count ${shape.recordCount}, ${plural(shape.rows.length, 'row')} received${shape.recordCount <= 100 ? ' (100 or fewer: a cap above 100 is not exercised)' : ''}`,
  });
}
