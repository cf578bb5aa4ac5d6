import type { DoctorReport } from './types.js';

/**
 * The `--json` report for a bug report: shapes, key names, signs and counts only. The text-only
 * hints (which carry the user's own URLs and tenant) are left out.
 */
export function renderJson(report: DoctorReport, version: string): string {
  const checks = report.checks.map(({ localHint: _hint, ...check }) => check);
  return `${JSON.stringify({ tool: 'halo-psa-mcp doctor', version, ...report, checks }, null, 2)}\n`;
}
