import type {
  HaloAction,
  HaloAgent,
  HaloAsset,
  HaloClient,
  HaloContract,
  HaloInvoice,
  HaloInvoiceLine,
  HaloPriority,
  HaloReport,
  HaloSite,
  HaloStatus,
  HaloTeam,
  HaloTicket,
  HaloTicketType,
  HaloUser,
} from '../../halo/types.js';
import { builder } from '../builder.js';

// Every entity's object ref, declared once so entity files can point at each other without
// import cycles. Each entity file implements its own ref and adds the relation fields that
// return it onto other types (`builder.objectField(ClientRef, 'tickets', ...)` lives in ticket.ts).
export const TicketRef = builder.objectRef<HaloTicket>('Ticket');
export const ActionRef = builder.objectRef<HaloAction>('Action');
export const ClientRef = builder.objectRef<HaloClient>('Client');
export const SiteRef = builder.objectRef<HaloSite>('Site');
export const ContactRef = builder.objectRef<HaloUser>('Contact');
export const AgentRef = builder.objectRef<HaloAgent>('Agent');
export const TeamRef = builder.objectRef<HaloTeam>('Team');
export const StatusRef = builder.objectRef<HaloStatus>('Status');
export const TicketTypeRef = builder.objectRef<HaloTicketType>('TicketType');
export const PriorityRef = builder.objectRef<HaloPriority>('Priority');
export const ContractRef = builder.objectRef<HaloContract>('Contract');
export const InvoiceRef = builder.objectRef<HaloInvoice>('Invoice');
export const InvoiceLineRef = builder.objectRef<HaloInvoiceLine>('InvoiceLine');
export const RecurringInvoiceRef = builder.objectRef<HaloInvoice>('RecurringInvoice');
export const ProjectRef = builder.objectRef<HaloTicket>('Project');
export const AssetRef = builder.objectRef<HaloAsset>('Asset');
export const ReportRef = builder.objectRef<HaloReport>('Report');
