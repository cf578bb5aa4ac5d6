import type { HaloConfig } from '../config.js';
import { isHaloApiError } from '../halo/errors.js';
import { RESOURCES, type ResourceName } from '../halo/resources.js';
import { rateHeadersCheck, scopesCheck } from './checks/access.js';
import { envelopeCheck } from './checks/envelopes.js';
import { refused } from './checks/shape.js';
import { batchChecks, batchIds, busiestTicket, countCheck, sortCheck } from './checks/tickets.js';
import { checkInstance, credentialFailure, credentialsOk } from './connectivity.js';
import { Probe } from './probe.js';
import { contractsStep, firstPage, invoicesStep, type Read, step, templatesStep } from './steps.js';
import { type CheckResult, type DoctorReport, isProblem } from './types.js';

export interface DoctorOptions {
  fetch?: typeof fetch;
  now?: () => number;
}

/** Lists read only for their envelope (the others are read by the steps below). */
const PAGED_ENVELOPES: ResourceName[] = ['projects', 'sites', 'users', 'assets', 'reports'];
const BARE_ENVELOPES: ResourceName[] = ['agents', 'teams', 'statuses', 'ticketTypes', 'priorities'];

/** Actions asked for on the busiest ticket: above Halo's page cap, to see whether `count` is cut. */
const ACTIONS_COUNT = 1000;

const envelopesStep = (read: Read): Promise<CheckResult[]> =>
  step('envelopes', 'List envelopes', () =>
    Promise.all([
      ...PAGED_ENVELOPES.map(async (r) => envelopeCheck(r, await read(RESOURCES[r].path, firstPage(1)), 1)),
      ...BARE_ENVELOPES.map(async (r) => envelopeCheck(r, await read(RESOURCES[r].path))),
    ]),
  );

const ticketsStep = (read: Read): Promise<CheckResult[]> =>
  step('tickets', 'Tickets', async () => {
    const pageSize = 20;
    const sorted = (order: string) => read('Tickets', { ...firstPage(pageSize), order, orderdesc: true });
    const [byOpened, byLastAction] = await Promise.all([sorted('dateoccurred'), sorted('lastactiondate')]);
    if (byOpened === undefined || byLastAction === undefined) return [refused('tickets', 'Tickets')];
    const ids = batchIds(byOpened, byLastAction);
    const busiest = busiestTicket(byOpened, byLastAction);
    const batch = (extra: Record<string, number>) =>
      ids.length === 0
        ? undefined
        : read('Tickets', { ...firstPage(100), ticketids: ids.join(','), ...extra });
    const [plain, withProjects, actions] = await Promise.all([
      batch({}),
      batch({ includeprojects: 2 }),
      busiest === undefined ? undefined : read('Actions', { ticket_id: busiest, count: ACTIONS_COUNT }),
    ]);
    return [
      envelopeCheck('tickets', byOpened, pageSize),
      sortCheck('dateoccurred', byOpened),
      sortCheck('lastactiondate', byLastAction),
      ...batchChecks(ids, plain, withProjects),
      ...(actions === undefined
        ? []
        : [envelopeCheck('actions', actions), countCheck(ACTIONS_COUNT, actions)]),
    ];
  });

/**
 * `halo-psa-mcp doctor`: configuration and connectivity first (stopping at the first thing that
 * blocks the rest), then every assumption of docs/halo-api.md §8 as OK / DIFFERS / UNKNOWN.
 * About 25 GETs and one token request; never a write.
 */
export async function runDoctor(config: HaloConfig, options: DoctorOptions = {}): Promise<DoctorReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const probe = new Probe(config, options.fetch);
  const checks: CheckResult[] = [];
  try {
    const { results, discovery } = await checkInstance(probe);
    checks.push(...results);
    if (discovery !== null) {
      const read: Read = (path, query) => probe.read(path, query);
      let clients: unknown;
      let connected = true;
      try {
        clients = await read('Client', firstPage(1));
        checks.push(credentialsOk());
      } catch (error) {
        if (!isHaloApiError(error)) throw error;
        checks.push(credentialFailure(error, discovery));
        connected = false;
      }
      if (connected) {
        if (clients !== undefined) checks.push(envelopeCheck('clients', clients, 1));
        const groups = await Promise.all([
          ticketsStep(read),
          templatesStep(read),
          invoicesStep(read, true),
          contractsStep(read),
          envelopesStep(read),
        ]);
        checks.push(...groups.flat(), scopesCheck(probe.denied), rateHeadersCheck(probe.rateHeaders));
      }
    }
  } finally {
    probe.close();
  }
  return {
    checks,
    requests: { get: probe.gets, token: probe.tokenPosts },
    durationMs: Math.max(0, now() - started),
    exitCode: checks.some(isProblem) ? 1 : 0,
  };
}
