const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch milliseconds of an ISO-8601 date or datetime; zone-less values are read as UTC, the way
 * Halo's stored datetimes are meant. Undefined when the text is not such a date.
 */
export function parseHaloDate(text: string): number | undefined {
  const match = ISO_DATE.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] = match;
  const zonePart =
    zone === undefined ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = Date.parse(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction.slice(0, 4)}${zonePart}`,
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/** Epoch milliseconds of a stored record value; undefined for null, absent or unparseable values. */
export function recordDate(value: unknown): number | undefined {
  return typeof value === 'string' ? parseHaloDate(value) : undefined;
}
