import type {
  HaloContract,
  HaloContractBillingPlan,
  HaloContractPeriod,
  HaloContractScheduleEntry,
} from '../../halo/types.js';
import { isContractActive } from '../../revenue/activity.js';
import { builder } from '../builder.js';
import { MAX_LOCAL_ROWS, pageOfRows } from '../loaders.js';
import { loadOrNotFound, namedRelation, optionalId, searchText } from './args.js';
import { PageInput, pageOf, pageType } from './page.js';
import { ClientRef, ContractRef, RecurringInvoiceRef, SiteRef } from './refs.js';

const DETAIL_ONLY = 'Only on the single-contract read (`contract(id)`); null on list rows.';

const ACTIVE_RULE =
  'Active today: Halo marks it `active`, or its dates cover today (start <= today <= end, an unset date counting as open).';

ContractRef.implement({
  description:
    'A client contract: a service agreement with billing terms (Halo `ClientContract`, spec `ContractHeader`). Its recurring billing lines live on the recurring invoice templates linked to it.',
  fields: (t) => ({
    id: t.exposeInt('id', { nullable: false }),
    reference: t.exposeString('ref', { description: 'Contract name / reference (`ref`).' }),
    description: t.exposeString('refextra', { description: 'Secondary description (`refextra`).' }),
    type: t.exposeString('contracttype_name', {
      description: 'Contract type as Halo names it, e.g. "Fixed".',
    }),
    status: t.exposeString('contract_status', {
      description: "Halo's status text (`contract_status`); the numeric status code's meaning is unverified.",
    }),
    startDate: t.field({ type: 'Date', resolve: (c) => c.start_date }),
    endDate: t.field({
      type: 'Date',
      description: 'Last day of the contract; null when open-ended (Halo sends an unset-date sentinel).',
      resolve: (c) => c.end_date,
    }),
    isActive: t.boolean({
      nullable: false,
      description: `${ACTIVE_RULE} "Today" is the server's current date (UTC).`,
      resolve: (c, _args, ctx) => isContractActive(c, ctx.today, ctx.timeZone),
    }),
    expired: t.boolean({
      description: "Halo's own `expired` flag, as sent.",
      resolve: (c) => c.expired ?? null,
    }),
    billingPeriod: t.exposeString('billing_period_string', {
      description: `How often the contract bills, as Halo words it (\`billing_period_string\`). ${DETAIL_ONLY}`,
    }),
    periodCharge: t.field({
      type: 'Money',
      description: 'Amount charged each billing period (`periodchargeamount`), in the client currency.',
      resolve: (c) => c.periodchargeamount,
    }),
    nextInvoiceDate: t.field({
      type: 'Date',
      description: 'When Halo next invoices this contract.',
      resolve: (c) => c.next_invoice_date ?? c.periodicinvoicenextdate,
    }),
    hoursPerPeriod: t.float({
      description: `Chargeable hours included each period (\`chargehoursperperiod\`). ${DETAIL_ONLY}`,
      resolve: (c) => c.chargehoursperperiod,
    }),
    termMonths: t.exposeInt('termmonths', { description: `Length of the term in months. ${DETAIL_ONLY}` }),
    rolling: t.boolean({
      description: `True when the contract rolls over at the end of its term. ${DETAIL_ONLY}`,
      resolve: (c) => c.rollingcontract ?? null,
    }),
    slaName: t.exposeString('sla_name', {
      description: `SLA applied to work under the contract. ${DETAIL_ONLY}`,
    }),
    note: t.exposeString('note'),
    client: t.field({
      type: ClientRef,
      resolve: (c, _args, ctx, info) => namedRelation(info, c.client_id, c.client_name, ctx.loaders.client),
    }),
    site: t.field({
      type: SiteRef,
      description: 'The site the contract is limited to, when it is.',
      resolve: (c, _args, ctx, info) => namedRelation(info, c.site_id, c.site_name, ctx.loaders.site),
    }),
    billingPlans: t.field({
      type: [BillingPlanRef],
      description: `Rules saying which work is covered or charged, and at what rate (\`billingplans\`). ${DETAIL_ONLY}`,
      resolve: (c) => c.billingplans ?? null,
    }),
    periods: t.field({
      type: [ContractPeriodRef],
      description: `Billing periods with their hours (\`periods\`). ${DETAIL_ONLY}`,
      resolve: (c) => c.periods ?? null,
    }),
    schedule: t.field({
      type: [ScheduleEntryRef],
      description: `Scheduled billing amounts and their dates (\`schedule\`), earliest first. ${DETAIL_ONLY}`,
      resolve: (c) =>
        c.schedule ? [...c.schedule].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '')) : null,
    }),
    recurringInvoices: t.field({
      type: [RecurringInvoiceRef],
      nullable: false,
      description:
        'Recurring invoice templates that bill this contract (their `contract_id` is this contract).',
      resolve: (c, _args, ctx) => ctx.loaders.recurringInvoicesByContract.load(c.id),
    }),
  }),
});

