// Raw Halo records as the REST client hands them out, AFTER edge normalisation (see normalise.ts):
// - integer ids are numbers (decimal ids such as `21.0` become 21), `-1` "none" ids become null;
// - datetimes are ISO-8601 strings with a zone (zone-less values are read as UTC and get `Z`);
// - unset-date sentinels (1900-01-01..., 1899-12-30...) become null.
// Field names are Halo's own, from Halo's published OpenAPI document (the schemas the simulator is
// checked against are vendored, trimmed, in test/vendor/). Every field is optional because Halo
// omits fields freely between builds, list vs detail, and permissions; consumers must tolerate
// absence. Only the fields this project reads are listed; records carry more at run time.

export type HaloId = number | null;
export type HaloDateTime = string | null;

export interface HaloCustomField {
  id?: number;
  name?: string;
  label?: string;
  type?: number;
  value?: unknown;
  display?: string;
}

/** `/api/Tickets` and `/api/Projects` rows (spec `Faults` / `Faults_List`). */
export interface HaloTicket {
  id: number;
  summary?: string;
  details?: string;
  details_html?: string;
  idsummary?: string;
  dateoccurred?: HaloDateTime;
  datecreated?: HaloDateTime;
  dateclosed?: HaloDateTime;
  dateassigned?: HaloDateTime;
  lastactiondate?: HaloDateTime;
  last_update?: HaloDateTime;
  startdate?: HaloDateTime;
  targetdate?: HaloDateTime;
  deadlinedate?: HaloDateTime;
  status_id?: HaloId;
  status_name?: string;
  tickettype_id?: HaloId;
  tickettype_name?: string;
  priority_id?: HaloId;
  priority_name?: string;
  priority?: { priorityid?: number; name?: string; responsetime?: number; fixtime?: number };
  sla_id?: HaloId;
  sla_name?: string;
  client_id?: HaloId;
  client_name?: string;
  site_id?: HaloId;
  site_name?: string;
  user_id?: HaloId;
  user_name?: string;
  user_email?: string;
  reportedby?: string;
  agent_id?: HaloId;
  agent_name?: string;
  /** Team NAME (tickets reference teams by name). */
  team?: string;
  /** Newer builds only. */
  team_id?: HaloId;
  category_1?: string;
  category_2?: string;
  impact?: number;
  urgency?: number;
  source?: number;
  parent_id?: HaloId;
  child_count?: number;
  child_count_open?: number;
  attachment_count?: number;
  flagged?: boolean;
  onhold?: boolean;
  inactive?: boolean;
  is_vip?: boolean;
  hasbeenclosed?: boolean;
  excludefromsla?: boolean;
  respondbydate?: HaloDateTime;
  responsedate?: HaloDateTime;
  fixbydate?: HaloDateTime;
  /** `I` inside / met, `O` outside / breached, empty = undetermined. */
  slaresponsestate?: string;
  slastate?: string;
  slatimeleft?: number;
  slapercused?: number;
  timetaken?: number;
  estimate?: number;
  chargehours?: number;
  nonchargehours?: number;
  contract_id?: HaloId;
  contract_ref?: string;
  ticket_tags?: string;
  customfields?: HaloCustomField[];
  // Project fields (projects are tickets).
  is_project?: boolean;
  projecttimebudget?: number;
  projectmoneybudget?: number;
  projecttimeactual?: number;
  projectmoneyactual?: number;
  projecttimepercentage?: number;
  projectcompletionpercentage?: number;
  budgettype?: string;
  milestone_id?: HaloId;
  milestone_name?: string;
  main_project_id?: HaloId;
}

