import { Kind } from 'graphql';
import { builder } from '../builder.js';
import { badInput } from '../errors.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
export function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw badInput(`Expected a date as YYYY-MM-DD, got ${describe(value)}.`);
  }
  const parsed = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw badInput(`${value} is not a real calendar date.`);
  }
  return value;
}

function parseDateTime(value: unknown): string {
  if (typeof value === 'string' && DATE.test(value)) return `${parseDate(value)}T00:00:00.000Z`;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    throw badInput(`Expected an ISO-8601 date-time, got ${describe(value)}.`);
  }
  return new Date(value).toISOString();
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

builder.scalarType('Date', {
  description: 'A calendar date, `YYYY-MM-DD`.',
  serialize: (value) => String(value).slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date-time in UTC (Halo sends zone-less times; they are read as UTC).',
  serialize: (value) => String(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

builder.scalarType('Money', {
  description: 'An amount of money as a JSON number, rounded to 2 decimals; the currency is given beside it.',
  serialize: (value) => Math.round(Number(value) * 100) / 100,
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput('Expected a number.');
    return value;
  },
});

builder.scalarType('JSON', {
  description: 'Arbitrary JSON (custom field values, report rows).',
  serialize: (value) => value,
  parseValue: (value) => value,
});
