import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

function capture(level: 'error' | 'warn' | 'info' | 'debug' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({ level, write: (line) => lines.push(line), now: () => Date.UTC(2026, 0, 2) });
  return { lines, logger };
}

describe('createLogger', () => {
  it('writes one JSON line per entry with time, level, message and fields', () => {
    const { lines, logger } = capture();
    logger.info('halo request', { endpoint: 'GET /api/Tickets', attempt: 2 });
    expect(lines).toEqual([
      '{"time":"2026-01-02T00:00:00.000Z","level":"info","msg":"halo request","endpoint":"GET /api/Tickets","attempt":2}',
    ]);
  });

  it('drops entries below the configured level', () => {
    const { lines, logger } = capture('warn');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(['warn', 'error']);
  });

  it('redacts registered secrets and bearer values in messages and fields', () => {
    const { lines, logger } = capture();
    logger.addSecret('client-secret-value');
    logger.addSecret('tok"en-with-quote');
    logger.error('failed with client-secret-value', {
      header: 'Bearer abc.def',
      nested: { token: 'tok"en-with-quote' },
      error: new Error('boom client-secret-value'),
    });
    const line = lines[0]!;
    expect(line).not.toContain('client-secret-value');
    expect(line).not.toContain('abc.def');
    expect(line).not.toContain('en-with-quote');
    expect(JSON.parse(line)).toMatchObject({
      msg: 'failed with [REDACTED]',
      error: { name: 'Error', message: 'boom [REDACTED]' },
    });
  });

  it('writes to stderr by default, never stdout', () => {
    const logger = createLogger({ level: 'info' });
    const stdout = process.stdout.write;
    const stderr = process.stderr.write;
    const seen: string[] = [];
    process.stdout.write = ((chunk: string) => {
      seen.push(`out:${chunk}`);
      return true;
    }) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string) => {
      seen.push(`err:${chunk}`);
      return true;
    }) as typeof process.stderr.write;
    try {
      logger.info('hello');
    } finally {
      process.stdout.write = stdout;
      process.stderr.write = stderr;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^err:\{.*"msg":"hello"\}\n$/);
  });
});
