import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_NOTE } from '../../src/mcp/render-text.js';
import { cleanText } from '../../src/mcp/text-hygiene.js';
import type { RunningSimulator } from '../../src/simulator/types.js';
import { connectMcp, type McpStack, robustnessDataset, startSim } from './harness.js';

// Halo text with terminal escapes, other control characters and bidi overrides (a "Trojan Source"
// reordering) reaches neither the structured result nor the text a model or a terminal shows.

const ESC = '\u001b';
/** Each hostile character once, around words that must survive. */
const SUMMARY = `Printer${ESC}[2J${ESC}[31m jam\u0007\u0000 \u202Eevil\u202C \u2066isolated\u2069\u200F done`;
const DETAILS = `Line one\r\nLine two\tcolumn\rLine three\u2028Line four\u0085 \u009b31m bye \u007f`;

/** A character that must not reach a result: a control other than tab and newline, or a bidi control. */
function isHostile(char: string): boolean {
  const c = char.codePointAt(0) ?? 0;
  if (c < 0x20) return c !== 0x09 && c !== 0x0a;
  if (c >= 0x7f && c <= 0x9f) return true;
  if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return true;
  return [0x200e, 0x200f, 0x061c, 0x2028, 0x2029].includes(c);
}

/** Every hostile character in a value: its strings and keys, at any depth. */
function hostileIn(value: unknown): string[] {
  if (typeof value === 'string') return [...value].filter(isHostile);
  if (Array.isArray(value)) return value.flatMap(hostileIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, field]) => [...hostileIn(key), ...hostileIn(field)]);
  }
  return [];
}

let sim: RunningSimulator;
let stack: McpStack;
let ticketId: number;

beforeAll(async () => {
  const dataset = robustnessDataset();
  const ticket = dataset.tickets[0]!;
  ticket.summary = SUMMARY;
  ticket.details = DETAILS;
  ticketId = ticket.id;
  sim = await startSim({ dataset });
  stack = await connectMcp(sim);
});
afterAll(async () => {
  await stack?.close();
  await sim?.stop();
});

describe('text hygiene', () => {
  it('strips control characters and bidi controls, keeping words, newlines and tabs', () => {
    expect(cleanText(SUMMARY)).toBe('Printer[2J[31m jam evil isolated done');
    expect(cleanText(DETAILS)).toBe('Line one\nLine two\tcolumn\nLine three\nLine four 31m bye ');
    expect(cleanText('plain text\nwith\ttab')).toBe('plain text\nwith\ttab');
  });

  it('cleans Halo text in get_ticket, structured and text, and keeps the data fence', async () => {
    const { result, text, data } = await stack.call('get_ticket', { ticket_id: ticketId });
    expect(result.isError).toBeFalsy();
    expect(data.ticket.summary).toBe('Printer[2J[31m jam evil isolated done');
    expect(data.ticket.details).toBe('Line one\nLine two\tcolumn\nLine three\nLine four 31m bye ');
    expect(hostileIn(data)).toEqual([]);
    expect(hostileIn(result.content)).toEqual([]);
    expect(hostileIn(text)).toEqual([]);
    expect(text).toContain('jam evil isolated done');
    expect(text).toContain(DATA_NOTE);
    expect(text).toMatch(/^~{3,}halo-data$/m);
  });

  it('cleans the same text in list results', async () => {
    const { text, data } = await stack.call('list_tickets', { page_size: 100 });
    const row = data.tickets.items.find((t: { id: number }) => t.id === ticketId);
    expect(row.summary).toBe('Printer[2J[31m jam evil isolated done');
    expect(hostileIn(data)).toEqual([]);
    expect(hostileIn(text)).toEqual([]);
  });
});