/** `/api/Actions` rows. `id` is a sequence number WITHIN its ticket: key is (ticket_id, id). */
export interface HaloAction {
  id: number;
  ticket_id: number;
  outcome?: string;
  outcome_id?: HaloId;
  who?: string;
  who_type?: number;
  who_agentid?: HaloId;
  datetime?: HaloDateTime;
  actiondatecreated?: HaloDateTime;
  note?: string;
  note_html?: string;
  emailsubject?: string;
  emaildirection?: string;
  timetaken?: number;
  nonbilltime?: number;
  traveltime?: number;
  actionchargehours?: number;
  actionnonchargehours?: number;
  actionchargeamount?: number;
  actionnonchargeamount?: number;
  hiddenfromuser?: boolean;
  important?: boolean;
  new_status?: HaloId;
  new_status_name?: string;
  project_id?: HaloId;
  action_contract_id?: HaloId;
  actionby_agent_id?: HaloId;
}

/** `/api/Client` rows (spec `Area`). */
export interface HaloClient {
  id: number;
  name: string;
  toplevel_id?: HaloId;
  toplevel_name?: string;
  inactive?: boolean;
  is_vip?: boolean;
  website?: string;
  notes?: string;
  ref?: string;
  main_site_id?: HaloId;
  main_site_name?: string;
  main_contact_name?: string;
  main_phonenumber?: string;
  accountmanagertech?: HaloId;
  accountmanagertech_name?: string;
  datecreated?: HaloDateTime;
  open_ticket_count?: number;
  stopped?: number;
  taxable?: boolean;
  customfields?: HaloCustomField[];
}

/** `/api/Site` rows. On the wire `client_id` is a decimal (`21.0`). */
export interface HaloSite {
  id: number;
  name: string;
  client_id?: HaloId;
  client_name?: string;
  clientsite_name?: string;
  inactive?: boolean;
  sla_id?: HaloId;
  phonenumber?: string;
  timezone?: string;
  notes?: string;
  maincontact_id?: HaloId;
  maincontact_name?: string;
  isinvoicesite?: boolean;
  delivery_address_line1?: string;
  delivery_address_line2?: string;
  delivery_address_line3?: string;
  delivery_address_line4?: string;
  delivery_address_line5?: string;
}

/** `/api/Users` rows (contacts / end users). On the wire `site_id` is a decimal. */
export interface HaloUser {
  id: number;
  name: string;
  firstname?: string;
  surname?: string;
  title?: string;
  emailaddress?: string;
  phonenumber?: string;
  mobilenumber?: string;
  site_id?: HaloId;
  site_id_int?: HaloId;
  site_name?: string;
  client_id?: HaloId;
  client_name?: string;
  inactive?: boolean;
  isimportantcontact?: boolean;
  linked_agent_id?: HaloId;
}

export interface HaloAgentTeam {
  team_id?: HaloId;
  team_name?: string;
  department_id?: HaloId;
  is_manager?: boolean;
  fortickets?: boolean;
  forprojects?: boolean;
}

/** `/api/Agent` rows (spec `Uname`); the list is a bare array. */
export interface HaloAgent {
  id: number;
  name: string;
  firstname?: string;
  surname?: string;
  initials?: string;
  email?: string;
  /** Default team NAME. */
  team?: string;
  teams?: HaloAgentTeam[];
  isdisabled?: boolean;
  is_agent?: boolean;
  isapiagent?: boolean;
  jobtitle?: string;
  ticket_count?: number;
  lastlogindate?: HaloDateTime;
}

/** `/api/Team` rows (spec `SectionDetail`); probably a bare array. */
export interface HaloTeam {
  id: number;
  name: string;
  sequence?: number;
  forrequests?: boolean;
  forprojects?: boolean;
  ticket_count?: number;
  department_id?: HaloId;
  department_name?: string;
  inactive?: boolean;
}

/** `/api/Status` rows (spec `TStatus`); bare array. */
export interface HaloStatus {
  id: number;
  name: string;
  shortname?: string;
  type?: number;
  sequence?: number;
  colour?: string;
  slaaction?: string;
}

