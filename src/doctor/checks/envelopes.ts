import { RESOURCES, type ResourceName } from '../../halo/resources.js';
import type { CheckResult } from '../types.js';
import { assumption, listShape, plural, refused } from './shape.js';

/**
 * The list envelope and paging of one resource, read as page 1 of `pageSize` rows (or whole, for
 * lists that do not page). The tools take rows from the registry's key and totals from
 * `record_count`; a bare array still gives rows but no total, so truncation cannot be told.
 */
export function envelopeCheck(resource: ResourceName, body: unknown, pageSize?: number): CheckResult {
  const { path, key, paged } = RESOURCES[resource];
  const shape = listShape(body, key);
  const id = `envelope.${path}`;
  const title = `GET /api/${path} list shape${paged ? ' and paging' : ''}`;
  if (body === undefined) return refused(id, title);
  if (key === null) {
    return assumption({
      id,
      title,
      status: shape.form === 'bare' ? 'OK' : 'DIFFERS',
      observed:
        shape.form === 'bare'
          ? `bare array (${plural(shape.rows.length, 'row')})`
          : `object with keys ${shape.keys.join(', ') || '(none)'}`,
      expected: 'bare array',
      relied: false,
      meaning: 'The client also takes the one array out of a wrapped lookup list; answers are unaffected.',
    });
  }
  const expected = `{ record_count, ${key}: [...] }${paged ? `, at most page_size rows per page` : ''}`;
  if (shape.form === 'bare') {
    return assumption({
      id,
      title,
      status: 'DIFFERS',
      observed: `bare array (${plural(shape.rows.length, 'row')}) where the "${key}" envelope was expected`,
      expected,
      relied: true,
      meaning:
        'Rows still arrive, but without record_count the tools cannot tell a complete list from a cut one, and totals over this list may be short without a warning.',
    });
  }
  if (shape.form === 'other') {
    return assumption({
      id,
      title,
      status: 'DIFFERS',
      observed: `object without a "${key}" list (keys: ${shape.keys.join(', ') || 'none'})`,
      expected,
      relied: true,
      meaning: `Every tool reading ${path} fails with HALO_BAD_RESPONSE.`,
    });
  }
  const count = shape.recordCount === undefined ? 'no record_count' : `record_count ${shape.recordCount}`;
  const overPage = paged && pageSize !== undefined && shape.rows.length > pageSize;
  const observed = `{ ${count}, ${key}: ${plural(shape.rows.length, 'row')} }${paged && pageSize !== undefined ? ` for page_size ${pageSize}` : ''}`;
  if (shape.recordCount === undefined || overPage) {
    return assumption({
      id,
      title,
      status: 'DIFFERS',
      observed,
      expected,
      relied: shape.recordCount === undefined,
      meaning: overPage
        ? 'page_size is not honoured: the client still reads every row, in fewer, larger pages.'
        : 'Without record_count the tools cannot tell a complete list from a cut one.',
    });
  }
  return assumption({ id, title, status: 'OK', observed, expected, relied: true });
}
