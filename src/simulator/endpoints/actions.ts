import type { HaloAction } from '../../halo/types.js';
import { badRequest, notFound } from '../http-errors.js';
import { envelope, omitFields, orderRows, RowFilter } from '../listing.js';
import { type Endpoint, pathInt } from './endpoint.js';

function byAgent(action: HaloAction): boolean {
  return (action.who_agentid ?? 0) > 0;
}

/** No agent author and no named author other than "System" (Halo's `who_type` codes are unverified). */
function isSystem(action: HaloAction): boolean {
  const who = action.who?.trim().toLowerCase() ?? '';
  return !byAgent(action) && (who === '' || who === 'system');
}

function hasTime(action: HaloAction): boolean {
  return (action.timetaken ?? 0) > 0;
}

/**
 * Actions are ticket-scoped: ids restart at 1 on each ticket, the list without `ticket_id` answers
 * `record_count: 0`, and the list takes `count` (no `pageinate`). `note_html` only with
 * `includehtmlnote=true`.
 */
export const actionsEndpoint: Endpoint = {
  name: 'actions',
  list(q, ix) {
    const ticketId = q.int('ticket_id');
    const rows = ticketId === undefined ? [] : (ix.actionsByTicket.get(ticketId) ?? []);
    const filter = new RowFilter<HaloAction>(q)
      .flag('agentonly', byAgent)
      .flag('excludesys', (a) => !isSystem(a))
      .flag('timeentriesonly', hasTime)
      .flag('excludeprivate', (a) => a.hiddenfromuser !== true)
      .flag('importantonly', (a) => a.important === true)
      .dateRange('startdate', 'enddate', (a) => a.datetime);
    const html = q.isTrue('includehtmlnote');
    return envelope(orderRows(filter.apply(rows), q), q, 'actions', false, (a) =>
      html ? a : omitFields(a, ['note_html']),
    );
  },
  detail(id, q, ix) {
    const actionId = pathInt(id);
    const ticketId = q.int('ticket_id');
    if (ticketId === undefined) throw badRequest('Please specify a ticket_id');
    const action = ix.action(ticketId, actionId);
    if (action === undefined) throw notFound();
    return action;
  },
};