/** `/api/TicketType` rows (spec `RequestType`); bare array. */
export interface HaloTicketType {
  id: number;
  name: string;
  use?: string;
  sequence?: number;
  group_name?: string;
  default_priority?: HaloId;
  default_team?: string;
  default_agent?: HaloId;
}

/** `/api/Priority` rows (spec `Policy`): one per (SLA, priority); `id` is a GUID string. */
export interface HaloPriority {
  id: string;
  priorityid: number;
  slaid?: HaloId;
  name: string;
  responsetime?: number;
  responseunits?: string;
  fixtime?: number;
  fixunits?: string;
  ishidden?: boolean;
  colour?: string;
}

export interface HaloContractPeriod {
  id?: number;
  contract_id?: HaloId;
  name?: string;
  start_date?: HaloDateTime;
  end_date?: HaloDateTime;
  current?: boolean;
  hours_in_period?: number;
  hours_used?: number;
  hours_remaining?: number;
}

export interface HaloContractBillingPlan {
  seq?: number;
  type?: number;
  requesttype_name?: string;
  chargerate_name?: string;
  plan_name?: string;
  billing_plan_desc?: string;
  work_hours_covered?: boolean;
  not_included_in_contract?: boolean;
}

/** A scheduled billing amount of a contract (spec `ContractSchedule`; `chid` is the contract id). */
export interface HaloContractScheduleEntry {
  id?: string;
  chid?: HaloId;
  seq?: number;
  amount?: number;
  date?: HaloDateTime;
  agent_id?: HaloId;
  note?: string;
}

/** `/api/ClientContract` rows (spec `ContractHeader`). */
export interface HaloContract {
  id: number;
  ref?: string;
  refextra?: string;
  client_id?: HaloId;
  client_name?: string;
  site_id?: HaloId;
  site_name?: string;
  start_date?: HaloDateTime;
  end_date?: HaloDateTime;
  started?: boolean;
  expired?: boolean;
  active?: boolean;
  status?: number;
  contract_status?: string;
  contracttype?: number;
  contracttype_name?: string;
  billingperiod?: number;
  billing_period_string?: string;
  billingdescription?: number;
  billing_description_string?: string;
  periodchargeamount?: number;
  /** Detail field; a community report calls it "Contract Price per Period" (docs/halo-api.md §8.5). */
  costperperiod?: number;
  next_invoice_date?: HaloDateTime;
  periodicinvoicenextdate?: HaloDateTime;
  numberofunitsfree?: number;
  chargehoursperperiod?: number;
  termmonths?: number;
  rollingcontract?: boolean;
  note?: string;
  sla_id?: HaloId;
  sla_name?: string;
  billingplans?: HaloContractBillingPlan[];
  periods?: HaloContractPeriod[];
  /** Detail only. */
  schedule?: HaloContractScheduleEntry[];
}

/** Invoice lines (spec `InvoiceDetail`), on invoices and on recurring invoice templates. */
export interface HaloInvoiceLine {
  id: number;
  ihid?: HaloId;
  item_code?: string;
  item_shortdescription?: string;
  item_longdescription?: string;
  _itemid?: HaloId;
  qty_order?: number;
  unit_price?: number;
  /** Template lines may carry their price here with `unit_price` 0 (docs/halo-api.md §8.2). */
  baseprice?: number;
  net_amount?: number;
  net_total?: number;
  tax_amount?: number;
  total_tax?: number;
  total_price?: number;
  tax_rate?: number;
  discount_perc?: number;
  asset_id?: HaloId;
  contract_id?: HaloId;
  ticket_id?: HaloId;
  recurring_invoice_id?: HaloId;
  recurring_invoice_line_id?: HaloId;
  billingperiod?: number;
  startdate?: HaloDateTime;
  enddate?: HaloDateTime;
}

