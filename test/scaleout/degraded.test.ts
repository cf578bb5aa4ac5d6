import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cluster, type HealthAnswer, requireClusterOrSkip, startCluster } from './cluster.js';
import {
  apiEntries,
  type CallRecord,
  closeClients,
  connectClient,
  connectClients,
  countBy,
  type LoadClient,
  maxInWindow,
  runLoad,
  type ToolCall,
  toolMix,
} from './load.js';

// Redis SIGKILLed with traffic flowing, then started again on the same port (empty). While it is
// away every replica says "degraded" on /health and paces alone at floor(limit / expected
// replicas), each replica's Halo requests counted apart by its own tap; calls keep being answered
// (an answer or a clear pacing refusal), Halo never answers 429, and a stable query answers the
// same before, during and after. Once Redis is back /health says ok again and calls go on.

const WINDOW_MS = 10_000;
const HALO_LIMIT = 120;
const RATE_LIMIT = 114;
const REPLICAS = 3;
/** More than run: each replica's share is the smaller floor(114 / 4), which three replicas cannot reach together. */
const EXPECTED_REPLICAS = 4;
const SHARE = Math.floor(RATE_LIMIT / EXPECTED_REPLICAS);
const CLIENTS = 45;
/** See budget.test.ts: arrivals trail the replicas' counts by at most this much. */
const TRANSIT_MS = 1_000;
const BEFORE_MS = 8_000;
/** Longer than a window, so whole windows of degraded pacing can be counted. */
const OUTAGE_MS = 16_000;
const AFTER_MS = 8_000;

const STABLE: ToolCall = { name: 'list_clients', arguments: {} };

