import type { SavedReport } from '../dataset.js';
import { omitFields, RowFilter } from '../listing.js';
import { type Endpoint, envelopedEndpoint } from './endpoint.js';

/**
 * Saved reports (AnalyzerProfile). `rows` is the simulator's storage, never sent as such: the
 * single GET with `loadreport=true` runs the report and returns them under `report.rows`.
 */
export const reportEndpoint: Endpoint = envelopedEndpoint<SavedReport>({
  name: 'Report',
  key: 'reports',
  table: (ix) => ix.reports,
  filter: (q) => new RowFilter<SavedReport>(q).search('search', (r) => [r.name, r.description, r.group_name]),
  listRow: (report) => omitFields(report, ['rows', 'report']),
  detailRow: (report, q) => {
    const definition = omitFields(report, ['rows', 'report']);
    if (!q.isTrue('loadreport')) return definition;
    // A report whose SQL fails loads nothing and says why in `load_error`, as Halo does.
    const failure = report.report?.load_error;
    if (failure) return { ...definition, report: { loaded: false, load_error: failure, rows: [] } };
    return { ...definition, report: { ...report.report, loaded: true, load_error: '', rows: report.rows } };
  },
});
