import { type LogLevel, redact } from './config.js';

// stdout belongs to the MCP stdio protocol: every log line goes to stderr.

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
  /** Registers a value that must never appear in a log line (client secret, access tokens). */
  addSecret(secret: string | undefined): void;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each finished line (without newline). Default: stderr. */
  write?: (line: string) => void;
  secrets?: Iterable<string | undefined>;
  now?: () => number;
}

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
/** Tokens are refreshed for as long as the process lives; remember only the most recent ones. */
const MAX_SECRETS = 64;

function serialisable(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const secrets: string[] = [];
  const addSecret = (secret: string | undefined) => {
    if (!secret || secrets.includes(secret)) return;
    secrets.push(secret);
    if (secrets.length > MAX_SECRETS) secrets.splice(0, secrets.length - MAX_SECRETS);
  };
  for (const secret of options.secrets ?? []) addSecret(secret);

  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (RANK[level] > threshold) return;
    const entry = { time: new Date(now()).toISOString(), level, msg: message, ...fields };
    let line: string;
    try {
      line = JSON.stringify(entry, (_key, value) => serialisable(value));
    } catch {
      line = JSON.stringify({ time: entry.time, level, msg: message, note: 'fields not serialisable' });
    }
    write(redact(line, secrets));
  };

  return {
    error: (message, fields) => emit('error', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    info: (message, fields) => emit('info', message, fields),
    debug: (message, fields) => emit('debug', message, fields),
    addSecret,
  };
}

/** A logger that drops everything (tests, library use). Still accepts secrets. */
export const silentLogger: Logger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  addSecret: () => {},
};
