import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloPriority,
  HaloReport,
  HaloSite,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketType,
  HaloUser,
} from '../halo/types.js';

/**
 * The simulator's data, held the way Halo stores and sends it (wire form): `-1` for "no id",
 * sentinel strings (`1900-01-01T00:00:00`) for unset dates, zone-less datetimes
 * (`2026-06-29T15:41:46.637`). The decimal-id quirk (`21.0`) is applied when serialising.
 * The record interfaces are shared with the client; wire values are assignable to them.
 */
export interface SavedReport extends HaloReport {
  /** Rows returned by `GET /api/Report/{id}?loadreport=true` under `report.rows`. */
  rows: Array<Record<string, unknown>>;
}

export interface Dataset {
  /** The reference "today" the data was generated around (ISO date, `YYYY-MM-DD`). */
  today: string;
  clients: HaloClient[];
  sites: HaloSite[];
  users: HaloUser[];
  agents: HaloAgent[];
  teams: HaloTeam[];
  statuses: HaloStatus[];
  ticketTypes: HaloTicketType[];
  priorities: HaloPriority[];
  /** Tickets, projects (`is_project: true`) and project tasks (`parent_id` = project id). */
  tickets: HaloTicket[];
  /** Keyed by (ticket_id, id): action ids restart at 1 on every ticket. */
  actions: HaloAction[];
  contracts: HaloContract[];
  /** Invoices with their `lines`; the list endpoint strips lines unless `includelines=true`. */
  invoices: HaloInvoice[];
  /** Recurring invoice templates with their `lines` (served on detail GET or `includelines`). */
  recurringInvoices: HaloInvoice[];
  assets: HaloAsset[];
  reports: SavedReport[];
  /**
   * Templates whose LIST rows carry no `schedule` (so no `every`); their detail GET has it
   * (docs/halo-api.md §8.4).
   */
  scheduleOnDetailOnly?: number[];
  /** How this Halo build answers where docs/halo-api.md marks the behaviour unverified. */
  behaviour?: DatasetBehaviour;
}

export interface DatasetBehaviour {
  /**
   * `GET /RecurringInvoice` lists come back without `lines` even with `includelines=true`
   * (the list without lines is confirmed live; `includelines` on it is in the spec but untested).
   */
  recurringListIgnoresIncludeLines?: boolean;
}

export function emptyDataset(today: string): Dataset {
  return {
    today,
    clients: [],
    sites: [],
    users: [],
    agents: [],
    teams: [],
    statuses: [],
    ticketTypes: [],
    priorities: [],
    tickets: [],
    actions: [],
    contracts: [],
    invoices: [],
    recurringInvoices: [],
    assets: [],
    reports: [],
  };
}
