import type { HaloAction, HaloAgent, HaloContract, HaloInvoice, HaloTicket } from '../../halo/types.js';
import { round2 } from './money.js';
import type { Random } from './random.js';

// The billing state of time and the cost of agents, written after the rest of the tenant exists
// (field names from the spec's Actions, ContractHeader and Uname; docs/analytics.md):
// - time on a ticket that an invoice line bills, logged before that invoice, carries the invoice's
//   number and id (`actioninvoicenumber`, `invoice_id`); all other chargeable time is unbilled;
// - time on a block-hour contract's tickets is billed to the contract (`action_contract_id`) and
//   drawn from its allowance (`actionprepayhours`) until the billing period's hours run out; the
//   rest is overage nobody has invoiced;
// - chargeable time is valued (`actionchargeamount`), except a few entries priced only by
//   `chargerate` and a few with neither;
// - time on projects and their tasks is part of the project's fixed price (billed by milestone):
//   chargeable hours, but `actisbillable` false;
// - two agents in three carry a `costprice`.

export const STANDARD_RATE = 85;

interface Inputs {
  random: Random;
  agents: HaloAgent[];
  tickets: readonly HaloTicket[];
  actions: HaloAction[];
  contracts: HaloContract[];
  invoices: readonly HaloInvoice[];
}

const isCredit = (i: HaloInvoice) => (i.total ?? 0) < 0 || (i.creditlinkedtoinvoiceid ?? -1) > 0;

/** The first issued invoice with a line for each ticket. */
function invoiceOfTicket(invoices: readonly HaloInvoice[]): Map<number, HaloInvoice> {
  const map = new Map<number, HaloInvoice>();
  for (const invoice of invoices) {
    if (invoice.voided || isCredit(invoice)) continue;
    for (const line of invoice.lines ?? []) {
      const ticket = line.ticket_id ?? -1;
      if (ticket > 0 && !map.has(ticket)) map.set(ticket, invoice);
    }
  }
  return map;
}

function stampAgents(random: Random, agents: HaloAgent[]): void {
  let n = 0;
  for (const agent of agents) {
    if (agent.id === 1) continue;
    agent.chargerate = STANDARD_RATE;
    if (n++ % 3 !== 2) agent.costprice = random.pick([28, 32, 36, 42, 48, 55]);
  }
}

/** Hours left in each listed billing period of a block-hour contract, by period start day. */
function allowances(contract: HaloContract): Array<{ from: string; to: string; left: number }> {
  return (contract.periods ?? []).map((p) => ({
    from: (p.start_date ?? '').slice(0, 10),
    to: (p.end_date ?? '').slice(0, 10),
    left: contract.chargehoursperperiod ?? 0,
  }));
}

export function stampBillingState(input: Inputs): void {
  const { random } = input;
  stampAgents(random.fork('agents'), input.agents);
  const billed = invoiceOfTicket(input.invoices);
  const tickets = new Map(input.tickets.map((t) => [t.id, t]));
  const blocks = new Map(
    input.contracts.filter((c) => c.contracttype_name === 'Block Hours').map((c) => [c.id, allowances(c)]),
  );
  const values = random.fork('values');
  const ordered = [...input.actions].sort((a, b) => (a.datetime ?? '').localeCompare(b.datetime ?? ''));
  for (const action of ordered) {
    const hours = action.actionchargehours ?? 0;
    action.actioninvoicenumber = '';
    action.invoice_id = -1;
    action.action_contract_id = -1;
    action.actionprepayhours = 0;
    const ticket = tickets.get(action.ticket_id);
    const project = ticket?.is_project === true || (ticket?.parent_id ?? -1) > 0;
    action.actisbillable = hours > 0 && !project;
    if (hours <= 0) continue;
    const contractId = ticket?.contract_id ?? -1;
    const periods = blocks.get(contractId);
    if (periods) {
      action.action_contract_id = contractId;
      const day = (action.datetime ?? '').slice(0, 10);
      const period = periods.find((p) => p.from <= day && day <= p.to);
      const cover = period ? Math.min(hours, period.left) : hours;
      if (period) period.left = round2(period.left - cover);
      action.actionprepayhours = round2(cover);
    }
    const invoice = billed.get(action.ticket_id);
    if (invoice && (action.datetime ?? '') <= (invoice.invoice_date ?? '')) {
      action.actioninvoicenumber = invoice.invoicenumber ?? '';
      action.invoice_id = invoice.id;
    }
    const roll = values.next();
    if (roll < 0.04) {
      action.actionchargeamount = 0;
      action.chargerate = 0;
    } else if (roll < 0.12) {
      action.actionchargeamount = 0;
      action.chargerate = STANDARD_RATE;
    } else {
      action.actionchargeamount = round2(hours * STANDARD_RATE);
      action.chargerate = STANDARD_RATE;
    }
  }
  for (const contract of input.contracts) {
    const periods = contract.periods ?? [];
    const current = periods.find((p) => p.current) ?? periods[periods.length - 1];
    if (contract.contracttype_name !== 'Block Hours' || !current) continue;
    const total = contract.chargehoursperperiod ?? 0;
    contract.contract_prepaytotal = total;
    contract.contract_prepayused = current.hours_used ?? 0;
    contract.contract_prepaybalance = round2(Math.max(0, total - (current.hours_used ?? 0)));
  }
}
