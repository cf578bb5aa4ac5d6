// Halo's wire quirks, fixed once at the edge (docs/halo-api.md §2.6, §4):
// - integer ids may arrive as decimals; JSON.parse already makes `21.0` the number 21, but a
//   string "21.0" under an id-like key is turned into 21;
// - `-1` means "none" in integer references: under id-like keys it becomes null;
// - datetimes usually carry no zone and are UTC: they get a `Z`; offsets are converted to UTC;
// - unset dates are SQL Server "zero" dates (1900-01-01, 1899-12-30, 0001-01-01) or "": null.

/** References named without the `id` suffix. */
const ID_KEYS_WITHOUT_SUFFIX = new Set([
  'sitenumber',
  'accountmanagertech',
  'pritech',
  'sectech',
  'client_to_invoice',
  'default_priority',
  'default_agent',
  'default_sla',
]);

export function isIdKey(key: string): boolean {
  const k = key.toLowerCase();
  if (ID_KEYS_WITHOUT_SUFFIX.has(k)) return true;
  // `amountpaid` ends in "id" but is money.
  return k.endsWith('id') && !k.endsWith('paid');
}

/** Keys holding datetimes, used only to decide that an empty string means "no date". */
const DATE_KEYS_WITHOUT_DATE = new Set([
  'last_modified',
  'lastmodified',
  'lastcreated',
  'lastincomingemail',
  'warranty_start',
  'warranty_end',
  'created',
  'created_at',
  'start_time',
  'end_time',
]);

export function isDateKey(key: string): boolean {
  const k = key.toLowerCase();
  if (DATE_KEYS_WITHOUT_DATE.has(k) || k === 'last_update') return true;
  // "update" contains "date"; `*datename`, `*date_timezone`, `dateformat`... are text.
  return k.includes('date') && !/update|datename|_note|format|field|timezone/.test(k);
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/i;
const UNSET_DATES = new Set(['1900-01-01', '1899-12-30', '0001-01-01']);
const DECIMAL_INTEGER = /^-?\d+\.0+$/;

/** Normalises one datetime string; returns `undefined` when the string is not a datetime. */
export function normaliseDateTime(value: string): string | null | undefined {
  const match = DATETIME.exec(value);
  if (!match) return UNSET_DATES.has(value) ? null : undefined;
  const [, day, time, zone] = match;
  if (UNSET_DATES.has(day!)) return null;
  if (!zone) return `${day}T${time}Z`;
  if (zone.toUpperCase() === 'Z') return `${day}T${time}Z`;
  const parsed = new Date(`${day}T${time}${zone}`);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString();
}

function normaliseString(key: string | undefined, value: string): unknown {
  if (value === '') return key !== undefined && isDateKey(key) ? null : value;
  const date = normaliseDateTime(value);
  if (date !== undefined) return date;
  if (key !== undefined && isIdKey(key) && DECIMAL_INTEGER.test(value)) {
    const id = Number.parseInt(value, 10);
    return id === -1 ? null : id;
  }
  return value;
}

function normaliseValue(key: string | undefined, value: unknown): unknown {
  if (typeof value === 'string') return normaliseString(key, value);
  if (typeof value === 'number') return value === -1 && key !== undefined && isIdKey(key) ? null : value;
  if (Array.isArray(value)) return value.map((item) => normaliseValue(undefined, item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normaliseValue(k, v);
    return out;
  }
  return value;
}

/** Applies every wire fix to a parsed response, deeply (lines, teams, nested objects). */
export function normalise<T = unknown>(value: unknown): T {
  return normaliseValue(undefined, value) as T;
}
