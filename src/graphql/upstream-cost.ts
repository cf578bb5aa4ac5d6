import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';
import { HALO_MAX_PAGE_SIZE } from '../halo/resources.js';
import { MAX_LOCAL_ROWS } from './loaders.js';
import { MAX_SCANNED_TICKETS } from './schema/action.js';
import { DEFAULT_PAGE_SIZE } from './schema/page.js';

// The GraphQL limits (limits.ts) count records; Halo's budget counts requests. This estimate walks
// an operation with its variables and counts the upstream requests it can cause, so that a query
// that would spend a large part of the rolling budget is refused before its first request.

export interface UpstreamBudget {
  /** Most estimated Halo requests for one call. */
  perCall: number;
  /** For the revenue portfolio and the analytics, whose reads grow with the whole tenant. */
  portfolio: number;
}

export const DEFAULT_UPSTREAM_BUDGET: UpstreamBudget = { perCall: 60, portfolio: 400 };

/**
 * What the portfolio is counted as: it reads clients, contracts, templates and invoices whole (a
 * few pages each on a typical tenant) plus contract details; the true count grows with the tenant.
 */
const PORTFOLIO_ESTIMATE = 40;
/**
 * The analytics read whole collections (tickets, actions, contracts, invoices) inside their
 * resolvers, so like the portfolio their cost grows with the tenant: they are counted against the
 * portfolio budget, at the figure given here (one client's overview reads a dozen collections).
 */
const TENANT_WIDE_ESTIMATES: Readonly<Record<string, number>> = {
  unbilledTime: PORTFOLIO_ESTIMATE,
  contractRenewals: PORTFOLIO_ESTIMATE,
  slaPerformance: PORTFOLIO_ESTIMATE,
  receivablesAging: PORTFOLIO_ESTIMATE,
  clientOverview: 60,
};
/** Children assumed per parent for a list the schema does not page (sites, contacts...). */
const LIST_ESTIMATE = 10;
/**
 * Lists that some filters make read whole (bounded by MAX_LOCAL_ROWS) and page here, because Halo
 * lacks the filter: each may walk every page up to that bound.
 */
const LOCALLY_FILTERED_PAGES = new Set([
  'ContractPage',
  'InvoicePage',
  'ProjectPage',
  'RecurringInvoicePage',
]);
const LOCAL_READ_PAGES = Math.ceil(MAX_LOCAL_ROWS / HALO_MAX_PAGE_SIZE);
/** Types read from the cross-request reference cache: one directory read serves every row. */
const REFERENCE_TYPES = new Set(['Agent', 'Team', 'Status', 'TicketType', 'Priority']);

interface Estimate {
  requests: number;
  /** The most expensive places, for the refusal message. */
  parts: Map<string, number>;
  portfolio: boolean;
}

/** Halo requests a batched loader makes for `n` parents: page 1, then the pages it may walk. */
const batched = (n: number): number => (n <= 1 ? n : 1 + Math.ceil(n / HALO_MAX_PAGE_SIZE));
const pagesFor = (pageSize: number, type: string): number =>
  LOCALLY_FILTERED_PAGES.has(type) ? LOCAL_READ_PAGES : Math.max(1, Math.ceil(pageSize / HALO_MAX_PAGE_SIZE));

/**
 * The estimated upstream requests of the selected operation. Root fields read once (a page walks
 * ceil(pageSize/100) Halo pages, a list that may be filtered locally up to MAX_LOCAL_ROWS); below the root, a paged relation or an action history is one
 * read per parent, a relation served by a batching loader costs a few reads per level, and
 * reference data one read.
 */
export function estimateUpstreamRequests(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  operationName?: string | null,
): Estimate {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const estimate: Estimate = { requests: 0, parts: new Map(), portfolio: false };
  const root = schema.getQueryType();
  if (operation?.operation !== 'query' || !root) return estimate;
  const values = { ...defaultsOf(operation), ...variables };
  new Walk(schema, fragments, values, estimate).selections(operation.selectionSet, root, 1, '', new Set());
  return estimate;
}

