import { completable, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type ClientDirectory, completeClientName } from './client-completion.js';
import type { PromptArgumentDefinition, PromptArguments, PromptDefinition } from './definition.js';

/** Registers every prompt whose tools are all served; the others would point at missing tools. */
export function registerPrompts(
  server: McpServer,
  prompts: PromptDefinition[],
  toolNames: ReadonlySet<string>,
  directory: ClientDirectory | undefined,
): void {
  for (const prompt of prompts) {
    if (!prompt.tools.every((t) => toolNames.has(t))) continue;
    const shape: Record<string, z.ZodType<string | undefined>> = {};
    for (const argument of prompt.arguments) shape[argument.name] = argumentSchema(argument, directory);
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: z.object(shape) },
      (args: PromptArguments) => ({
        description: prompt.description,
        messages: [{ role: 'user' as const, content: { type: 'text' as const, text: prompt.message(args) } }],
      }),
    );
  }
}

function argumentSchema(argument: PromptArgumentDefinition, directory: ClientDirectory | undefined) {
  let schema = z.string().trim().min(1).max(200).describe(argument.description);
  if (argument.completes === 'client' && directory) {
    schema = completable(schema, (typed) => completeClientName(directory, typed ?? ''));
  }
  return argument.required ? schema : schema.optional();
}
