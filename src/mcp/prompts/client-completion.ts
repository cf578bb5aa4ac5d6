/** The most values one completion offers. */
export const MAX_COMPLETIONS = 20;

export interface DirectoryClient {
  name: string;
  inactive?: boolean;
}

/** The client directory, read through a cache (the reference cache's `clients`). */
export type ClientDirectory = () => Promise<DirectoryClient[]>;

/**
 * Client names starting with what the user typed (case-insensitive): active clients first, then
 * by name, at most MAX_COMPLETIONS. A directory that cannot be read offers nothing.
 */
export async function completeClientName(directory: ClientDirectory, typed: string): Promise<string[]> {
  const prefix = typed.trim().toLowerCase();
  const clients = await directory().catch(() => []);
  const names = new Map<string, boolean>();
  for (const c of clients) {
    if (!c.name?.toLowerCase().startsWith(prefix)) continue;
    names.set(c.name, (names.get(c.name) ?? false) || !c.inactive);
  }
  return [...names]
    .sort(([a, activeA], [b, activeB]) => Number(activeB) - Number(activeA) || a.localeCompare(b))
    .slice(0, MAX_COMPLETIONS)
    .map(([name]) => name);
}
