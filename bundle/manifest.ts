import type { OperationTool } from '../src/mcp/register.js';

// The Claude Desktop bundle's manifest.json (MCPB manifest 0.3). Claude Desktop asks the user for
// the user_config fields when the bundle is installed, keeps the `sensitive` one in the OS
// keychain, and starts `node <bundle>/dist/bin/halo-psa-mcp.js` with them as HALO_* variables.

export const ENTRY_POINT = 'dist/bin/halo-psa-mcp.js';

interface PackageJson {
  name: string;
  version: string;
  description: string;
  license: string;
  engines: { node: string };
  homepage?: string;
  repository?: { url: string };
}

export const USER_CONFIG = {
  instance_url: {
    type: 'string',
    title: 'Halo instance URL',
    description: 'The web address of your Halo, e.g. https://acme.halopsa.com',
    required: true,
  },
  client_id: {
    type: 'string',
    title: 'Client ID',
    description: 'Of a Halo API application (Configuration > Integrations > Halo API) with read-only scopes',
    required: true,
  },
  client_secret: {
    type: 'string',
    title: 'Client secret',
    description: 'Of that application; kept in the OS keychain',
    sensitive: true,
    required: true,
  },
  tenant: {
    type: 'string',
    title: 'Tenant',
    description: 'Only for Halo-hosted instances that ask for one; leave empty otherwise',
    required: false,
    default: '',
  },
} as const;

/** Which HALO_* variable each user_config field becomes. */
export const USER_CONFIG_ENV: Record<keyof typeof USER_CONFIG, string> = {
  instance_url: 'HALO_INSTANCE_URL',
  client_id: 'HALO_CLIENT_ID',
  client_secret: 'HALO_CLIENT_SECRET',
  tenant: 'HALO_TENANT',
};

export function manifestFor(pkg: PackageJson, tools: OperationTool[]): Record<string, unknown> {
  return {
    manifest_version: '0.3',
    name: pkg.name,
    display_name: 'Halo PSA (read-only)',
    version: pkg.version,
    description: 'Read-only access to your Halo PSA: tickets, clients, contracts, invoices, revenue.',
    long_description: pkg.description,
    author: { name: 'halo-psa-mcp contributors' },
    ...(pkg.repository ? { repository: { type: 'git', url: pkg.repository.url.replace(/^git\+/, '') } } : {}),
    ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
    icon: 'icon.png',
    server: {
      type: 'node',
      entry_point: ENTRY_POINT,
      mcp_config: {
        command: 'node',
        args: [`\${__dirname}/${ENTRY_POINT}`],
        env: Object.fromEntries(
          Object.entries(USER_CONFIG_ENV).map(([field, variable]) => [variable, `\${user_config.${field}}`]),
        ),
      },
    },
    tools: tools.map(({ operation }) => ({
      name: operation.name,
      description: (operation.description.split('\n\n')[0] ?? '').replace(/\s+/g, ' ').trim(),
    })),
    tools_generated: false,
    keywords: ['halo', 'halopsa', 'psa', 'msp', 'read-only'],
    license: pkg.license,
    compatibility: {
      platforms: ['darwin', 'win32', 'linux'],
      runtimes: { node: pkg.engines.node },
    },
    user_config: USER_CONFIG,
  };
}
