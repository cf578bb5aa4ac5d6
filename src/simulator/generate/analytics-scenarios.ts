import type { HaloAction, HaloContract, HaloInvoice, HaloTicket } from '../../halo/types.js';
import { DAY_MS, HOUR_MS, SENTINEL_DATE, wireDate, wireDateTime } from './dates.js';
import { PAYMENT_STATUS } from './invoices.js';
import { round2 } from './money.js';

// Cases the analytics must meet in every generated tenant, even the smallest (docs/analytics.md):
// where the random history did not produce one, the closest record is adjusted so it does.
// - renewals: an active contract ending inside the 90-day window (a block-hour one when there is),
//   one that ended in the last 30 days and was renewed (a successor starts the day after), and a
//   block-hour add-on that lapsed without a successor, under its allowance;
// - block hours: a block-hour contract over its allowance in the current period (extra time on one
//   of its open tickets) beside ones under it;
// - SLA: open tickets whose resolution target falls within the next day, and a recent ticket an
//   agent excluded from the SLA;
// - receivables: an unpaid invoice in every age bucket and a part-paid one.
// Every change keeps the records consistent (totals, action ids in order, payment fields).

interface Inputs {
  today: number;
  tickets: HaloTicket[];
  actions: HaloAction[];
  contracts: HaloContract[];
  invoices: HaloInvoice[];
  isOpen: (ticket: HaloTicket) => boolean;
}

const day = (wire: string | null | undefined) =>
  wire && wire !== SENTINEL_DATE ? Date.parse(`${wire}Z`) : null;

function endingInside({ today, contracts }: Inputs): void {
  const active = contracts.filter((c) => c.active && day(c.end_date) !== null);
  const inside = (c: HaloContract) => (day(c.end_date) ?? 0) <= today + 90 * DAY_MS;
  if (active.some(inside)) return;
  const pick =
    active.find((c) => c.contracttype_name === 'Block Hours') ??
    [...active].sort((a, b) => (day(a.end_date) ?? 0) - (day(b.end_date) ?? 0))[0];
  if (pick) pick.end_date = wireDate(today + 45 * DAY_MS);
}

function renewedRecently(input: Inputs, nextId: () => number): void {
  const { today, contracts } = input;
  const recent = (c: HaloContract) => {
    const end = day(c.end_date);
    return end !== null && end < today && end >= today - 30 * DAY_MS;
  };
  if (contracts.some(recent)) return;
  // The current term keeps its id (templates and invoices point at it); its first months become
  // an earlier term that ended 12 days ago.
  const current = contracts.find((c) => c.active && (day(c.start_date) ?? today) < today - 200 * DAY_MS);
  if (!current) return;
  const split = today - 11 * DAY_MS;
  const earlier: HaloContract = {
    ...current,
    id: nextId(),
    ref: `${current.ref}-A`,
    end_date: wireDate(split - DAY_MS),
    active: false,
    expired: true,
    status: 2,
    contract_status: 'Expired',
    next_invoice_date: SENTINEL_DATE,
    periodicinvoicenextdate: SENTINEL_DATE,
    periods: [],
    schedule: [],
  };
  current.start_date = wireDate(split);
  current.refextra = `Renewal of ${earlier.ref}`;
  contracts.push(earlier);
}

function lapsedAddOn(input: Inputs, nextId: () => number): void {
  const { today, contracts } = input;
  const base = contracts.find((c) => c.active);
  if (!base) return;
  contracts.push({
    ...base,
    id: nextId(),
    ref: `BLK-ADD-${base.id}`,
    refextra: 'Project support add-on',
    start_date: wireDate(today - 374 * DAY_MS),
    end_date: wireDate(today - 9 * DAY_MS),
    active: false,
    expired: true,
    status: 2,
    contract_status: 'Expired',
    contracttype: 2,
    contracttype_name: 'Block Hours',
    billingperiod: 2,
    billing_period_string: 'Monthly',
    periodchargeamount: 850,
    chargehoursperperiod: 10,
    contract_prepaytotal: 10,
    contract_prepayused: 0,
    contract_prepaybalance: 10,
    rollingcontract: false,
    termmonths: 12,
    next_invoice_date: SENTINEL_DATE,
    periodicinvoicenextdate: SENTINEL_DATE,
    billingplans: [],
    periods: [],
    schedule: [],
  });
}

