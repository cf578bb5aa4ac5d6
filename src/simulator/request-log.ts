import type { LogEntry, LoggedQuery, RequestLogView } from './types.js';

export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase();
  return lower.startsWith('/api/') && !lower.startsWith('/api/authinfo');
}

export function queryForLog(params: URLSearchParams): LoggedQuery {
  const query: LoggedQuery = {};
  for (const [key, value] of params) {
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[key] = [seen, value];
  }
  return query;
}

function normalisePrefix(prefix: string): string {
  const full = prefix.startsWith('/') ? prefix : `/api/${prefix}`;
  return full.toLowerCase();
}

export function pathMatches(path: string, prefix: string): boolean {
  return path.toLowerCase().startsWith(normalisePrefix(prefix));
}

export class RequestLog implements RequestLogView {
  private list: LogEntry[] = [];

  get entries(): readonly LogEntry[] {
    return this.list;
  }

  record(entry: LogEntry): LogEntry {
    this.list.push(entry);
    return entry;
  }

  apiRequests(): LogEntry[] {
    return this.list.filter((entry) => isApiPath(entry.path));
  }

  count(pathPrefix?: string): number {
    if (pathPrefix === undefined) return this.apiRequests().length;
    return this.list.filter((entry) => pathMatches(entry.path, pathPrefix)).length;
  }

  reset(): void {
    this.list = [];
  }
}
