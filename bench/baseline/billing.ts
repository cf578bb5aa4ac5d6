import { isContractActive, isTemplateActive } from '../../src/revenue/index.js';
import { fingerprint, firstPage, getById, keptThenClients, oursPagePrint, pagePrint } from './naive.js';
import type { NaiveTool, Structured } from './tool.js';

const clientName = (row: Structured) => row.client?.name;
const NEWEST_INVOICE = { order: 'invoice_date', orderdesc: true, order2: 'id', orderdesc2: true };

export const listContracts: NaiveTool = {
  recipe: "client's contracts (all pages, active ones kept), then per contract GET client",
  async run(ctx, args) {
    const all = await ctx.halo.list('contracts', {
      client_id: args.client_id,
      includeinactive: true,
      order: 'ref',
    });
    return keptThenClients(
      ctx,
      all.records.filter((c) => isContractActive(c, ctx.today)),
    );
  },
  ours: ({ contracts }: Structured) => oursPagePrint(contracts, clientName),
};

export const getContract: NaiveTool = {
  recipe: 'GET contract, client, site; its templates, then GET each template',
  async run(ctx, args) {
    const contract = await ctx.halo.getOne('contracts', Number(args.contract_id), { includedetails: true });
    const [client, , templates] = await Promise.all([
      getById(ctx.halo, 'clients', contract.client_id),
      getById(ctx.halo, 'sites', contract.site_id),
      ctx.halo.list('recurringInvoices', { contract_id: contract.id }),
    ]);
    await ctx.each(templates.records, (t) =>
      getById(ctx.halo, 'recurringInvoices', t.id, { includedetails: true }),
    );
    return fingerprint({ id: contract.id, client: client?.name, templates: templates.records.length });
  },
  ours: ({ contract }: Structured) =>
    fingerprint({
      id: contract.id,
      client: contract.client?.name,
      templates: contract.recurringInvoices.length,
    }),
};

export const listInvoices: NaiveTool = {
  recipe: "client's invoices (all pages, one-off and not voided kept), then per invoice GET client",
  async run(ctx, args) {
    const all = await ctx.halo.list('invoices', { client_id: args.client_id, ...NEWEST_INVOICE });
    return keptThenClients(
      ctx,
      all.records.filter((i) => i.voided !== true && !((i.recurring_invoice_id ?? 0) > 0)),
    );
  },
  ours: ({ invoices }: Structured) => oursPagePrint(invoices, clientName),
};

export const getInvoice: NaiveTool = {
  recipe: 'GET invoice, client, contract, ticket, template',
  async run(ctx, args) {
    const invoice = await ctx.halo.getOne('invoices', Number(args.invoice_id), { includedetails: true });
    const [client] = await Promise.all([
      getById(ctx.halo, 'clients', invoice.client_id),
      getById(ctx.halo, 'contracts', invoice.contract_id),
      getById(ctx.halo, 'tickets', invoice.ticket_id),
      getById(ctx.halo, 'recurringInvoices', invoice.recurring_invoice_id),
    ]);
    return fingerprint({ id: invoice.id, client: client?.name, lines: invoice.lines?.length ?? 0 });
  },
  ours: ({ invoice }: Structured) =>
    fingerprint({ id: invoice.id, client: invoice.client?.name, lines: invoice.lines.length }),
};

export const listRecurringInvoices: NaiveTool = {
  recipe: "client's templates (all pages, active ones kept), then per template GET it (lines) and its client",
  async run(ctx, args) {
    const all = await ctx.halo.list('recurringInvoices', { client_id: args.client_id });
    const active = all.records.filter((t) => isTemplateActive(t, ctx.today));
    await ctx.each(firstPage(active), (t) =>
      Promise.all([
        getById(ctx.halo, 'recurringInvoices', t.id, { includedetails: true }),
        getById(ctx.halo, 'clients', t.client_id),
      ]),
    );
    return pagePrint(active.length, firstPage(active));
  },
  ours: ({ recurringInvoices }: Structured) => oursPagePrint(recurringInvoices),
};

export const getRecurringInvoice: NaiveTool = {
  recipe: 'GET template, client, contract',
  async run(ctx, args) {
    const template = await ctx.halo.getOne('recurringInvoices', Number(args.recurring_invoice_id), {
      includedetails: true,
    });
    const [client] = await Promise.all([
      getById(ctx.halo, 'clients', template.client_id),
      getById(ctx.halo, 'contracts', template.contract_id),
    ]);
    return fingerprint({ id: template.id, client: client?.name, lines: template.lines?.length ?? 0 });
  },
  ours: ({ recurringInvoice }: Structured) =>
    fingerprint({
      id: recurringInvoice.id,
      client: recurringInvoice.client?.name,
      lines: recurringInvoice.lines.length,
    }),
};
