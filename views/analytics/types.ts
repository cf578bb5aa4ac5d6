// The parts of the analytics tools' structured content the views read
// (schema/operations/receivables_aging.graphql, client_overview.graphql).
import type { Month } from '../common/revenue-types.js';

export interface Buckets {
  notDue: number;
  days1To30: number;
  days31To60: number;
  days61To90: number;
  over90: number;
}

export interface ReceivableTotal {
  currency: string | null;
  totalDue: number;
  buckets: Buckets;
  invoiceCount: number;
  partPaidCount: number;
  clientCount?: number;
  openCredits?: number;
  openCreditCount?: number;
}

export interface Debtor {
  clientId: number;
  clientName: string | null;
  currency: string | null;
  totalDue: number;
  buckets: Buckets;
  invoiceCount: number;
  partPaidCount: number;
  oldest: {
    id: number;
    number: string | null;
    dueDate: string | null;
    daysOverdue: number;
    amountDue: number;
  } | null;
}

export interface Receivables {
  receivablesAging: {
    today: string;
    totals: ReceivableTotal[];
    clients: Debtor[];
    totalClients: number;
    truncated: boolean;
    warnings: string[];
  };
}

interface Compliance {
  met: number;
  breached: number;
  pending: number;
  compliance: number | null;
}

export interface Overview {
  clientOverview: {
    client: { id: number; name: string };
    period: { from: string; to: string };
    today: string;
    service: {
      opened: number;
      closed: number;
      openNow: number;
      topTypes: Array<{ name: string | null; count: number }>;
      chargeableHours: number;
      nonChargeableHours: number;
      sla: { ticketCount: number; excludedCount: number; response: Compliance; resolution: Compliance };
    };
    money: {
      currency: string | null;
      mrr: number;
      arr: number;
      recurring: number | null;
      nonRecurring: number | null;
      invoicedTotal: number | null;
      months: Month[];
      unbilled: {
        hours: number;
        value: number | null;
        unvaluedHours: number;
        entryCount: number;
        prepayHours: number;
      };
      receivables: ReceivableTotal[];
    };
    agreements: Array<{
      id: number;
      reference: string | null;
      type: string | null;
      endDate: string | null;
      daysLeft: number | null;
      blockHours: {
        includedHours: number | null;
        usedHours: number;
        overageHours: number;
        prepayBalance: number | null;
      } | null;
    }>;
    estate: {
      assetCount: number;
      byType: Array<{ name: string | null; count: number }>;
      warrantiesEnding: Array<{ id: number; name: string | null; type: string | null; warrantyEnd: string }>;
    };
    labour: {
      cost: number | null;
      uncostedHours: number;
      margin: number | null;
      marginShare: number | null;
      agents: Array<{
        agentId: number;
        agentName: string | null;
        hours: number;
        costPrice: number | null;
        cost: number | null;
      }>;
    } | null;
    warnings: string[];
  };
}
