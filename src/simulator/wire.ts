/**
 * JSON text the way Halo sends it. With quirks on, integer values of the endpoint's decimal fields
 * are written as `21.0` (Halo's double-typed ids); stored values (zone-less datetimes, unset-date
 * sentinels, `-1` ids) go out unchanged. With quirks off the text is "clean": plain integers,
 * datetimes with `Z`, sentinels and `-1` ids as null.
 */
export interface WireOptions {
  quirks: boolean;
  /** Field names written as decimals wherever they hold an integer (quirks only). */
  decimalFields?: readonly string[];
}

const DECIMAL_MARK = '\u0001halo-decimal:';
const DECIMAL_MARK_IN_JSON = /"\\u0001halo-decimal:(-?\d+)"/g;
const ZONELESS_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const SENTINEL_DATE = /^(1900-01-01|1899-12-30)T00:00:00(\.0+)?Z?$/;

function isIdKey(key: string): boolean {
  return key.endsWith('id') && !key.endsWith('paid');
}

function cleanValue(key: string, value: unknown): unknown {
  if (typeof value === 'string') {
    if (SENTINEL_DATE.test(value)) return null;
    if (ZONELESS_DATETIME.test(value)) return `${value}Z`;
    return value;
  }
  if (value === -1 && isIdKey(key)) return null;
  return value;
}

export function toWireJson(body: unknown, options: WireOptions): string {
  if (!options.quirks) return JSON.stringify(body, cleanValue);
  const decimals = options.decimalFields;
  if (decimals === undefined || decimals.length === 0) return JSON.stringify(body);
  const text = JSON.stringify(body, (key, value) =>
    Number.isInteger(value) && decimals.includes(key) ? `${DECIMAL_MARK}${value}` : value,
  );
  return text.replace(DECIMAL_MARK_IN_JSON, '$1.0');
}
