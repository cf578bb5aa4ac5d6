/** One argument of a prompt; prompt arguments are strings, as MCP defines them. */
export interface PromptArgumentDefinition {
  name: string;
  description: string;
  required?: boolean;
  /** Values offered as the user types: `client` completes client names from the client directory. */
  completes?: 'client';
}

export type PromptArguments = Record<string, string | undefined>;

/**
 * A prompt a user picks from the client's menu, as data: what it is called and asks for, the tools
 * its instructions chain (each must be a registered tool), and the message it fills in.
 */
export interface PromptDefinition {
  name: string;
  title: string;
  description: string;
  arguments: PromptArgumentDefinition[];
  /** The tools the message asks the model to call, in order. */
  tools: string[];
  message(args: PromptArguments): string;
}

/** A user-given value inside prompt text: quoted, so a name reads as one value. */
export const quoted = (value: string): string => JSON.stringify(value);

/** `from`/`to` arguments as tool arguments, or the tool's default period. */
export function periodClause(args: PromptArguments): string {
  const parts = [args.from ? `from=${args.from}` : '', args.to ? `to=${args.to}` : ''].filter(Boolean);
  return parts.length > 0 ? ` with ${parts.join(' and ')}` : ' (default period: the 12 months to today)';
}

export const PERIOD_ARGUMENTS: PromptArgumentDefinition[] = [
  { name: 'from', description: 'First day of the period, YYYY-MM-DD (default: 12 months before to).' },
  { name: 'to', description: 'Last day of the period, YYYY-MM-DD (default: today).' },
];

export const CLIENT_ARGUMENT: PromptArgumentDefinition = {
  name: 'client',
  description: 'Client name (or a unique part of it), as in Halo.',
  required: true,
  completes: 'client',
};
