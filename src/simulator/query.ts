import { parseHaloDate } from './dates.js';
import { badRequest } from './http-errors.js';

/**
 * Query parameters as Halo's model binding reads them: names are case-insensitive, an empty value
 * counts as absent, multi-value filters arrive as repeated keys or comma lists (both accepted).
 */
export class Query {
  private readonly values = new Map<string, string[]>();

  constructor(params: URLSearchParams) {
    for (const [key, value] of params) {
      if (value === '') continue;
      const name = key.toLowerCase();
      const list = this.values.get(name);
      if (list === undefined) this.values.set(name, [value]);
      else list.push(value);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  str(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** Every value of a multi-value parameter, comma lists split. */
  list(name: string): string[] | undefined {
    const raw = this.values.get(name);
    if (raw === undefined) return undefined;
    return raw
      .flatMap((value) => value.split(','))
      .map((value) => value.trim())
      .filter((value) => value !== '');
  }

  int(name: string): number | undefined {
    const raw = this.str(name);
    return raw === undefined ? undefined : parseIntOrThrow(raw, name);
  }

  ints(name: string): number[] | undefined {
    return this.list(name)?.map((value) => parseIntOrThrow(value, name));
  }

  /** `true`/`false` (any case) or `1`/`0`; anything else is ignored like an unknown value. */
  bool(name: string): boolean | undefined {
    const raw = this.str(name)?.toLowerCase();
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    return undefined;
  }

  isTrue(name: string): boolean {
    return this.bool(name) === true;
  }

  date(name: string): number | undefined {
    const raw = this.str(name);
    if (raw === undefined) return undefined;
    const ms = parseHaloDate(raw);
    if (ms === undefined) throw badRequest(`String '${raw}' was not recognized as a valid DateTime.`);
    return ms;
  }
}

function parseIntOrThrow(raw: string, name: string): number {
  const trimmed = raw.trim();
  if (!/^-?\d+$/.test(trimmed)) throw badRequest(`The value '${raw}' is not valid for ${name}.`);
  return Number(trimmed);
}