const runnable = requireClusterOrSkip();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!runnable)('Redis lost and back with traffic flowing', () => {
  let cluster: Cluster;
  let clients: LoadClient[] = [];
  let probe: LoadClient | undefined;
  let stopLoad: () => Promise<unknown> = async () => undefined;

  beforeAll(async () => {
    cluster = await startCluster({
      replicas: REPLICAS,
      expectedReplicas: EXPECTED_REPLICAS,
      haloLimit: { requests: HALO_LIMIT, windowMs: WINDOW_MS },
      rateLimit: RATE_LIMIT,
      tokenLifetimeSeconds: 20,
      latencyMs: { min: 20, max: 40 },
      referenceTtlMs: 10_000,
      env: { HALO_RETRY_BUDGET_MS: '8000', HALO_TIMEOUT_MS: '5000' },
    });
    const headers = { authorization: `Bearer ${cluster.token}` };
    clients = await connectClients(CLIENTS, cluster.url, headers);
    probe = await connectClient(CLIENTS, 'v2', cluster.url, headers);
  }, 60_000);

  afterAll(async () => {
    await stopLoad();
    await closeClients(probe ? [...clients, probe] : clients);
    await cluster?.stop();
  }, 30_000);

  /** The stable query's answer, asked again while the budget is spent (a pacing answer is no answer). */
  async function stableAnswer(): Promise<CallRecord> {
    if (!probe) throw new Error('no probe client');
    let last: CallRecord | undefined;
    for (let attempt = 0; attempt < 20; attempt++) {
      last = await probe.call(STABLE, true);
      if (last.outcome !== 'paced') return last;
      await sleep(1_000);
    }
    throw new Error(`the stable query was paced 20 times: ${last?.text}`);
  }

  async function waitForHealth(
    status: 'ok' | 'degraded',
    timeoutMs: number,
  ): Promise<Map<string, HealthAnswer>> {
    const seen = new Map<string, HealthAnswer>();
    const seenAt = new Map<string, number>();
    const deadline = Date.now() + timeoutMs;
    while (seen.size < cluster.replicas.length) {
      for (const replica of cluster.replicas) {
        if (seen.has(replica.name)) continue;
        const health = await replica.health().catch(() => undefined);
        if (health?.status === status) {
          seen.set(replica.name, health);
          seenAt.set(replica.name, Date.now());
        }
      }
      if (seen.size < cluster.replicas.length && Date.now() > deadline) {
        const missing = cluster.replicas.filter((r) => !seen.has(r.name)).map((r) => r.name);
        throw new Error(`${missing.join(', ')} never said ${status} on /health:\n${cluster.output()}`);
      }
      await sleep(100);
    }
    return new Map([...seen].map(([name, health]) => [name, { ...health, seenAt: seenAt.get(name) }]));
  }

  it('answers throughout, paces each replica at its share while Redis is away, and recovers', async () => {
    const redis = cluster.redis;
    if (!redis) throw new Error('the cluster has no Redis');
    for (const replica of cluster.replicas) expect((await replica.health()).status).toBe('ok');

    const mix = toolMix(cluster.sim.data);
    const started = Date.now();
    let stopAt = Number.POSITIVE_INFINITY;
    const load = runLoad(clients, {
      get until() {
        return stopAt;
      },
      pick: (client, n) => mix[(client * 5 + n) % mix.length] ?? STABLE,
      pauseMs: { min: 1_000, max: 3_000 },
    });

    // Whatever fails below, afterAll stops the clients calling before the cluster goes.
    stopLoad = async () => {
      stopAt = Math.min(stopAt, Date.now());
      await load;
    };
    await sleep(BEFORE_MS);
    const before = await stableAnswer();
    const lostAt = Date.now();
    await redis.stop(true);
    const degraded = await waitForHealth('degraded', 10_000);
    const allDegradedAt = Math.max(...[...degraded.values()].map((h) => Number(h.seenAt)));
    const during = await stableAnswer();
    const proxyDuring = await cluster.proxyStatus();
    await sleep(Math.max(0, allDegradedAt + OUTAGE_MS - Date.now()));
    const backAt = Date.now();
    await redis.start();
    const recovered = await waitForHealth('ok', 15_000);
    const allOkAt = Math.max(...[...recovered.values()].map((h) => Number(h.seenAt)));
    await sleep(AFTER_MS);
    const after = await stableAnswer();
    stopAt = Date.now();
    const records = await load;

    const log = cluster.sim.log.entries;
    const byPhase = (from: number, to: number) => records.filter((r) => r.start >= from && r.start < to);
    const outageCalls = byPhase(allDegradedAt, backAt);
    const afterCalls = byPhase(allOkAt, stopAt);
    const perReplica = cluster.replicas.map((replica) => {
      const seenAt = Number(degraded.get(replica.name)?.seenAt);
      const sends = apiEntries(replica.upstream(), seenAt, backAt).map((e) => e.at);
      return { name: replica.name, busiest: maxInWindow(sends, WINDOW_MS - TRANSIT_MS).count };
    });
    const clusterBusiest = maxInWindow(
      apiEntries(log, allDegradedAt, backAt).map((e) => e.at),
      WINDOW_MS - TRANSIT_MS,
    ).count;
    const failed = records.filter((r) => r.outcome === 'failed');
    const health = degraded.get('r0');
    process.stderr.write(
      `${[
        `scale-out Redis outage: ${Math.round((stopAt - started) / 1000)} s, Redis down ${Math.round((backAt - lostAt) / 1000)} s (all degraded after ${allDegradedAt - lostAt} ms, all ok ${allOkAt - backAt} ms after it was back)`,
        `  calls ${records.length}: ${JSON.stringify(countBy(records, (r) => r.outcome))}; during the outage ${JSON.stringify(countBy(outageCalls, (r) => r.outcome))}, after ${JSON.stringify(countBy(afterCalls, (r) => r.outcome))}`,
        `  busiest ${WINDOW_MS - TRANSIT_MS} ms while degraded: per replica ${JSON.stringify(perReplica.map((p) => [p.name, p.busiest]))} (share ${SHARE}), cluster ${clusterBusiest}; Halo 429s ${log.filter((e) => e.status === 429).length}`,
        `  /health while degraded (r0): ${JSON.stringify(health)}; haproxy then: ${JSON.stringify(proxyDuring)}`,
        ...failed.slice(0, 5).map((f) => `  failed: ${f.tool} via ${f.replica ?? '?'}: ${f.text}`),
      ].join('\n')}\n`,
    );

    for (const answer of degraded.values()) {
      expect(answer).toMatchObject({ status: 'degraded', state: { backend: 'redis', status: 'degraded' } });
      expect(JSON.stringify(answer)).not.toContain(redis.url);
    }
    for (const answer of recovered.values()) expect(answer.status).toBe('ok');

    for (const p of perReplica) expect(p.busiest, p.name).toBeLessThanOrEqual(SHARE);
    expect(clusterBusiest).toBeLessThanOrEqual(REPLICAS * SHARE);
    // The outage saw real traffic: at least one replica spent its share.
    expect(Math.max(...perReplica.map((p) => p.busiest))).toBe(SHARE);
    expect(log.filter((e) => e.status === 429)).toEqual([]);

    expect(failed.map((f) => `${f.tool}: ${f.text}`)).toEqual([]);
    expect(outageCalls.filter((r) => r.outcome === 'ok').length).toBeGreaterThan(0);
    expect(afterCalls.filter((r) => r.outcome === 'ok').length).toBeGreaterThan(0);
    expect(before.outcome).toBe('ok');
    expect(during.text).toBe(before.text);
    expect(after.text).toBe(before.text);
  }, 120_000);
});
