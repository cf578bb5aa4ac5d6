// Calendar days as `YYYY-MM-DD` strings: they compare correctly as strings, and a day carries no
// time zone to get wrong. Halo datetimes reach us normalised to ISO with a zone (read as UTC), so
// their UTC day is the first ten characters; in another tenant time zone (HALO_TIMEZONE,
// docs/halo-api.md §8.8) the instant is converted first, since a local midnight stored as UTC
// would otherwise land on the previous day.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in an IANA time zone (`en-CA` formats as YYYY-MM-DD). */
export function dayIn(instant: Date, timeZone: string): string {
  let format = DAY_FORMATS.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(instant);
}

/** The day of a normalised Halo datetime (UTC unless `timeZone` says otherwise), or null. */
export function dayOf(value: string | null | undefined, timeZone = 'UTC'): string | null {
  if (typeof value !== 'string') return null;
  const day = value.slice(0, 10);
  if (!isDay(day)) return null;
  if (timeZone === 'UTC' || value.length === 10) return day;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? day : dayIn(instant, timeZone);
}

/** A real calendar day written `YYYY-MM-DD`. */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Error text for a bad day, or null when `value` is a valid `YYYY-MM-DD` day. */
export function checkDay(value: string, label: string): string | null {
  if (isDay(value)) return null;
  return `${label} must be a calendar date written YYYY-MM-DD (got "${value}").`;
}

/** Error text for a bad period, or null when both days are valid and from <= to. */
export function checkPeriod(from: string, to: string): string | null {
  const error = checkDay(from, 'from') ?? checkDay(to, 'to');
  if (error) return error;
  if (from > to) return `from (${from}) must not be after to (${to}).`;
  return null;
}

/**
 * The 12 months ending on `end`, both ends included: 2026-11-24 gives 2025-11-25..2026-11-24,
 * i.e. exactly twelve monthly billing dates fall inside whatever the billing day is.
 */
export function defaultPeriod(end: string): { from: string; to: string } {
  return { from: addDays(addMonths(end, -12), 1), to: end };
}

/**
 * Fill in a period from optional ends: no `to` means today; no `from` means the 12 months ending
 * on `to`. Returns error text instead when a given or derived day is invalid or from > to.
 */
export function resolvePeriod(input: {
  from?: string | null;
  to?: string | null;
  today: string;
}): { from: string; to: string } | { error: string } {
  const todayError = checkDay(input.today, 'today');
  if (todayError) return { error: todayError };
  const to = input.to ?? input.today;
  const toError = checkDay(to, 'to');
  if (toError) return { error: toError };
  const from = input.from ?? defaultPeriod(to).from;
  const error = checkPeriod(from, to);
  return error ? { error } : { from, to };
}

export function isWithin(day: string, from: string, to: string): boolean {
  return day >= from && day <= to;
}

/** Shift by whole months, clamping to the month's last day (2024-02-29 - 12 months = 2023-02-28). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = parts(day);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return format(newYear, newMonth, Math.min(date, daysInMonth(newYear, newMonth)));
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = parts(day);
  const shifted = new Date(Date.UTC(year, month - 1, date + days));
  return shifted.toISOString().slice(0, 10);
}

function parts(day: string): [number, number, number] {
  if (!isDay(day)) throw new RangeError(`Not a YYYY-MM-DD day: "${day}"`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function format(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}
