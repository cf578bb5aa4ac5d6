import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  AppBridge,
  getToolUiResourceUri,
  type McpUiHostContext,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import { el } from './common/dom.js';

// The preview host (served at /views beside GraphiQL): a small MCP Apps host built on the official
// host-side bridge. It talks MCP to this server's /mcp like any client, reads each tool's view
// through resources/read, renders it in a sandboxed frame (scripts only, opaque origin) and hands
// it the tool's input and result; tool calls the view asks for go through this host to /mcp and
// are listed on the page.

type Theme = 'light' | 'dark';

interface ToolInfo {
  name: string;
  uri: string;
  takesClient: boolean;
  needsClient: boolean;
  takesPeriod: boolean;
}

/** Host style variables, so a preview shows a view adopting a host's look (MCP Apps styles). */
const HOST_VARIABLES: Record<Theme, Record<string, string>> = {
  light: {
    '--color-background-primary': '#ffffff',
    '--color-background-secondary': '#f3f4f6',
    '--color-text-primary': '#111827',
    '--color-text-secondary': '#4b5563',
    '--color-border-secondary': '#d1d5db',
    '--font-sans': '"Helvetica Neue", Arial, sans-serif',
  },
  dark: {
    '--color-background-primary': '#18191c',
    '--color-background-secondary': '#25272b',
    '--color-text-primary': '#f3f4f6',
    '--color-text-secondary': '#b6bcc6',
    '--color-border-secondary': '#3f434a',
    '--font-sans': '"Helvetica Neue", Arial, sans-serif',
  },
};

function hostContext(theme: Theme): McpUiHostContext {
  return {
    theme,
    styles: { variables: HOST_VARIABLES[theme] },
    displayMode: 'inline',
    availableDisplayModes: ['inline'],
    locale: 'en-US',
    platform: 'web',
  } as McpUiHostContext;
}

const controls = {
  tool: el('select', { id: 'tool', 'aria-label': 'View' }),
  client: el('select', { id: 'client', 'aria-label': 'Client' }),
  from: el('input', { id: 'from', type: 'date', 'aria-label': 'From' }),
  to: el('input', { id: 'to', type: 'date', 'aria-label': 'To' }),
  theme: el(
    'select',
    { id: 'theme', 'aria-label': 'Theme' },
    el('option', { value: 'light' }, 'Light'),
    el('option', { value: 'dark' }, 'Dark'),
  ),
  show: el('button', { id: 'show', type: 'button', class: 'primary' }, 'Show'),
};
const stage = el('div', { id: 'stage' });
const status = el('p', { id: 'status', role: 'status' });
const calls = el('ol', { id: 'view-calls', 'aria-label': 'Tool calls the view asked for' });

let mcp: Client | undefined;
let bridge: AppBridge | undefined;
let tools: ToolInfo[] = [];

