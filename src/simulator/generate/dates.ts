// Time arithmetic in epoch milliseconds (UTC) and Halo's wire spellings of dates.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** What Halo writes for an unset date (SQL Server's zero date). */
export const SENTINEL_DATE = '1900-01-01T00:00:00';

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of midnight UTC of a `YYYY-MM-DD` day; throws on anything else. */
export function parseDay(day: string): number {
  const match = DAY_PATTERN.exec(day);
  if (match === null) throw new Error(`expected a YYYY-MM-DD date, got "${day}"`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (toDay(ms) !== day) throw new Error(`not a calendar date: "${day}"`);
  return ms;
}

export function toDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// Large datasets hold a million date strings. Each is built by `join` (one flat string, not a
// slice or concatenation of others) and reused: a ticket's dates are its actions' dates, and whole
// days repeat everywhere.
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** `.637`, `.36`, `.3` or nothing: Halo trims trailing zeros of the fraction. */
const FRACTIONS = Array.from({ length: 1000 }, (_, n) =>
  n === 0 ? '' : `.${String(n).padStart(3, '0')}`.replace(/0+$/, ''),
);
const dayPrefixes = new Map<number, string>();
const recentTimes = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = [new Date(day * DAY_MS).toISOString().slice(0, 10), 'T'].join('');
    dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/**
 * Zone-less datetime with Halo's variable fractional seconds: `2026-06-29T15:41:46.637`,
 * `2026-06-30T16:04:28.36`, or none at all on a whole second.
 */
export function wireDateTime(ms: number): string {
  const known = recentTimes.get(ms);
  if (known !== undefined) return known;
  const day = Math.floor(ms / DAY_MS);
  const time = ms - day * DAY_MS;
  const seconds = Math.floor(time / 1000);
  const text = [
    dayPrefix(day),
    TWO_DIGITS[Math.floor(seconds / 3600)],
    ':',
    TWO_DIGITS[Math.floor(seconds / 60) % 60],
    ':',
    TWO_DIGITS[seconds % 60],
    FRACTIONS[time % 1000],
  ].join('');
  // A few recent instants cover the reuse within one ticket without holding on to every string.
  if (recentTimes.size >= 16) recentTimes.clear();
  recentTimes.set(ms, text);
  return text;
}

const midnights = new Map<number, string>();

/** A date-only value the way Halo sends it: midnight, no fraction. */
export function wireDate(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = midnights.get(day);
  if (text === undefined) {
    text = [dayPrefix(day), '00:00:00'].join('');
    midnights.set(day, text);
  }
  return text;
}

export function startOfDay(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Calendar months later, the day clamped to the target month's length (31 Jan + 1 = 28/29 Feb). */
export function addMonths(ms: number, months: number): number {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) + (ms - startOfDay(ms));
}

export function isWeekend(ms: number): boolean {
  const weekday = new Date(ms).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** The same instant moved forward to Monday when it falls on a weekend. */
export function toWeekday(ms: number): number {
  const weekday = new Date(ms).getUTCDay();
  if (weekday === 6) return ms + 2 * DAY_MS;
  if (weekday === 0) return ms + DAY_MS;
  return ms;
}
