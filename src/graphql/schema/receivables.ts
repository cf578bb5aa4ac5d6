import {
  computeReceivables,
  DUE_BUCKETS,
  type DueBucket,
  type DueBuckets,
  type OldestInvoice,
  type ReceivableClient,
  type ReceivablesAging,
  type ReceivableTotal,
} from '../../analytics/receivables.js';
import { builder } from '../builder.js';
import type { GraphQLContext } from '../context.js';
import { boundedInt, INVOICE_KINDS, MAX_ROWS, optionalClient, readAll } from './analytics-reads.js';
import { opt, plainObject, req } from './analytics-types.js';

// receivables_aging (docs/analytics.md §4). Cost: one invoice read (one client's or all), paged,
// without lines; Halo's payment-status codes are unverified, so the amount due decides.

const LABELS: Record<DueBucket, string> = {
  notDue: 'Not yet due.',
  days1To30: '1-30 days past due.',
  days31To60: '31-60 days past due.',
  days61To90: '61-90 days past due.',
  over90: 'Over 90 days past due.',
};

const BucketsRef = plainObject<DueBuckets>(
  'DueBuckets',
  'Amounts due by days past the due date.',
  Object.fromEntries(DUE_BUCKETS.map((b) => [b, req('Money', LABELS[b])])),
);

const OldestRef = plainObject<OldestInvoice>('OldestInvoiceDue', 'The longest-overdue open invoice.', {
  id: req('Int', 'Invoice id.'),
  number: opt('String', 'Invoice number.'),
  dueDate: opt('Date', 'Due date.'),
  daysOverdue: req('Int', 'Days past the due date (0 or less: not yet due).'),
  amountDue: req('Money', 'Still due on it.'),
});

const ClientRef = plainObject<ReceivableClient>(
  'ReceivableClient',
  'What one client owes, in one currency.',
  {
    clientId: opt('Int', 'The client.'),
    clientName: opt('String', 'Client name.'),
    currency: opt('String', 'Currency.'),
    totalDue: req('Money', 'Total still due.'),
    buckets: req(BucketsRef, 'By age.'),
    invoiceCount: req('Int', 'Open invoices.'),
    partPaidCount: req('Int', 'Of those, part-paid.'),
    oldest: req(OldestRef, 'The oldest open invoice.'),
  },
);

export const ReceivableTotalRef = plainObject<ReceivableTotal>(
  'ReceivableTotal',
  'Receivables in one currency.',
  {
    currency: opt('String', 'Currency.'),
    totalDue: req('Money', 'Total still due.'),
    buckets: req(BucketsRef, 'By age.'),
    invoiceCount: req('Int', 'Open invoices.'),
    partPaidCount: req('Int', 'Of those, part-paid.'),
    clientCount: req('Int', 'Clients owing.'),
    openCredits: req('Money', 'Open amount of credit notes (not netted off).'),
    openCreditCount: req('Int', 'Credit notes with an open amount.'),
  },
);

const AgingRef = plainObject<ReceivablesAging>(
  'ReceivablesAging',
  'Who owes what, and for how long, as of today.',
  {
    today: req('Date', 'Ages are counted to this day.'),
    clients: req([ClientRef], 'Per client and currency, largest total first, at most `limit`.'),
    totalClients: req('Int', 'Rows before the limit.'),
    truncated: req('Boolean', 'True when more rows exist than are shown.'),
    totals: req([ReceivableTotalRef], 'One entry per currency, never summed across currencies.'),
    warnings: req(['String'], 'Plain sentences on every gap.'),
  },
);

/** Every invoice of the scope (not voided ones only: Halo has no filter for that), without lines. */
export function readInvoices(ctx: GraphQLContext, clientId: number | undefined, lines: boolean) {
  return readAll(ctx, 'invoices', { client_id: clientId, ...INVOICE_KINDS, includelines: lines }, 'invoices');
}

export async function receivablesAging(
  ctx: GraphQLContext,
  args: { clientId?: number | null; limit?: number | null },
): Promise<ReceivablesAging> {
  const clientId = optionalClient(args.clientId);
  const limit = boundedInt(args.limit, 25, 'limit', 1, MAX_ROWS);
  return computeReceivables({
    invoices: await readInvoices(ctx, clientId, false),
    today: ctx.today,
    limit,
    timeZone: ctx.timeZone,
  });
}

builder.queryFields((t) => ({
  receivablesAging: t.field({
    type: AgingRef,
    nullable: false,
    description:
      'Invoices not voided with an amount still due (part-paid included), bucketed by days past the due date, per client; credit notes apart; totals per currency.',
    args: {
      clientId: t.arg.int({ description: 'One client; omit for every client.' }),
      limit: t.arg.int({ defaultValue: 25, description: `Most rows, 1-${MAX_ROWS}; totals cover all.` }),
    },
    resolve: (_root, args, ctx) => receivablesAging(ctx, args),
  }),
}));