async function connect(): Promise<Client> {
  const client = new Client({ name: 'halo-psa-mcp views preview', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', window.location.href)));
  return client;
}

async function loadChoices(client: Client): Promise<void> {
  const listed = await client.listTools();
  tools = listed.tools.flatMap((tool) => {
    const uri = getToolUiResourceUri(tool);
    if (!uri) return [];
    const properties = (tool.inputSchema?.properties ?? {}) as Record<string, unknown>;
    const required = (tool.inputSchema?.required ?? []) as string[];
    return [
      {
        name: tool.name,
        uri,
        takesClient: 'client_id' in properties,
        needsClient: required.includes('client_id'),
        takesPeriod: 'from' in properties,
      },
    ];
  });
  controls.tool.replaceChildren(...tools.map((tool) => el('option', { value: tool.name }, tool.name)));
  const clients = await client.callTool({ name: 'list_clients', arguments: { page_size: 100 } });
  const items =
    (clients.structuredContent as { clients?: { items?: Array<{ id: number; name: string }> } })?.clients
      ?.items ?? [];
  controls.client.replaceChildren(
    el('option', { value: '' }, 'All clients (portfolio)'),
    ...items.map((item) => el('option', { value: String(item.id) }, `${item.name} (#${item.id})`)),
  );
}

function argumentsFor(tool: ToolInfo): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (tool.takesClient && controls.client.value) args.client_id = Number(controls.client.value);
  // A tool that needs a client gets the first one listed when "all clients" is picked.
  else if (tool.needsClient) args.client_id = Number(controls.client.options[1]?.value ?? 0);
  if (tool.takesPeriod && controls.from.value) args.from = controls.from.value;
  if (tool.takesPeriod && controls.to.value) args.to = controls.to.value;
  return args;
}

function logCall(name: string, args: unknown): void {
  calls.append(el('li', { 'data-tool': name }, `${name} ${JSON.stringify(args ?? {})}`));
}

async function show(): Promise<void> {
  const client = mcp!;
  const tool = tools.find((t) => t.name === controls.tool.value);
  if (!tool) return;
  status.textContent = `Calling ${tool.name}…`;
  await bridge?.close().catch(() => undefined);
  const args = argumentsFor(tool);
  const [resource, result] = await Promise.all([
    client.readResource({ uri: tool.uri }),
    client.callTool({ name: tool.name, arguments: args }),
  ]);
  const content = resource.contents[0];
  const html = content && 'text' in content ? content.text : '';
  const frame = el('iframe', {
    title: `${tool.name} view`,
    sandbox: 'allow-scripts',
    'data-tool': tool.name,
  });
  stage.replaceChildren(frame);
  const theme = controls.theme.value as Theme;
  // No client handed to the bridge: this host answers the view's requests itself, so it can list
  // them, and forwards only tool calls (to /mcp, like the model's own).
  bridge = new AppBridge(
    null,
    { name: 'halo-psa-mcp preview', version: '1.0.0' },
    { serverTools: {} },
    { hostContext: hostContext(theme) },
  );
  bridge.oncalltool = (params) => {
    logCall(params.name, params.arguments);
    return client.callTool(params) as ReturnType<NonNullable<AppBridge['oncalltool']>>;
  };
  bridge.onsizechange = ({ height }) => {
    if (typeof height === 'number') frame.style.height = `${Math.ceil(height)}px`;
  };
  const initialized = new Promise<void>((resolve) => {
    bridge!.oninitialized = () => resolve();
  });
  // Listening before the document loads: the view says ui/initialize as soon as it runs.
  await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
  frame.srcdoc = html;
  await initialized;
  await bridge.sendToolInput({ arguments: args });
  await bridge.sendToolResult(result as Parameters<AppBridge['sendToolResult']>[0]);
  status.textContent = `${tool.name} ${JSON.stringify(args)}: shown.`;
}

function applyTheme(): void {
  const theme = controls.theme.value as Theme;
  document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme;
  bridge?.setHostContext(hostContext(theme));
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  root.replaceChildren(
    el('h1', {}, 'halo-psa-mcp views'),
    el(
      'p',
      { class: 'subtitle' },
      'MCP Apps views as a host renders them beside a tool result, fed by this server over MCP.',
    ),
    el(
      'div',
      { class: 'controls' },
      ...Object.values(controls).map((control) =>
        control instanceof HTMLButtonElement
          ? control
          : el('label', {}, control.getAttribute('aria-label') ?? '', control),
      ),
    ),
    status,
    stage,
    el('h2', {}, 'Tool calls the view asked for'),
    calls,
  );
  controls.show.addEventListener('click', () => {
    show().catch((error: unknown) => {
      status.textContent = `Failed: ${error instanceof Error ? error.message : String(error)}`;
    });
  });
  controls.theme.addEventListener('change', applyTheme);
  try {
    mcp = await connect();
    await loadChoices(mcp);
    status.textContent = 'Pick a view and a client, then Show.';
    document.body.dataset.ready = 'true';
  } catch (error) {
    status.textContent = `Could not reach /mcp: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
