// Numbers are shown in the host's locale when it names one, always with two decimals for money,
// so the data tables can be read back digit for digit.

let locale = 'en-US';

export function setLocale(value: string | undefined): void {
  if (!value) return;
  try {
    new Intl.NumberFormat(value);
    locale = value;
  } catch {
    // an unknown locale keeps the default
  }
}

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** Money with its currency code as plain text ("1,234.50 GBP"); Halo's currency names are free text. */
export function moneyIn(value: number | null | undefined, currency: string | null | undefined): string {
  if (value === null || value === undefined || !currency) return money(value);
  return `${money(value)} ${currency}`;
}

export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

export function count(value: number): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "2026-03" -> "Mar 2026" */
export function monthLabel(month: string): string {
  const [year, index] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (index ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Short axis label: "Mar 26" */
export function monthTick(month: string): string {
  const [year, index] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 1970, (index ?? 1) - 1, 1));
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(date);
}

/** Axis ticks: "12.5K", "1.2M". */
export function compact(value: number): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
