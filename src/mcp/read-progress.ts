import type { UpstreamEvent } from '../halo/call-scope.js';

export interface ProgressState {
  /** Halo pages (GETs) read so far by the call. */
  progress: number;
  /** Pages the call is known to need in all, when any list walk has revealed its size. */
  total?: number;
  message: string;
}

interface Walk {
  resource: string;
  read: number;
  total?: number;
}

/** Walks shown by name in the message, largest first. */
const NAMED_WALKS = 3;

/**
 * Counts a call's upstream reads as progress: every GET is one page read; a list walk that has
 * read page 1 knows its page total, so the call's total is what it read plus what its walks still
 * have to read. Reads of unknown size (one record, a reference list) add to both sides.
 */
export class ReadProgress {
  private reads = 0;
  private readonly walks = new Map<number, Walk>();

  record(event: UpstreamEvent): ProgressState | undefined {
    if (event.kind !== 'read') return undefined;
    this.reads++;
    if (event.walk !== undefined && event.pagesRead !== undefined) {
      this.walks.set(event.walk, {
        resource: event.resource ?? 'Halo',
        read: event.pagesRead,
        ...(event.pagesTotal === undefined ? {} : { total: event.pagesTotal }),
      });
    }
    return this.state();
  }

  /** Pages still to read by the walks whose size is known. */
  remaining(): number {
    let left = 0;
    for (const walk of this.walks.values()) left += Math.max(0, (walk.total ?? walk.read) - walk.read);
    return left;
  }

  get pagesRead(): number {
    return this.reads;
  }

  state(): ProgressState {
    const sized = [...this.walks.values()]
      .filter((w): w is Required<Walk> => w.total !== undefined && w.total > 1)
      .sort((a, b) => b.total - a.total);
    const total = sized.length > 0 ? this.reads + this.remaining() : undefined;
    const named = sized.slice(0, NAMED_WALKS).map((w) => `${w.read} of ${w.total} ${pagesOf(w.resource)}`);
    const message =
      named.length > 0
        ? `read ${named.join(', ')}`
        : `read ${this.reads} Halo page${this.reads === 1 ? '' : 's'}`;
    return { progress: this.reads, ...(total === undefined ? {} : { total }), message };
  }
}

/** `recurringInvoices` → "recurring invoice pages". */
function pagesOf(resource: string): string {
  const words = resource.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${words.replace(/s$/, '')} pages`;
}
