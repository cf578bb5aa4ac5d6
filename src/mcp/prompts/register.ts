import { completable, type McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { type ClientDirectory, completeClientName } from './client-completion.js';
import type { PromptArgumentDefinition, PromptArguments, PromptDefinition } from './definition.js';

type ArgsSchema = z.ZodObject<Record<string, z.ZodType<string | undefined>>>;

/** Argument schemas built once per prompt and directory: an HTTP server registers prompts per request. */
const built = new WeakMap<PromptDefinition, Map<ClientDirectory | undefined, ArgsSchema>>();

function argsSchemaFor(prompt: PromptDefinition, directory: ClientDirectory | undefined): ArgsSchema {
  let byDirectory = built.get(prompt);
  if (!byDirectory) {
    byDirectory = new Map();
    built.set(prompt, byDirectory);
  }
  let schema = byDirectory.get(directory);
  if (!schema) {
    const shape: Record<string, z.ZodType<string | undefined>> = {};
    for (const argument of prompt.arguments) shape[argument.name] = argumentSchema(argument, directory);
    schema = z.object(shape);
    byDirectory.set(directory, schema);
  }
  return schema;
}

/** Registers every prompt whose tools are all served; the others would point at missing tools. */
export function registerPrompts(
  server: McpServer,
  prompts: PromptDefinition[],
  toolNames: ReadonlySet<string>,
  directory: ClientDirectory | undefined,
): void {
  for (const prompt of prompts) {
    if (!prompt.tools.every((t) => toolNames.has(t))) continue;
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: argsSchemaFor(prompt, directory) },
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
