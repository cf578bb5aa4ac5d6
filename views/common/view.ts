import {
  App,
  applyDocumentTheme,
  applyHostFonts,
  applyHostStyleVariables,
  type McpUiHostContext,
} from '@modelcontextprotocol/ext-apps';
import { el } from './dom.js';
import { setLocale } from './format.js';

/** A tool result as the host hands it over (only what the views read). */
export interface ToolResult {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export interface ViewContext {
  /** Asks the host to call one of this server's tools; the host decides and may refuse. */
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  /** The arguments the host called the tool with, when it sent them. */
  toolArguments(): Record<string, unknown>;
}

export interface ViewDefinition {
  name: string;
  /** Draws the structured content into `root` (emptied first). */
  render(root: HTMLElement, structured: Record<string, unknown>, context: ViewContext): void;
}

function applyContext(context: McpUiHostContext | undefined): void {
  if (!context) return;
  if (context.theme) applyDocumentTheme(context.theme);
  if (context.styles?.variables) applyHostStyleVariables(context.styles.variables);
  if (context.styles?.css?.fonts) applyHostFonts(context.styles.css.fonts);
  setLocale(context.locale);
}

function textOf(result: ToolResult): string {
  return (result.content ?? [])
    .map((part) => (part.type === 'text' ? (part.text ?? '') : ''))
    .join('\n')
    .trim();
}

/** A tool error (or a result without structured content) shown as the host's text, as text. */
export function showProblem(root: HTMLElement, result: ToolResult): void {
  root.replaceChildren(
    el('p', { class: 'problem', role: 'alert' }, textOf(result) || 'The tool returned no figures to show.'),
  );
}

/**
 * Connects the view to its host through the official MCP Apps client (postMessage to the parent
 * frame, never the network) and renders every tool result the host sends.
 */
export function startView(definition: ViewDefinition): App {
  const root = document.getElementById('app')!;
  const app = new App({ name: definition.name, version: '1.0.0' }, {}, { autoResize: true });
  let args: Record<string, unknown> = {};
  const context: ViewContext = {
    callTool: async (name, toolArgs) =>
      (await app.callServerTool({ name, arguments: toolArgs })) as ToolResult,
    toolArguments: () => args,
  };
  app.ontoolinput = (params) => {
    args = (params.arguments as Record<string, unknown> | undefined) ?? {};
  };
  app.ontoolresult = (result) => {
    const toolResult = result as ToolResult;
    if (toolResult.isError || !toolResult.structuredContent) {
      showProblem(root, toolResult);
      return;
    }
    root.replaceChildren();
    try {
      definition.render(root, toolResult.structuredContent, context);
    } catch {
      showProblem(root, { content: [{ type: 'text', text: 'These figures could not be drawn.' }] });
    }
  };
  app.ontoolcancelled = () => {
    root.replaceChildren(el('p', { class: 'problem', role: 'status' }, 'The tool call was cancelled.'));
  };
  app.onhostcontextchanged = (changed) => applyContext(changed);
  void app.connect().then(() => applyContext(app.getHostContext()));
  return app;
}