/** One more chargeable entry on an open ticket of a block-hour contract, past its allowance. */
function overAllowance({ today, tickets, actions, contracts, isOpen }: Inputs): void {
  // An open ticket when the contract has one; else its latest (time logged after closing).
  const blocks = contracts.filter((c) => c.active && c.contracttype_name === 'Block Hours');
  const current = (c: HaloContract) => (c.periods ?? []).find((p) => p.current);
  if (blocks.some((c) => (current(c)?.hours_used ?? 0) > (c.chargehoursperperiod ?? 0))) return;
  for (const contract of blocks) {
    const period = current(contract);
    const own = tickets.filter((t) => t.contract_id === contract.id);
    const ticket = own.find(isOpen) ?? own[own.length - 1];
    if (!period || !ticket) continue;
    const last = actions.findLast((a) => a.ticket_id === ticket.id);
    if (!last) continue;
    const hours = round2((contract.chargehoursperperiod ?? 0) - (period.hours_used ?? 0) + 3.5);
    const at = Math.max(Date.parse(`${last.datetime}Z`) + HOUR_MS, today - 2 * DAY_MS);
    const entry: HaloAction = {
      ...last,
      id: last.id + 1,
      outcome: 'Remote Session',
      datetime: wireDateTime(at),
      actiondatecreated: wireDateTime(at),
      note: 'Migrated the remaining mailboxes and checked the sync.',
      timetaken: hours,
      actionchargehours: hours,
      actionnonchargehours: 0,
      hiddenfromuser: false,
    };
    actions.splice(actions.indexOf(last) + 1, 0, entry);
    ticket.timetaken = round2((ticket.timetaken ?? 0) + hours);
    ticket.chargehours = round2((ticket.chargehours ?? 0) + hours);
    ticket.lastactiondate = entry.datetime;
    ticket.last_update = entry.datetime;
    period.hours_used = round2((period.hours_used ?? 0) + hours);
    period.hours_remaining = round2((contract.chargehoursperperiod ?? 0) - period.hours_used);
    return;
  }
}

function atRisk({ today, tickets, isOpen }: Inputs): void {
  const open = tickets.filter((t) => isOpen(t) && !t.excludefromsla && day(t.fixbydate) !== null);
  const soon = (t: HaloTicket) => {
    const at = day(t.fixbydate) ?? 0;
    return at > today && at <= today + DAY_MS;
  };
  if (open.some(soon)) return;
  open.slice(-2).forEach((ticket, i) => {
    ticket.fixbydate = wireDateTime(today + (3 + 14 * i) * HOUR_MS);
    ticket.slastate = '';
  });
}

function excludedFromSla({ today, tickets, isOpen }: Inputs): void {
  const recent = tickets.filter((t) => (day(t.dateoccurred) ?? 0) >= today - 60 * DAY_MS);
  if (recent.some((t) => t.excludefromsla || day(t.fixbydate) === null)) return;
  const pick = recent.find((t) => !isOpen(t));
  if (pick) pick.excludefromsla = true;
}

const BUCKETS = [
  [-Infinity, 0],
  [1, 30],
  [31, 60],
  [61, 90],
  [91, Infinity],
] as const;

function agedReceivables({ today, invoices }: Inputs): void {
  const issued = invoices.filter(
    (i) => !i.voided && (i.total ?? 0) > 0 && (i.creditlinkedtoinvoiceid ?? -1) <= 0 && i.posted !== false,
  );
  const overdue = (i: HaloInvoice) => Math.round((today - (day(i.duedate) ?? today)) / DAY_MS);
  for (const [min, max] of BUCKETS) {
    const inBucket = issued.filter((i) => overdue(i) >= min && overdue(i) <= max);
    if (inBucket.some((i) => (i.amountdue ?? 0) > 0)) continue;
    const pick = inBucket[inBucket.length - 1];
    if (!pick) continue;
    pick.paymentstatus = PAYMENT_STATUS.unpaid;
    pick.amountpaid = 0;
    pick.amountdue = pick.total ?? 0;
    pick.datepaid = SENTINEL_DATE;
  }
  if (issued.some((i) => (i.amountdue ?? 0) > 0 && (i.amountpaid ?? 0) > 0)) return;
  const pick = issued.find((i) => (i.amountdue ?? 0) > 0 && overdue(i) > 30);
  if (!pick) return;
  pick.paymentstatus = PAYMENT_STATUS.partPaid;
  pick.amountpaid = round2((pick.total ?? 0) / 2);
  pick.amountdue = round2((pick.total ?? 0) - pick.amountpaid);
  pick.datepaid = pick.duedate ?? SENTINEL_DATE;
}

export function ensureAnalyticsCases(input: Inputs): void {
  let last = Math.max(0, ...input.contracts.map((c) => c.id));
  const nextId = () => ++last;
  endingInside(input);
  renewedRecently(input, nextId);
  lapsedAddOn(input, nextId);
  overAllowance(input);
  atRisk(input);
  excludedFromSla(input);
  agedReceivables(input);
}
