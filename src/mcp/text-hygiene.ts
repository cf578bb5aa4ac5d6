// Halo text is typed by end users and by integrations: it can carry terminal escape sequences,
// other control characters, and Unicode bidi controls that make text read differently from how it
// is stored (a "Trojan Source" reordering). None of that may reach a model or a terminal: control
// characters go (newlines and tabs stay, CRLF becomes a newline) and bidi controls are removed.

// Written as escapes in strings so that no invisible character sits in this file.
/** C0 and C1 controls and DEL, except tab (U+0009) and line feed (U+000A). */
const CONTROL_RANGES = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F';
/** Bidi embeddings, overrides and isolates, and the invisible direction marks (LRM, RLM, ALM). */
const BIDI_RANGES = '\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C';
/** Line and paragraph separators: newlines to a reader, so they become one. */
const SEPARATOR_RANGES = '\\u2028\\u2029';
const CONTROL = new RegExp(`[${CONTROL_RANGES}]`, 'g');
const BIDI = new RegExp(`[${BIDI_RANGES}]`, 'g');
const SEPARATORS = new RegExp(`[${SEPARATOR_RANGES}]`, 'g');
const SUSPECT = new RegExp(`[${CONTROL_RANGES}${BIDI_RANGES}${SEPARATOR_RANGES}]`);

/** The text without control characters (but tab and newline) and without bidi controls. */
export function cleanText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(SEPARATORS, '\n').replace(CONTROL, '').replace(BIDI, '');
}

/** A copy of a JSON value with every string, keys included, cleaned; other values unchanged. */
export function cleanHaloData<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) out[cleanText(key)] = clean(field);
    return out;
  }
  return value;
}
