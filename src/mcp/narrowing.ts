import { CLIENT_ID_ARGUMENT, CLIENT_NAME_ARGUMENT } from './input-schema.js';
import type { ToolOperation } from './operations.js';

/** What a caller can change to make a call read less, from the tool's own arguments. */
export function narrowingHint(operation: ToolOperation, args: Record<string, unknown>): string {
  const names = new Set(operation.variables.map((v) => v.name));
  const ways: string[] = [];
  const periods = [...names].filter((n) => n === 'from' || n === 'to' || /_(from|to)$/.test(n));
  if (periods.length > 0) ways.push(`a shorter period (${periods.join(', ')})`);
  const clientGiven = args[CLIENT_ID_ARGUMENT] != null || args[CLIENT_NAME_ARGUMENT] != null;
  if (names.has(CLIENT_ID_ARGUMENT) && !clientGiven) ways.push('one client (client_id or client)');
  if (names.has('page_size')) ways.push('a smaller page_size');
  return ways.length > 0 ? ways.join(', or ') : 'ask for less';
}
