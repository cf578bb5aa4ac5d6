import type { Dataset } from './dataset.js';

/**
 * A Halo agent who can sign in through the simulator's login page, with what Halo would let that
 * agent see: invoicing rights, and (when set) only some clients.
 */
export interface AgentAccount {
  agentId: number;
  name: string;
  password: string;
  /** False: every invoice and recurring-invoice read answers 403, as for an agent without the right. */
  invoices: boolean;
  /** When set, the agent sees only these clients and the records that belong to them. */
  clientIds?: number[];
}

/** How many clients the restricted demo agent may see. */
const RESTRICTED_CLIENT_COUNT = 3;

/**
 * The default accounts: every enabled agent, password `halo-<id>`. The second agent has no invoice
 * access and the third sees only the first three clients (by id), so both Halo behaviours an agent
 * login exposes are always there to test.
 */
export function defaultAgentAccounts(dataset: Dataset): AgentAccount[] {
  const agents = dataset.agents.filter((a) => !a.isdisabled && a.id > 1).sort((a, b) => a.id - b.id);
  const firstClients = [...dataset.clients]
    .sort((a, b) => a.id - b.id)
    .slice(0, RESTRICTED_CLIENT_COUNT)
    .map((c) => c.id);
  return agents.map((agent, index) => ({
    agentId: agent.id,
    name: agent.name,
    password: `halo-${agent.id}`,
    invoices: index !== 1,
    ...(index === 2 ? { clientIds: firstClients } : {}),
  }));
}

export function describeAccess(account: AgentAccount): string {
  const parts: string[] = [];
  if (!account.invoices) parts.push('no invoice access');
  if (account.clientIds) parts.push(`only clients ${account.clientIds.join(', ')}`);
  return parts.length === 0 ? 'full access' : parts.join('; ');
}
