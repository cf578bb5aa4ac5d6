import { builder } from '../builder.js';
import { TicketTypeRef } from './refs.js';
import { bySequence } from './status.js';

TicketTypeRef.implement({
  description: 'A ticket type (Halo "RequestType"), e.g. Incident, Service Request, Project task.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    name: t.exposeString('name', { nullable: false }),
    group: t.exposeString('group_name', { description: 'The ticket type group it belongs to.' }),
    use: t.exposeString('use', {
      description: 'What Halo uses the type for, as Halo names it (e.g. `ticket`).',
    }),
    sequence: t.exposeInt('sequence', { description: 'Position in Halo ticket type pickers.' }),
    defaultTeamName: t.exposeString('default_team', { description: 'Team new tickets of this type go to.' }),
  }),
});

builder.queryFields((t) => ({
  ticketTypes: t.field({
    type: [TicketTypeRef],
    nullable: false,
    description:
      'Every ticket type, inactive ones included, in Halo sequence order (served from a shared cache).',
    resolve: async (_root, _args, ctx) => bySequence(await ctx.reference.get('ticketTypes')),
  }),
}));
