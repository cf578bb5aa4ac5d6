import type { HaloInvoice } from '../../halo/types.js';
import type { Dataset } from '../dataset.js';
import { CATALOGUE } from './items.js';
import { round2 } from './money.js';

/** A reference id: Halo writes -1 (or nothing) for "none". */
function isRef(id: number | null | undefined): id is number {
  return typeof id === 'number' && id > 0;
}

function index<T extends { id: number }>(
  rows: readonly T[],
  label: string,
  problems: string[],
): Map<number, T> {
  const map = new Map<number, T>();
  for (const row of rows) {
    if (map.has(row.id)) problems.push(`${label} ${row.id} is duplicated`);
    map.set(row.id, row);
  }
  return map;
}

/**
 * Every broken link in a dataset, as sentences (empty when sound): foreign ids point at real
 * records of the same client, names match their ids, action ids run 1..n per ticket, invoice
 * lines belong to their header and totals add up.
 */
export function findIntegrityProblems(data: Dataset): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, message: () => string) => {
    if (!ok && problems.length < 500) problems.push(message());
  };
  const clients = index(data.clients, 'client', problems);
  const sites = index(data.sites, 'site', problems);
  const users = index(data.users, 'user', problems);
  const agents = index(data.agents, 'agent', problems);
  const teams = index(data.teams, 'team', problems);
  const statuses = index(data.statuses, 'status', problems);
  const types = index(data.ticketTypes, 'ticket type', problems);
  const tickets = index(data.tickets, 'ticket', problems);
  const contracts = index(data.contracts, 'contract', problems);
  const templates = index(data.recurringInvoices, 'recurring invoice', problems);
  const invoices = index(data.invoices, 'invoice', problems);
  const assets = index(data.assets, 'asset', problems);
  const items = new Set(CATALOGUE.map((item) => item.id));
  const priorities = new Map(data.priorities.map((p) => [`${p.slaid}/${p.priorityid}`, p]));

  const sameClient = (
    kind: string,
    id: number | null | undefined,
    clientId: number | null | undefined,
    where: string,
  ) => {
    if (!isRef(id)) return;
    const target =
      kind === 'site' ? sites.get(id) : kind === 'contract' ? contracts.get(id) : tickets.get(id);
    check(target !== undefined, () => `${where}: ${kind} ${id} does not exist`);
    check(
      target === undefined || target.client_id === clientId,
      () => `${where}: ${kind} ${id} belongs to another client`,
    );
  };

  for (const client of data.clients) {
    const where = `client ${client.id}`;
    sameClient('site', client.main_site_id, client.id, where);
    check(
      sites.get(client.main_site_id ?? -1)?.name === client.main_site_name,
      () => `${where}: main site name`,
    );
    check(
      agents.get(client.accountmanagertech ?? -1)?.name === client.accountmanagertech_name,
      () => `${where}: account manager`,
    );
  }
  for (const site of data.sites) {
    check(clients.get(site.client_id ?? -1)?.name === site.client_name, () => `site ${site.id}: client`);
  }
  for (const user of data.users) {
    const site = sites.get(user.site_id ?? -1);
    check(site?.name === user.site_name && site?.client_id === user.client_id, () => `user ${user.id}: site`);
    check(clients.get(user.client_id ?? -1)?.name === user.client_name, () => `user ${user.id}: client`);
    check(
      !isRef(user.linked_agent_id) || agents.has(user.linked_agent_id),
      () => `user ${user.id}: linked agent`,
    );
  }
  for (const agent of data.agents) {
    for (const team of agent.teams ?? []) {
      check(
        teams.get(team.team_id ?? -1)?.name === team.team_name,
        () => `agent ${agent.id}: team ${team.team_id}`,
      );
    }
  }

  for (const ticket of data.tickets) {
    const where = `ticket ${ticket.id}`;
    check(clients.get(ticket.client_id ?? -1)?.name === ticket.client_name, () => `${where}: client`);
    sameClient('site', ticket.site_id, ticket.client_id, where);
    check(sites.get(ticket.site_id ?? -1)?.name === ticket.site_name, () => `${where}: site name`);
    const user = users.get(ticket.user_id ?? -1);
    check(user?.name === ticket.user_name && user?.client_id === ticket.client_id, () => `${where}: user`);
    check(agents.get(ticket.agent_id ?? -1)?.name === ticket.agent_name, () => `${where}: agent`);
    check(statuses.get(ticket.status_id ?? -1)?.name === ticket.status_name, () => `${where}: status`);
    check(
      types.get(ticket.tickettype_id ?? -1)?.name === ticket.tickettype_name,
      () => `${where}: ticket type`,
    );
    check(teams.get(ticket.team_id ?? -1)?.name === ticket.team, () => `${where}: team`);
    check(
      priorities.get(`${ticket.sla_id}/${ticket.priority_id}`)?.name === ticket.priority_name,
      () => `${where}: priority`,
    );
    sameClient('contract', ticket.contract_id, ticket.client_id, where);
    sameClient('ticket', ticket.parent_id, ticket.client_id, where);
    check(
      !isRef(ticket.parent_id) || tickets.get(ticket.parent_id)?.is_project === true,
      () => `${where}: parent`,
    );
  }

  let previous: { ticket: number; id: number } = { ticket: -1, id: 0 };
  for (const action of data.actions) {
    const where = `action ${action.ticket_id}/${action.id}`;
    check(tickets.has(action.ticket_id), () => `${where}: ticket does not exist`);
    const expected = action.ticket_id === previous.ticket ? previous.id + 1 : 1;
    check(action.id === expected, () => `${where}: expected action id ${expected}`);
    previous = { ticket: action.ticket_id, id: action.id };
    check(
      !isRef(action.who_agentid) || agents.get(action.who_agentid)?.name === action.who,
      () => `${where}: author`,
    );
    check(
      statuses.get(action.new_status ?? -1)?.name === action.new_status_name,
      () => `${where}: new status`,
    );
    check(
      !isRef(action.project_id) || tickets.get(action.project_id)?.is_project === true,
      () => `${where}: project`,
    );
  }

  for (const asset of data.assets) {
    const where = `asset ${asset.id}`;
    check(clients.get(asset.client_id ?? -1)?.name === asset.client_name, () => `${where}: client`);
    sameClient('site', asset.site_id, asset.client_id, where);
    sameClient('contract', asset.contract_id, asset.client_id, where);
    check(
      !isRef(asset.parent_id) || assets.get(asset.parent_id)?.client_id === asset.client_id,
      () => `${where}: parent`,
    );
    for (const user of asset.users ?? [])
      check(users.get(user.id)?.name === user.name, () => `${where}: user ${user.id}`);
  }
  for (const contract of data.contracts) {
    check(
      clients.get(contract.client_id ?? -1)?.name === contract.client_name,
      () => `contract ${contract.id}: client`,
    );
    sameClient('site', contract.site_id, contract.client_id, `contract ${contract.id}`);
  }

  const templateLines = new Map<number, number>();
  const checkInvoice = (invoice: HaloInvoice, label: string) => {
    const where = `${label} ${invoice.id}`;
    check(clients.get(invoice.client_id ?? -1)?.name === invoice.client_name, () => `${where}: client`);
    sameClient('site', invoice.sitenumber, invoice.client_id, where);
    sameClient('contract', invoice.contract_id, invoice.client_id, where);
    sameClient('ticket', invoice.ticket_id, invoice.client_id, where);
    check(
      !isRef(invoice.recurring_invoice_id) ||
        templates.get(invoice.recurring_invoice_id)?.client_id === invoice.client_id,
      () => `${where}: recurring invoice`,
    );
    check(
      !isRef(invoice.creditlinkedtoinvoiceid) || invoices.has(invoice.creditlinkedtoinvoiceid),
      () => `${where}: credit link`,
    );
    let net = 0;
    let tax = 0;
    for (const line of invoice.lines ?? []) {
      const at = `${where} line ${line.id}`;
      check(line.ihid === invoice.id, () => `${at}: ihid ${line.ihid}`);
      check(!isRef(line._itemid) || items.has(line._itemid), () => `${at}: item ${line._itemid}`);
      sameClient('contract', line.contract_id, invoice.client_id, at);
      sameClient('ticket', line.ticket_id, invoice.client_id, at);
      if (isRef(line.recurring_invoice_id)) {
        check(line.recurring_invoice_id === invoice.recurring_invoice_id, () => `${at}: recurring invoice`);
        check(
          templateLines.get(line.recurring_invoice_line_id ?? -1) === line.recurring_invoice_id,
          () => `${at}: recurring line ${line.recurring_invoice_line_id}`,
        );
      }
      net += line.net_amount ?? 0;
      tax += line.tax_amount ?? 0;
    }
    check(
      round2(tax) === invoice.tax_total,
      () => `${where}: tax_total ${invoice.tax_total} != ${round2(tax)}`,
    );
    check(
      round2(net + tax) === invoice.total,
      () => `${where}: total ${invoice.total} != ${round2(net + tax)}`,
    );
  };
  for (const template of data.recurringInvoices) {
    for (const line of template.lines ?? []) {
      check(!templateLines.has(line.id), () => `recurring invoice line ${line.id} is duplicated`);
      templateLines.set(line.id, template.id);
    }
    checkInvoice(template, 'recurring invoice');
  }
  const lineIds = new Set<number>();
  for (const invoice of data.invoices) {
    for (const line of invoice.lines ?? []) {
      check(!lineIds.has(line.id), () => `invoice line ${line.id} is duplicated`);
      lineIds.add(line.id);
    }
    checkInvoice(invoice, 'invoice');
  }
  return problems;
}
