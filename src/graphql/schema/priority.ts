import { builder } from '../builder.js';
import { optionalId } from './args.js';
import { PriorityRef } from './refs.js';

PriorityRef.implement({
  description:
    'A priority as defined inside one SLA (Halo "Policy"). The same priorityId repeats once per SLA, ' +
    'with that SLA’s name and target times; tickets carry the priorityId and their SLA id.',
  fields: (t) => ({
    id: t.exposeString('id', { nullable: false, description: 'Halo’s GUID for this (SLA, priority) pair.' }),
    priorityId: t.exposeInt('priorityid', {
      nullable: false,
      description: 'The priority number tickets carry (`priorityIds` in ticket filters).',
    }),
    slaId: t.exposeInt('slaid', { description: 'The SLA this row belongs to.' }),
    name: t.exposeString('name', { nullable: false }),
    responseTime: t.exposeFloat('responsetime', {
      description: 'Target time to first response, in responseUnits.',
    }),
    responseUnits: t.exposeString('responseunits', { description: 'Unit of responseTime as Halo names it.' }),
    fixTime: t.exposeFloat('fixtime', { description: 'Target time to resolution, in fixUnits.' }),
    fixUnits: t.exposeString('fixunits', { description: 'Unit of fixTime as Halo names it.' }),
    isHidden: t.boolean({
      nullable: false,
      description: 'Hidden from Halo’s priority pickers.',
      resolve: (p) => p.ishidden === true,
    }),
    colour: t.exposeString('colour', { description: 'Display colour as Halo stores it.' }),
  }),
});

builder.queryFields((t) => ({
  priorities: t.field({
    type: [PriorityRef],
    nullable: false,
    description:
      'Every (SLA, priority) pair by SLA then priority, optionally for one SLA (from a shared cache).',
    args: { slaId: t.arg.int({ description: 'Only the priorities of this SLA.' }) },
    resolve: async (_root, args, ctx) => {
      const slaId = optionalId(args.slaId, 'slaId');
      const rows = (await ctx.reference.get('priorities')).filter(
        (p) => slaId === undefined || p.slaid === slaId,
      );
      return rows.sort((a, b) => (a.slaid ?? 0) - (b.slaid ?? 0) || a.priorityid - b.priorityid);
    },
  }),
}));
