/** Markdown tables and number formats for the bench output. */

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  console.log(markdownTable(header, rows));
  console.log();
}

export function heading(text: string): void {
  console.log(`## ${text}\n`);
}

export function note(text: string): void {
  console.log(`${text}\n`);
}

/** 1234 -> "1,234"; fractions keep `digits`. */
export function num(value: number, digits = 0): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 10_000) return `${num(value / 1000, 1)} s`;
  return `${num(value, value < 10 ? 1 : 0)} ms`;
}

export function mb(value: number): string {
  return Number.isFinite(value) ? num(value, 0) : 'n/a';
}

/** "12.5x" for how many times `baseline` is our figure; "=" when equal. */
export function ratio(baseline: number, ours: number): string {
  if (!Number.isFinite(baseline) || !Number.isFinite(ours)) return 'n/a';
  if (ours === 0) return baseline === 0 ? '=' : '∞';
  const r = baseline / ours;
  if (Math.abs(r - 1) < 0.005) return '=';
  return `${num(r, r >= 10 ? 0 : 1)}x`;
}
