import type { HaloYoga } from '../graphql/yoga.js';
import { CLIENT_ID_ARGUMENT, CLIENT_NAME_ARGUMENT } from './input-schema.js';
import { DATA_NOTE, fenced } from './render-text.js';
import { runOperation } from './run-operation.js';
import { OperationFailed, ToolInputError } from './tool-errors.js';

const MAX_CANDIDATES = 10;

const CLIENT_SEARCH = `query ($search: String) {
  clients(search: $search, includeInactive: true, page: { pageSize: 100 }) { totalCount items { id name inactive } }
}`;

interface ClientMatch {
  id: number;
  name: string;
  inactive?: boolean;
}

/**
 * Replaces a `client` name argument by the `client_id` of the one client it names, for every tool
 * whose operation takes `$client_id`. One search request; an exact (case-insensitive) name match
 * wins over partial matches; no match or several matches are input errors naming the candidates.
 */
export async function resolveClientArgument(
  yoga: HaloYoga,
  args: Record<string, unknown>,
  clientIdRequired: boolean,
): Promise<Record<string, unknown>> {
  const { [CLIENT_NAME_ARGUMENT]: name, ...rest } = args;
  if (typeof name !== 'string') {
    if (clientIdRequired && rest[CLIENT_ID_ARGUMENT] === undefined) {
      throw new ToolInputError(
        'Give client_id or client (a client name). Use list_clients to find a client id.',
      );
    }
    return rest;
  }
  if (rest[CLIENT_ID_ARGUMENT] !== undefined) {
    throw new ToolInputError('Give either client_id or client (a name), not both.');
  }
  const search = name.trim();
  if (search === '') throw new ToolInputError('client must name a client.');
  const response = await runOperation(yoga, CLIENT_SEARCH, { search });
  const page = (response.data?.clients ?? null) as { totalCount: number; items: ClientMatch[] } | null;
  if (!page) throw new OperationFailed(response.errors ?? []);
  return { ...rest, [CLIENT_ID_ARGUMENT]: pickClient(search, page.items, page.totalCount).id };
}

function pickClient(search: string, matches: ClientMatch[], total: number): ClientMatch {
  const exact = matches.filter((c) => c.name.trim().toLowerCase() === search.toLowerCase());
  if (exact.length === 1) return exact[0]!;
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) {
    throw new ToolInputError(
      `No client matches "${search}". Use list_clients with a shorter search to find it.`,
    );
  }
  const candidates = exact.length > 1 ? exact : matches;
  const count = exact.length > 1 ? exact.length : total;
  // Inactive clients are searched too (their invoices still count) but list_clients hides them by
  // default, so a candidate the user never saw says why.
  const shown = candidates
    .slice(0, MAX_CANDIDATES)
    .map((c) => `- ${c.name} (client_id ${c.id}${c.inactive ? ', inactive in Halo' : ''})`);
  if (count > shown.length) shown.push(`- and ${count - shown.length} more`);
  // Client names are Halo data, so they are fenced like any tool result.
  throw new ToolInputError(
    [
      `"${search}" matches ${count} clients:`,
      DATA_NOTE,
      ...fenced(shown),
      ...(candidates.slice(0, MAX_CANDIDATES).some((c) => c.inactive)
        ? ['Inactive clients are matched too; list_clients shows them only with include_inactive: true.']
        : []),
      'Call again with client_id, or a more exact client name.',
    ].join('\n'),
  );
}