class Walk {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly estimate: Estimate,
  ) {}

  selections(set: SelectionSetNode, parent: GraphQLNamedType, n: number, path: string, seen: Set<string>) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) this.field(selection, parent, n, path, seen);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition
          ? this.schema.getType(selection.typeCondition.name.value)
          : parent;
        this.selections(selection.selectionSet, typed ?? parent, n, path, seen);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const typed = this.schema.getType(fragment.typeCondition.name.value) ?? parent;
        this.selections(fragment.selectionSet, typed, n, path, new Set([...seen, fragment.name.value]));
      }
    }
  }

  private field(node: FieldNode, parent: GraphQLNamedType, n: number, path: string, seen: Set<string>) {
    if (!isObjectType(parent) || n === 0) return;
    const def = parent.getFields()[node.name.value];
    if (!def) return;
    const here = `${path}${path ? '.' : ''}${node.alias?.value ?? node.name.value}`;
    const { requests, children } = this.cost(parent.name, def, node, n);
    if (requests > 0) {
      this.estimate.requests += requests;
      this.estimate.parts.set(here, (this.estimate.parts.get(here) ?? 0) + requests);
    }
    if (node.selectionSet) this.selections(node.selectionSet, getNamedType(def.type), children, here, seen);
  }

  /** Requests this field makes for `n` parents, and how many objects its selection then runs for. */
  private cost(
    parent: string,
    def: GraphQLField<unknown, unknown>,
    node: FieldNode,
    n: number,
  ): { requests: number; children: number } {
    const named = getNamedType(def.type);
    const unwrapped = isNonNullType(def.type) ? def.type.ofType : def.type;
    const args = this.argumentsOf(node);
    const pageSize = pageSizeOf(args.page);
    const isPage = named.name.endsWith('Page');
    const key = `${parent}.${def.name}`;
    if (parent === 'Query') return this.rootCost(def.name, named.name, args, pageSize);
    if (key === 'Ticket.actions' || key === 'Project.actions') return { requests: n, children: n * pageSize };
    if (key === 'Report.rows') return { requests: n, children: n * LIST_ESTIMATE };
    if (key === 'Client.revenue') return { requests: 3 * batched(n), children: n };
    if (key === 'Agent.openTicketCount') return { requests: batched(n), children: 0 };
    // One read of every listed client's invoices in the range (whole, up to MAX_LOCAL_ROWS), or
    // when together they have too many, one read per client.
    if (key === 'Client.invoices') {
      return { requests: LOCAL_READ_PAGES + (n > 1 ? n : 0), children: n * pageSize };
    }
    if (isPage) return { requests: n * pagesFor(pageSize, named.name), children: n * pageSize };
    if (parent.endsWith('Page') && def.name === 'items') return { requests: 0, children: n };
    if (!isObjectType(named)) return { requests: 0, children: 0 };
    const children = isListType(unwrapped) ? n * LIST_ESTIMATE : n;
    if (REFERENCE_TYPES.has(named.name)) return { requests: 1, children };
    // A value object (no id) is computed from its parent's row: no read of its own.
    if (!named.getFields().id) return { requests: 0, children };
    return { requests: batched(n), children };
  }

  private rootCost(
    field: string,
    type: string,
    args: Record<string, unknown>,
    pageSize: number,
  ): { requests: number; children: number } {
    if (field === 'actions') {
      const filter = (args.filter ?? {}) as { ticketId?: unknown };
      // One ticket: its history (and a second read when it is empty). Otherwise the scan.
      return filter.ticketId != null
        ? { requests: 2, children: pageSize }
        : { requests: 1 + MAX_SCANNED_TICKETS, children: pageSize };
    }
    const portfolio = field === 'revenuePortfolio' || (field === 'revenueBreakdown' && args.clientId == null);
    if (portfolio) {
      this.estimate.portfolio = true;
      return { requests: PORTFOLIO_ESTIMATE, children: Number(args.limit ?? DEFAULT_PAGE_SIZE) || 1 };
    }
    if (field === 'revenueBreakdown') return { requests: 4, children: 1 };
    const tenantWide = TENANT_WIDE_ESTIMATES[field];
    if (tenantWide !== undefined) {
      this.estimate.portfolio = true;
      return { requests: tenantWide, children: 1 };
    }
    if (type.endsWith('Page')) return { requests: pagesFor(pageSize, type), children: pageSize };
    return { requests: 1, children: 1 };
  }

  private argumentsOf(node: FieldNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const arg of node.arguments ?? []) out[arg.name.value] = this.value(arg.value);
    return out;
  }

  private value(value: ValueNode): unknown {
    return valueFromASTUntyped(value, this.variables);
  }
}

function pageSizeOf(page: unknown): number {
  const size = (page as { pageSize?: unknown } | null | undefined)?.pageSize;
  return typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : DEFAULT_PAGE_SIZE;
}

function defaultsOf(operation: OperationDefinitionNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) out[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
  }
  return out;
}

/** The refusal for an estimate over the budget, or undefined when it fits. */
export function budgetRefusal(estimate: Estimate, budget: UpstreamBudget): GraphQLError | undefined {
  const limit = estimate.portfolio ? budget.portfolio : budget.perCall;
  if (estimate.requests <= limit) return undefined;
  const costly = [...estimate.parts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([path, requests]) => `${path} ~${requests}`)
    .join(', ');
  return new GraphQLError(
    `This query could make about ${estimate.requests} Halo API requests; one call may make at most ${limit} ` +
      `(Halo allows only a few hundred per 5 minutes for everyone). Most of it: ${costly}. ` +
      'Narrow it: ask for smaller pages (pageSize), fewer nested lists per row, or one record by id.',
    { extensions: { code: 'BAD_USER_INPUT', estimatedRequests: estimate.requests, limit } },
  );
}
