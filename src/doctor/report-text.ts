import { type CheckResult, type DoctorReport, isProblem } from './types.js';

const GROUP_TITLES = {
  connection: 'Configuration and connection',
  assumption: 'What the tools assume about Halo (docs/halo-api.md, section 8)',
} as const;

function line(check: CheckResult): string {
  const mark = check.status === 'DIFFERS' && !check.relied ? 'DIFFERS (harmless)' : check.status;
  const out = [`  ${mark.padEnd(18)} ${check.title}`, `  ${''.padEnd(18)}   seen: ${check.observed}`];
  if (check.status !== 'OK') out.push(`  ${''.padEnd(18)}   expected: ${check.expected}`);
  if ((check.status === 'DIFFERS' || check.status === 'FAIL') && check.meaning) {
    out.push(`  ${''.padEnd(18)}   means: ${check.meaning}`);
  }
  if (check.localHint && check.status !== 'OK') out.push(`  ${''.padEnd(18)}   fix: ${check.localHint}`);
  return out.join('\n');
}

/** The readable report for stdout. */
export function renderText(report: DoctorReport): string {
  const parts: string[] = ['halo-psa-mcp doctor'];
  for (const group of ['connection', 'assumption'] as const) {
    const checks = report.checks.filter((check) => check.group === group);
    if (checks.length === 0) continue;
    parts.push('', GROUP_TITLES[group], ...checks.map(line));
  }
  const problems = report.checks.filter(isProblem).length;
  const { get, token } = report.requests;
  parts.push(
    '',
    `${get} GET and ${token} token request(s) attempted, no writes, ${(report.durationMs / 1000).toFixed(1)} s.`,
    problems === 0
      ? 'Everything the tools rely on holds.'
      : `${problems} problem(s) the tools' answers depend on: see "means" above. For a bug report: halo-psa-mcp doctor --json`,
  );
  return `${parts.join('\n')}\n`;
}
