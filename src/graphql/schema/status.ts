import { builder } from '../builder.js';
import { StatusRef } from './refs.js';

/**
 * Halo's own report SQL treats statuses 8 and 9 as closed (`status not in (8,9)` = open); the
 * meaning of `Status.type` is undocumented, so it is not used (halo-api.md §3.1, §3.13).
 */
const CLOSED_STATUS_IDS: ReadonlySet<number> = new Set([8, 9]);

export function isClosedStatus(statusId: number | null | undefined): boolean {
  return statusId != null && CLOSED_STATUS_IDS.has(statusId);
}

export const CLOSED_STATUS_NOTE =
  'Closed means status id 8 or 9, the system closed statuses Halo itself reports on.';

StatusRef.implement({
  description:
    'A ticket status (Halo "TStatus"). Ids other than 1 (New) and 8/9 (closed) are tenant-defined.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    shortName: t.exposeString('shortname', { description: 'Abbreviation shown in compact views.' }),
    isClosed: t.boolean({
      nullable: false,
      description: `True for closed statuses. ${CLOSED_STATUS_NOTE}`,
      resolve: (s) => isClosedStatus(s.id),
    }),
    colour: t.exposeString('colour', { description: 'Display colour, as Halo stores it (e.g. `#ff0000`).' }),
    sequence: t.exposeInt('sequence', { description: 'Position in Halo status pickers.' }),
  }),
});

builder.queryFields((t) => ({
  statuses: t.field({
    type: [StatusRef],
    nullable: false,
    description: 'Every ticket status, in Halo sequence order (served from a short-lived shared cache).',
    resolve: async (_root, _args, ctx) => bySequence(await ctx.reference.get('statuses')),
  }),
}));

/** Halo pickers order by `sequence`, then id. */
export function bySequence<T extends { id: number; sequence?: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0) || a.id - b.id);
}
