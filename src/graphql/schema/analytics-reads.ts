import { addDays, lastDays, type Period } from '../../analytics/common.js';
import type { QueryParams, ResourceName, ResourceRecord } from '../../halo/resources.js';
import type { HaloAction, HaloContract, HaloTicket } from '../../halo/types.js';
import { dayIn } from '../../revenue/dates.js';
import { checkPeriod } from '../../revenue/index.js';
import type { GraphQLContext } from '../context.js';
import { badInput } from '../errors.js';
import { requireId } from './args.js';
import { ticketIsOpen } from './ticket.js';

// The reads behind the analytics fields (docs/analytics.md). Every collection is read in pages
// (100 rows a request) once per request; actions are read per ticket through the per-request
// loader, so a ticket two sections of one query need is read once.

export const MAX_PERIOD_DAYS = 5 * 366;
export const MAX_ROWS = 500;

/** A period from optional ends: no `to` = today, no `from` = `defaultDays` ending on `to`. */
export function periodArg(
  args: { from?: string | null; to?: string | null },
  today: string,
  defaultPeriod: (to: string) => Period,
): Period {
  const to = args.to ?? today;
  const from = args.from ?? defaultPeriod(to).from;
  const error = checkPeriod(from, to);
  if (error) throw badInput(error);
  if (addDays(from, MAX_PERIOD_DAYS) < to) {
    throw badInput(`The period ${from}..${to} is longer than 5 years; give a shorter from/to range.`);
  }
  return { from, to };
}

export const ninetyDays = (to: string) => lastDays(to, 90);

/** A whole number within bounds, else BAD_USER_INPUT naming it. */
export function boundedInt(
  value: number | null | undefined,
  fallback: number,
  name: string,
  min: number,
  max: number,
): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max)
    throw badInput(`${name} must be from ${min} to ${max}, got ${v}.`);
  return v;
}

export function optionalClient(id: number | null | undefined): number | undefined {
  return id == null ? undefined : requireId(id, 'client id');
}

/**
 * "Now" for verdicts such as "open past its target": the clock when `today` is the real day,
 * else the start of the configured day (a simulator dataset anchored on another day).
 */
export function nowFor(ctx: GraphQLContext): string {
  const real = new Date();
  return dayIn(real, ctx.timeZone) === ctx.today ? real.toISOString() : `${ctx.today}T00:00:00.000Z`;
}

/** Every row matching `query` (all pages), refused when the configured row bound cut it short. */
export async function readAll<R extends ResourceName>(
  ctx: GraphQLContext,
  resource: R,
  query: QueryParams,
  what: string,
): Promise<Array<ResourceRecord[R]>> {
  const result = await ctx.halo.list(resource, query);
  if (result.truncated) {
    throw badInput(
      `${result.recordCount} ${what} match but one request reads at most ${result.records.length} (HALO_MAX_LIST_RECORDS); narrow it (client_id, a shorter period) or raise the bound.`,
    );
  }
  return result.records;
}

/** Halo's ticket date search (`dateoccured` is Halo's spelling of the opened column). */
export function ticketDates(column: 'dateoccured' | 'datecleared', period: Period): QueryParams {
  return { datesearch: column, startdate: `${period.from}T00:00:00`, enddate: `${period.to}T23:59:59` };
}

export const isClosedTicket = (ticket: HaloTicket) => !ticketIsOpen(ticket);

/** Most tickets whose actions one call reads (Halo has no bulk actions read: one request each). */
export const MAX_ACTION_READS = 1500;

/** Actions of each ticket, one read per ticket (batched by the loader, cached for the request). */
export async function actionsFor(
  ctx: GraphQLContext,
  tickets: readonly HaloTicket[],
): Promise<(ticketId: number) => readonly HaloAction[]> {
  const ids = [...new Set(tickets.map((t) => t.id))];
  if (ids.length > MAX_ACTION_READS) {
    throw badInput(
      `${ids.length} tickets would need their actions read (one request each, limit ${MAX_ACTION_READS}); give a client_id or a shorter from/to period.`,
    );
  }
  const lists = await ctx.loaders.actionsByTicket.loadMany(ids);
  const byTicket = new Map<number, HaloAction[]>();
  ids.forEach((id, i) => {
    const list = lists[i];
    if (list instanceof Error) throw list;
    byTicket.set(id, list ?? []);
  });
  return (id) => byTicket.get(id) ?? [];
}

/** Tickets whose last action predates `from` cannot hold time in the period: skip their actions. */
export function activeSince(tickets: readonly HaloTicket[], from: string): HaloTicket[] {
  return tickets.filter((t) => !t.lastactiondate || t.lastactiondate.slice(0, 10) >= from);
}

/** The invoice kinds are sent explicitly: Halo's defaults for them are unknown. */
export const INVOICE_KINDS: QueryParams = {
  includeinvoices: true,
  includecredits: true,
  includepoinvoices: false,
};

/** Templates completed from their detail where the list left out `lines` or `schedule` (revenue's rule). */
export { withTemplateDetails as withTemplateLines } from './revenue.js';

/** Contracts with their detail fields (billing period text, block hours, periods) merged in. */
export async function withContractDetails(
  contracts: HaloContract[],
  ctx: GraphQLContext,
): Promise<HaloContract[]> {
  const details = await ctx.loaders.contractDetail.loadMany(contracts.map((c) => c.id));
  return contracts.map((contract, i) => {
    const detail = details[i];
    if (detail instanceof Error) throw detail;
    return detail ? { ...contract, ...detail } : contract;
  });
}
