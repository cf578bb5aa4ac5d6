import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHaloClient } from '../../src/halo/client.js';
import { type ManualClock, manualClock } from '../helpers/clock.js';
import { FAST_BACKOFF, startTestHalo, type TestHalo } from '../helpers/halo.js';
import { smallDataset } from './fixtures.js';

// Retry the page, not the call: a transient failure on one page of a walk costs one more GET of
// that page; a page that keeps failing fails the whole read, never a silently short list.

describe('a multi-page read meeting transient failures', () => {
  let halo: TestHalo;
  beforeAll(async () => {
    halo = await startTestHalo({ dataset: smallDataset(250) });
  });
  afterAll(() => halo.stop());
  beforeEach(() => {
    halo.sim.faults.clear();
    halo.sim.log.reset();
  });

  /** One request in flight at a time, and `onPage(n)` run just before each GET of page n. */
  function clientWith(onPage: (pageNo: number) => void, clock?: ManualClock) {
    return createHaloClient(
      { ...halo.config, maxConcurrency: 1, maxRetries: 3 },
      {
        backoff: FAST_BACKOFF,
        ...(clock ? { now: clock.now, sleep: clock.sleep } : {}),
        fetch: (input, init) => {
          const pageNo = new URL(String(input)).searchParams.get('page_no');
          if (pageNo) onPage(Number(pageNo));
          return fetch(input, init);
        },
      },
    );
  }
  const pages = () => halo.sim.log.apiRequests().map((e) => `${e.query.page_no}:${e.status}`);

  it('re-reads only the failed pages and answers the whole list', async () => {
    const failed = new Set<number>();
    const client = clientWith((pageNo) => {
      if (failed.has(pageNo)) return;
      failed.add(pageNo);
      if (pageNo === 2) halo.sim.faults.resetNext(1);
      if (pageNo === 3) halo.sim.faults.failNext(1, 503);
    });
    const result = await client.list('clients');
    expect(result.records.map((r) => r.id)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(result).toMatchObject({ recordCount: 250, truncated: false });
    expect(pages()).toEqual(['1:200', '2:0', '2:200', '3:503', '3:200']);
    expect(client.stats()).toMatchObject({ requestsSent: 5, retries: 2 });
  });

  it('fails the read when a page keeps failing, instead of answering the pages it got', async () => {
    const client = clientWith((pageNo) => {
      if (pageNo === 3) halo.sim.faults.failNext(1, 503);
    });
    await expect(client.list('clients')).rejects.toMatchObject({ code: 'HALO_UNAVAILABLE', status: 503 });
    expect(pages()).toEqual(['1:200', '2:200', '3:503', '3:503', '3:503', '3:503']);
  });

  it('shares one call budget across the pages: retries stop when the call runs out of time', async () => {
    const clock = manualClock();
    const client = clientWith((pageNo) => {
      if (pageNo >= 2) halo.sim.faults.failNext(1, 503);
    }, clock);
    // A call with no time left: page 1 gets its attempt, the failures after it are not retried.
    const reader = client.forCall({ deadline: clock.now() });
    await expect(reader.list('clients')).rejects.toMatchObject({ code: 'HALO_UNAVAILABLE' });
    expect(pages()).toEqual(['1:200', '2:503']);
  });
});
