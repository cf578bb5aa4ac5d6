import type { BlockHours } from '../../analytics/block-hours.js';
import { billingPeriodOn, hasBlockHours } from '../../analytics/block-hours.js';
import { addDays, dayOf } from '../../analytics/common.js';
import {
  type ContractRenewals,
  computeContractRenewals,
  LAPSED_LOOKBACK_DAYS,
  type Renewal,
  type RenewalTotal,
  renewalCandidates,
} from '../../analytics/contract-renewals.js';
import type { HaloAction, HaloContract, HaloInvoice } from '../../halo/types.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import {
  actionsFor,
  activeSince,
  boundedInt,
  MAX_ROWS,
  optionalClient,
  readAll,
  withContractDetails,
  withTemplateLines,
} from './analytics-reads.js';
import { opt, PeriodRef, plainObject, req } from './analytics-types.js';

// contract_renewals (docs/analytics.md §2). Cost: the contracts (one client's, or all, paged); a
// detail read per contract in the list (Halo's list leaves out the term, billing period text and
// block-hour fields); the templates of the clients concerned (one read, detail only for a template
// sent without lines); and, for block-hour contracts only, their tickets (one read each) and the
// actions of those with activity in the current billing period.

export const MAX_DAYS = 730;

const StateEnum = builder.enumType('RenewalState', {
  description: 'Why a contract is listed.',
  values: {
    ENDING: { value: 'ending', description: 'Active today and ending within the window.' },
    LAPSED: {
      value: 'lapsed',
      description: `Ended in the last ${LAPSED_LOOKBACK_DAYS} days with no successor for the client starting on or after its end.`,
    },
  } as const,
});

const TermEnum = builder.enumType('ContractTerm', {
  description: 'Rolling (renews itself) or fixed term (`rollingcontract`).',
  values: { ROLLING: { value: 'rolling' }, FIXED: { value: 'fixed' } } as const,
});

export const BlockHoursRef = plainObject<BlockHours>('BlockHours', 'Block hours / prepay of a contract.', {
  includedHours: opt('Float', 'Hours included per billing period (`chargehoursperperiod`).'),
  usedHours: opt(
    'Float',
    'Chargeable hours of time entries billed to the contract (`action_contract_id`) in the current billing period; null when the period cannot be told.',
  ),
  overageHours: opt('Float', 'usedHours - includedHours when positive, else 0.'),
  currentPeriod: opt(PeriodRef, 'The billing period the hours are counted in.'),
  prepayBalance: opt('Float', 'The prepay balance as Halo states it (`contract_prepaybalance`).'),
});

const RenewalRef = plainObject<Renewal>('ContractRenewal', 'A contract coming up for renewal, or lapsed.', {
  id: req('Int', 'The contract id.'),
  reference: opt('String', 'Contract reference (`ref`).'),
  clientId: opt('Int', 'The client.'),
  clientName: opt('String', 'Client name.'),
  type: opt('String', 'Contract type name.'),
  startDate: opt('Date', 'Start date.'),
  endDate: req('Date', 'End date.'),
  daysLeft: req('Int', 'Days from today to the end date; negative when lapsed.'),
  state: req(StateEnum, 'Ending or lapsed.'),
  term: opt(TermEnum, 'Rolling or fixed term; null when Halo does not say.'),
  monthlyValue: req(
    'Money',
    "Monthly value at risk: its contribution to MRR (its own charge, or the templates linked to it), today or on a lapsed contract's last day.",
  ),
  unknownValueCount: req(
    'Int',
    'Parts of that value that could not be normalised to a month (left out, warned).',
  ),
  currency: opt('String', 'Currency of the linked templates; null when unknown.'),
  nextInvoiceDate: opt('Date', 'Next invoice date (contract, else its linked template); null when lapsed.'),
  templateIds: req(['Int'], 'Recurring invoice templates linked to it.'),
  blockHours: opt(BlockHoursRef, 'Block hours / prepay, when it has an allowance or a balance.'),
});

const TotalRef = plainObject<RenewalTotal>('RenewalTotal', 'MRR at risk for one currency.', {
  currency: opt('String', 'Currency; null when the value has none.'),
  endingMrr: req('Money', 'MRR of the contracts ending within the window.'),
  lapsedMrr: req('Money', 'MRR the lapsed contracts added on their last day.'),
  endingCount: req('Int', 'Contracts ending.'),
  lapsedCount: req('Int', 'Contracts lapsed.'),
});