const ScheduleEntryRef = builder.objectRef<HaloContractScheduleEntry>('ContractScheduleEntry').implement({
  description: 'One scheduled billing amount of a contract (spec `ContractSchedule`).',
  fields: (t) => ({
    date: t.field({ type: 'Date', description: 'When it is billed.', resolve: (e) => e.date }),
    amount: t.field({
      type: 'Money',
      description: 'Amount billed, in the client currency.',
      resolve: (e) => e.amount,
    }),
    sequence: t.exposeInt('seq', { description: 'Position in the schedule.' }),
    note: t.exposeString('note'),
  }),
});

const BillingPlanRef = builder.objectRef<HaloContractBillingPlan>('ContractBillingPlan').implement({
  description: 'One billing rule of a contract (spec `ContractDetail`).',
  fields: (t) => ({
    description: t.exposeString('billing_plan_desc'),
    requestType: t.exposeString('requesttype_name', { description: 'Ticket type the rule applies to.' }),
    chargeRate: t.exposeString('chargerate_name', { description: 'Charge rate the rule bills at.' }),
    plan: t.exposeString('plan_name'),
    covered: t.boolean({
      nullable: false,
      description: 'True when work matching the rule is covered by the contract (`work_hours_covered`).',
      resolve: (p) => p.work_hours_covered === true,
    }),
    notIncluded: t.boolean({
      nullable: false,
      description: 'True when matching work is explicitly not included (`not_included_in_contract`).',
      resolve: (p) => p.not_included_in_contract === true,
    }),
  }),
});

const ContractPeriodRef = builder.objectRef<HaloContractPeriod>('ContractPeriod').implement({
  description: 'One billing period of a contract and the hours used in it.',
  fields: (t) => ({
    name: t.exposeString('name'),
    start: t.field({ type: 'Date', resolve: (p) => p.start_date }),
    end: t.field({ type: 'Date', resolve: (p) => p.end_date }),
    current: t.boolean({
      nullable: false,
      description: 'True for the period today falls in.',
      resolve: (p) => p.current === true,
    }),
    hoursInPeriod: t.exposeFloat('hours_in_period'),
    hoursUsed: t.exposeFloat('hours_used'),
    hoursRemaining: t.exposeFloat('hours_remaining'),
  }),
});

builder.objectField(ClientRef, 'contracts', (t) =>
  t.field({
    type: [ContractRef],
    nullable: false,
    description: `The client's contracts. With activeOnly (default), only those active today. ${ACTIVE_RULE}`,
    args: { activeOnly: t.arg.boolean({ defaultValue: true }) },
    resolve: async (client, args, ctx) => {
      const contracts = await ctx.loaders.contractsByClient.load(client.id);
      return args.activeOnly === false
        ? contracts
        : contracts.filter((c) => isContractActive(c, ctx.today, ctx.timeZone));
    },
  }),
);

const ContractPage = pageType<HaloContract>('Contract', ContractRef, 'A page of contracts.');

builder.queryFields((t) => ({
  contract: t.field({
    type: ContractRef,
    nullable: false,
    description: 'One contract by id, with its billing plans and periods.',
    args: { id: t.arg.int({ required: true }) },
    resolve: (_root, args, ctx) => loadOrNotFound(ctx.loaders.contract, args.id, 'contract'),
  }),
  contracts: t.field({
    type: ContractPage,
    nullable: false,
    description: `Contracts, by reference order. activeOnly (default true) applies the isActive rule, which Halo has no filter for: every matching contract is read, then filtered and paged here (exact totalCount; refused above ${MAX_LOCAL_ROWS} matches).`,
    args: {
      filter: t.arg({ type: ContractFilter }),
      page: t.arg({ type: PageInput }),
    },
    resolve: async (_root, args, ctx) => {
      const paging = pageOf(args.page);
      const query = {
        client_id: optionalId(args.filter?.clientId, 'clientId'),
        search: searchText(args.filter?.search),
        includeinactive: true,
        order: 'ref',
      };
      const activeOnly = args.filter?.activeOnly !== false;
      const page = await pageOfRows(
        ctx.halo,
        'contracts',
        query,
        paging,
        activeOnly
          ? {
              keep: (c) => isContractActive(c, ctx.today, ctx.timeZone),
              what: 'contracts',
              narrow: 'narrow with clientId or search, or set activeOnly: false',
            }
          : undefined,
      );
      ctx.loaders.prime('contracts', page.items);
      return page;
    },
  }),
}));

const ContractFilter = builder.inputType('ContractFilter', {
  description: 'Narrows the contracts list; all conditions must hold.',
  fields: (t) => ({
    clientId: t.int({ description: "Only this client's contracts." }),
    activeOnly: t.boolean({ defaultValue: true, description: `Only contracts active today. ${ACTIVE_RULE}` }),
    search: t.string({ description: "Text Halo matches against the contract (Halo's `search`)." }),
  }),
});
