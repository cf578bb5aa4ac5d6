import type { HaloAction } from '../../halo/types.js';
import { wireDateTime } from './dates.js';
import { OUTCOMES, type OutcomeKey } from './reference-data.js';

export interface ActionInput {
  outcome: OutcomeKey;
  at: number;
  who: string;
  /** Author agent id; -1 when an end user or the monitoring system wrote it. */
  agentId: number;
  note: string;
  minutes: number;
  /** Time charged (billed, or drawn from a block) rather than absorbed. */
  chargeable: boolean;
  newStatus: number;
  newStatusName: string;
}

/** Appends an action; its id is its position in the ticket (ids restart at 1 per ticket). */
export function addAction(actions: HaloAction[], input: ActionInput): HaloAction {
  const outcome = OUTCOMES[input.outcome];
  const hours = Math.round((input.minutes / 60) * 10_000) / 10_000;
  const at = wireDateTime(input.at);
  const action: HaloAction = {
    id: actions.length + 1,
    ticket_id: 0,
    outcome: outcome.name,
    outcome_id: outcome.id,
    who: input.who,
    who_agentid: input.agentId,
    datetime: at,
    actiondatecreated: at,
    note: input.note,
    timetaken: hours,
    actionchargehours: input.chargeable ? hours : 0,
    actionnonchargehours: input.chargeable ? 0 : hours,
    hiddenfromuser: outcome.hidden,
    new_status: input.newStatus,
    new_status_name: input.newStatusName,
    project_id: -1,
  };
  actions.push(action);
  return action;
}

/** Sums of an action list, rounded the way Halo shows hours (4 decimals). */
export function actionTotals(actions: readonly HaloAction[]): {
  taken: number;
  charge: number;
  nonCharge: number;
} {
  let taken = 0;
  let charge = 0;
  let nonCharge = 0;
  for (const action of actions) {
    taken += action.timetaken ?? 0;
    charge += action.actionchargehours ?? 0;
    nonCharge += action.actionnonchargehours ?? 0;
  }
  const round = (value: number) => Math.round(value * 10_000) / 10_000;
  return { taken: round(taken), charge: round(charge), nonCharge: round(nonCharge) };
}