const RenewalsRef = plainObject<ContractRenewals>(
  'ContractRenewals',
  'Contracts ending soon or lapsed, sorted by end date, with MRR at risk per currency.',
  {
    today: req('Date', 'The day the window starts.'),
    days: req('Int', 'Window length in days.'),
    window: req(PeriodRef, 'Contracts ending in this window are listed as ending.'),
    renewals: req([RenewalRef], 'Soonest end first, at most `limit`.'),
    totalCount: req('Int', 'Contracts listed before the limit.'),
    truncated: req('Boolean', 'True when more contracts qualify than are shown.'),
    totals: req([TotalRef], 'Per currency, over every listed contract.'),
    warnings: req(['String'], 'Plain sentences on every guess.'),
  },
);

/** Time entries of the block-hour contracts' tickets with activity since the earliest period. */
async function blockActions(
  contracts: HaloContract[],
  today: string,
  ctx: GraphQLContext,
): Promise<HaloAction[]> {
  const block = contracts.filter(hasBlockHours);
  if (block.length === 0) return [];
  // Only the current billing period counts: a ticket idle since before it began holds no hours in it.
  const periodStart = (c: HaloContract) => {
    const end = dayOf(c.end_date, ctx.timeZone);
    const day = end !== null && end < today ? end : today;
    return billingPeriodOn(c, day, ctx.timeZone)?.from ?? addDays(today, -366);
  };
  const perContract = await Promise.all(
    block.map(async (c) =>
      activeSince(
        await readAll(ctx, 'tickets', { contract_id: c.id }, 'tickets of the contract'),
        periodStart(c),
      ),
    ),
  );
  const worked = [...new Map(perContract.flat().map((t) => [t.id, t])).values()];
  const actionsOf = await actionsFor(ctx, worked);
  return worked.flatMap((t) => [...actionsOf(t.id)]);
}

export async function contractRenewals(
  ctx: GraphQLContext,
  args: { clientId?: number | null; days?: number | null; limit?: number | null },
): Promise<ContractRenewals> {
  const clientId = optionalClient(args.clientId);
  const days = boundedInt(args.days, 90, 'days', 1, MAX_DAYS);
  const limit = boundedInt(args.limit, 50, 'limit', 1, MAX_ROWS);
  const contracts =
    clientId === undefined
      ? await readAll(ctx, 'contracts', { includeinactive: true }, 'contracts')
      : await ctx.loaders.contractsByClient.load(clientId);
  const listed = renewalCandidates(contracts, ctx.today, days, ctx.timeZone).map((c) => c.contract);
  const detailed = await withContractDetails(listed, ctx);
  const byId = new Map(detailed.map((c) => [c.id, c]));
  const merged = contracts.map((c) => byId.get(c.id) ?? c);
  let templates: HaloInvoice[] = [];
  if (listed.length > 0) {
    const raw =
      clientId === undefined
        ? await readAll(ctx, 'recurringInvoices', { includelines: true }, 'recurring invoice templates')
        : await ctx.loaders.recurringInvoicesByClient.load(clientId);
    const ids = new Set(listed.map((c) => c.id));
    templates = await withTemplateLines(
      raw.filter((t) => ids.has(t.contract_id ?? -1)),
      ctx,
    );
  }
  return computeContractRenewals({
    contracts: merged,
    templates,
    actions: await blockActions(detailed, ctx.today, ctx),
    today: ctx.today,
    days,
    limit,
    timeZone: ctx.timeZone,
  });
}

builder.queryFields((t) => ({
  contractRenewals: t.field({
    type: RenewalsRef,
    nullable: false,
    description: `Contracts active today that end within the next \`days\`, plus those that ended in the last ${LAPSED_LOOKBACK_DAYS} days with no successor (lapsed): monthly value at risk, term, next invoice, block hours and overage.`,
    args: {
      clientId: t.arg.int({ description: 'One client; omit for every client.' }),
      days: t.arg.int({ defaultValue: 90, description: `Window length in days, 1-${MAX_DAYS}.` }),
      limit: t.arg.int({
        defaultValue: 50,
        description: `Most contracts listed, 1-${MAX_ROWS}; totals cover all.`,
      }),
    },
    resolve: (_root, args, ctx) => contractRenewals(ctx, args),
  }),
}));