/** Recurring schedule object on templates (spec `StdRequest`, subset). */
export interface HaloSchedule {
  id?: number;
  period?: number;
  every?: number;
  lastcreated?: HaloDateTime;
  nextcreationdate?: HaloDateTime;
  startdate?: HaloDateTime;
  end_date?: HaloDateTime;
  disabled?: boolean;
}

/** `/api/Invoice` and `/api/RecurringInvoice` rows (both spec `InvoiceHeader`). */
export interface HaloInvoice {
  id: number;
  invoicenumber?: string;
  thirdpartyinvoicenumber?: string;
  client_id?: HaloId;
  client_name?: string;
  sitenumber?: HaloId;
  site_name?: string;
  invoice_date?: HaloDateTime;
  duedate?: HaloDateTime;
  datepaid?: HaloDateTime;
  posted?: boolean;
  paymentstatus?: number;
  amountpaid?: number;
  amountdue?: number;
  total?: number;
  tax_total?: number;
  revenue?: number;
  currency?: string;
  currency_code?: number;
  currency_code_name?: string;
  reference?: string;
  ticket_id?: HaloId;
  contract_id?: HaloId;
  contract_ref?: string;
  /** 0 invoice, otherwise e.g. credit note: enumeration unverified; see revenue rules. */
  invoicetype?: number;
  voided?: boolean;
  disabled?: boolean;
  creditlinkedtoinvoiceid?: HaloId;
  /** Set on supplier (purchase-order) invoices, which share the `/Invoice` list. */
  purchaseorder_id?: HaloId;
  supplier_name?: string;
  /** 2026 builds (docs/halo-api.md §8.3). */
  is_down_payment?: boolean;
  recurring_invoice_id?: HaloId;
  is_recurring_invoice?: boolean;
  lines?: HaloInvoiceLine[];
  // Recurring template schedule fields.
  schedule_id?: HaloId;
  schedule?: HaloSchedule;
  lastcreated?: HaloDateTime;
  nextcreationdate?: HaloDateTime;
  nextcreationperiod?: string;
  period_start_date?: HaloDateTime;
  period_end_date?: HaloDateTime;
  period?: number;
  periodname?: string;
  period_type?: number;
  daysplus?: number;
  startdate?: HaloDateTime;
  enddate?: HaloDateTime;
  date_created?: HaloDateTime;
  last_modified?: HaloDateTime;
}

export interface HaloAssetField {
  id?: number;
  name?: string;
  value?: unknown;
  display?: string;
}

/** `/api/Asset` rows (spec `Device`). Assets have no `name`: `key_field` is what UIs show. */
export interface HaloAsset {
  id: number;
  inventory_number?: string;
  key_field?: string;
  key_field2?: string;
  key_field3?: string;
  client_id?: HaloId;
  client_name?: string;
  site_id?: HaloId;
  site_name?: string;
  username?: string;
  assettype_id?: HaloId;
  assettype_name?: string;
  status_id?: HaloId;
  status_name?: string;
  inactive?: boolean;
  warranty_start?: HaloDateTime;
  warranty_end?: HaloDateTime;
  contract_id?: HaloId;
  contract_ref?: string;
  supplier_id?: HaloId;
  supplier_name?: string;
  parent_id?: HaloId;
  notes?: string;
  fields?: HaloAssetField[];
  customfields?: HaloCustomField[];
  users?: HaloUser[];
  parent_assets?: Array<{ id: number; inventory_number?: string; key_field?: string }>;
  child_assets?: Array<{ id: number; inventory_number?: string; key_field?: string }>;
}

export interface HaloReportContent {
  loaded?: boolean;
  load_error?: string;
  rows?: Array<Record<string, unknown>>;
}

/** `/api/Report` rows (spec `AnalyzerProfile`). */
export interface HaloReport {
  id: number;
  name: string;
  description?: string;
  type?: number;
  group_id?: HaloId;
  group_name?: string;
  reportingperiod?: number;
  is_published?: boolean;
  published_id?: string;
  report?: HaloReportContent;
}
