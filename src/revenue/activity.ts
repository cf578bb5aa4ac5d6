import type { HaloContract, HaloInvoice } from '../halo/types.js';
import { dayOf } from './dates.js';

/**
 * A recurring invoice template bills from today on when it is not switched off (`disabled`,
 * `voided`, or its schedule `disabled`) and not ended: neither its `enddate` nor its schedule's
 * `end_date` lies before today. Unset-date sentinels arrive as null, i.e. open-ended.
 */
export function isTemplateActive(template: HaloInvoice, today: string, timeZone = 'UTC'): boolean {
  if (template.disabled === true || template.voided === true || template.schedule?.disabled === true) {
    return false;
  }
  return [template.enddate, template.schedule?.end_date].every((end) => {
    const day = dayOf(end, timeZone);
    return day === null || day >= today;
  });
}

/**
 * Whether a contract's dates cover today; an unset start or end is open. Dates are calendar days in
 * `timeZone` (HALO_TIMEZONE), like `today`.
 */
export function contractDatesCover(contract: HaloContract, today: string, timeZone = 'UTC'): boolean {
  const start = dayOf(contract.start_date, timeZone);
  const end = dayOf(contract.end_date, timeZone);
  return (start === null || start <= today) && (end === null || end >= today);
}

/** docs/revenue.md §1.2, as written: `active`, or start <= today <= end. */
export function isContractActive(contract: HaloContract, today: string, timeZone = 'UTC'): boolean {
  return contract.active === true || contractDatesCover(contract, today, timeZone);
}
