import type { LogEntry } from '../../src/simulator/types.js';

/** `path?sorted query` per upstream request, paging parameters dropped, sorted: for exact assertions. */
export function requestLines(requests: LogEntry[]): string[] {
  const paging = new Set(['pageinate', 'page_size', 'page_no']);
  return requests
    .map((r) => {
      const query = Object.entries(r.query)
        .filter(([key]) => !paging.has(key))
        .map(([key, value]) => `${key}=${value}`)
        .sort()
        .join('&');
      return query ? `${r.path}?${query}` : r.path;
    })
    .sort();
}
