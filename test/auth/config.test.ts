import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const KEY = randomBytes(32).toString('base64');
const BASE = {
  HALO_INSTANCE_URL: 'https://acme.halopsa.com',
  HALO_AGENT_LOGIN_CLIENT_ID: 'native-app-id',
  HALO_MCP_TRANSPORT: 'http',
  HALO_MCP_AUTH: 'oauth',
  HALO_MCP_TOKEN_KEY: KEY,
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('OAuth mode configuration', () => {
  it('needs no API application secret, and reads the public URL, key and redirect hosts', () => {
    const config = loadConfig({
      ...BASE,
      HALO_MCP_HOST: '0.0.0.0',
      HALO_MCP_PUBLIC_URL: 'https://mcp.acme.example/',
      HALO_MCP_OAUTH_REDIRECT_HOSTS: 'claude.ai, Localhost',
    });
    expect(config.halo.agentLoginClientId).toBe('native-app-id');
    expect(config.server.oauth).toMatchObject({
      publicUrl: 'https://mcp.acme.example',
      tokenKey: KEY,
      previousTokenKeys: [],
      redirectHosts: ['claude.ai', 'localhost'],
      accessTokenTtlSeconds: 3600,
    });
    expect(loadConfig(BASE).server.oauth?.publicUrl).toBe('http://127.0.0.1:8787');
  });

  it('says what is missing or wrong, without echoing the key', () => {
    const { HALO_MCP_TOKEN_KEY: _key, HALO_AGENT_LOGIN_CLIENT_ID: _id, ...bare } = BASE;
    expect(problems(bare)).toEqual([
      'HALO_AGENT_LOGIN_CLIENT_ID is required',
      'HALO_MCP_TOKEN_KEY (32 random bytes, base64 or hex) in OAuth mode is required',
    ]);
    const short = problems({ ...BASE, HALO_MCP_TOKEN_KEY: 'c2hvcnQta2V5LXNlY3JldA==' });
    expect(short).toEqual([
      'HALO_MCP_TOKEN_KEY must be 32 bytes written as 64 hex digits or 44 base64 characters',
    ]);
    expect(short.join(' ')).not.toContain('c2hvcnQta2V5LXNlY3JldA');
    expect(problems({ ...BASE, HALO_MCP_HOST: '0.0.0.0' })).toEqual([
      'HALO_MCP_PUBLIC_URL (the https address clients reach) is required in OAuth mode off loopback',
    ]);
    expect(problems({ ...BASE, HALO_MCP_TOKEN: 'static-token-123' })).toEqual([
      'HALO_MCP_TOKEN and HALO_MCP_AUTH=oauth exclude each other: choose one way to sign in',
    ]);
    expect(problems({ ...BASE, HALO_MCP_AUTH: 'saml' })).toContain(
      'HALO_MCP_AUTH must be token or oauth, got "saml"',
    );
  });
});
