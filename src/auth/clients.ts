import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { AuthStore } from './store.js';

// Who may ask for tokens. Two ways for an MCP client to identify itself:
// - a Client ID Metadata Document: the client_id is an https URL serving the client's metadata
//   (the MCP authorization spec's default); fetched on use and kept for a few minutes;
// - Dynamic Client Registration (RFC 7591), deprecated in the spec but still used by clients.
// Either way every redirect URI must point at a host the operator allowed
// (HALO_MCP_OAUTH_REDIRECT_HOSTS), and is later matched exactly.

export interface KnownClient {
  clientId: string;
  redirectUris: string[];
  name?: string;
  via: 'metadata-document' | 'registration';
}

export class ClientError extends Error {
  override readonly name = 'ClientError';
  constructor(
    readonly error: 'invalid_client' | 'invalid_client_metadata' | 'invalid_redirect_uri',
    message: string,
  ) {
    super(message);
  }
}

export interface ClientDirectoryOptions {
  store: AuthStore;
  redirectHosts: readonly string[];
  /** This server's public URL: a loopback deployment may fetch metadata documents over http from loopback. */
  publicUrl: string;
  fetch?: typeof fetch;
  now?: () => number;
}

const METADATA_DOCUMENT_TTL_MS = 5 * 60_000;
const METADATA_DOCUMENT_MAX_BYTES = 16 * 1024;
const FETCH_TIMEOUT_MS = 5_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

const metadataShape = z.object({
  redirect_uris: z.array(z.string().max(2000)).min(1).max(10),
  client_name: z.string().max(200).optional(),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token'])).optional(),
  response_types: z.array(z.literal('code')).optional(),
  token_endpoint_auth_method: z.string().optional(),
});

const documentShape = metadataShape.extend({ client_id: z.string() });

export class ClientDirectory {
  private readonly documents = new Map<string, { client: KnownClient; expires: number }>();
  private readonly loopbackDeployment: boolean;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;

  constructor(private readonly options: ClientDirectoryOptions) {
    this.loopbackDeployment = LOOPBACK.has(new URL(options.publicUrl).hostname);
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.now = options.now ?? Date.now;
  }

  /** True for a client_id that names a metadata document. */
  isMetadataUrl(clientId: string): boolean {
    return /^https?:\/\//i.test(clientId);
  }

  /** The client, or a ClientError saying why it cannot be used. */
  async resolve(clientId: string): Promise<KnownClient> {
    if (this.isMetadataUrl(clientId)) return this.fromDocument(clientId);
    const registered = await this.options.store.get<KnownClient>('client', clientId);
    if (registered === undefined) throw new ClientError('invalid_client', 'Unknown client_id.');
    return registered;
  }

  /** `POST /oauth/register`: registers a public client (no secret; PKCE protects its codes). */
  async register(body: unknown): Promise<Record<string, unknown>> {
    const parsed = metadataShape.safeParse(body);
    if (!parsed.success) {
      throw new ClientError(
        'invalid_client_metadata',
        `Invalid client metadata: ${firstIssue(parsed.error)}`,
      );
    }
    const redirectUris = parsed.data.redirect_uris.map((uri) => this.checkedRedirect(uri));
    const client: KnownClient = {
      clientId: `hpm-${randomBytes(16).toString('base64url')}`,
      redirectUris,
      ...(parsed.data.client_name ? { name: parsed.data.client_name } : {}),
      via: 'registration',
    };
    await this.options.store.put('client', client.clientId, client);
    return {
      client_id: client.clientId,
      client_id_issued_at: Math.floor(this.now() / 1000),
      redirect_uris: redirectUris,
      ...(client.name ? { client_name: client.name } : {}),
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  private async fromDocument(clientId: string): Promise<KnownClient> {
    const cached = this.documents.get(clientId);
    if (cached && cached.expires > this.now()) return cached.client;
    const url = this.documentUrl(clientId);
    let text: string;
    try {
      const response = await this.fetchImpl(url, {
        redirect: 'error',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
        headers: { accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new ClientError(
        'invalid_client',
        `The client metadata document could not be read (${error instanceof Error ? error.message : 'error'}).`,
      );
    }
    if (Buffer.byteLength(text) > METADATA_DOCUMENT_MAX_BYTES) {
      throw new ClientError('invalid_client', 'The client metadata document is too large.');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ClientError('invalid_client', 'The client metadata document is not JSON.');
    }
    const parsed = documentShape.safeParse(json);
    if (!parsed.success) {
      throw new ClientError(
        'invalid_client',
        `Invalid client metadata document: ${firstIssue(parsed.error)}`,
      );
    }
    if (parsed.data.client_id !== clientId) {
      throw new ClientError('invalid_client', 'The metadata document names another client_id than its URL.');
    }
    const client: KnownClient = {
      clientId,
      redirectUris: parsed.data.redirect_uris.map((uri) => this.checkedRedirect(uri)),
      ...(parsed.data.client_name ? { name: parsed.data.client_name } : {}),
      via: 'metadata-document',
    };
    this.documents.set(clientId, { client, expires: this.now() + METADATA_DOCUMENT_TTL_MS });
    return client;
  }

  /** https with a path; plain http only from loopback, and only for a server that itself runs on loopback. */
  private documentUrl(clientId: string): URL {
    let url: URL;
    try {
      url = new URL(clientId);
    } catch {
      throw new ClientError('invalid_client', 'The client_id is not a valid URL.');
    }
    const localHttp = url.protocol === 'http:' && LOOPBACK.has(url.hostname) && this.loopbackDeployment;
    if ((url.protocol !== 'https:' && !localHttp) || url.pathname === '/' || url.hash || url.username) {
      throw new ClientError('invalid_client', 'A client_id URL must be https with a path and no fragment.');
    }
    return url;
  }

  private checkedRedirect(uri: string): string {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      throw new ClientError('invalid_redirect_uri', `Not a URL: ${shorten(uri)}.`);
    }
    const host = url.hostname.toLowerCase();
    if (url.hash) throw new ClientError('invalid_redirect_uri', 'A redirect URI must not have a fragment.');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(host))) {
      throw new ClientError(
        'invalid_redirect_uri',
        `Redirect URIs must be https (or http on loopback): ${shorten(uri)}.`,
      );
    }
    if (!this.hostAllowed(host)) {
      throw new ClientError(
        'invalid_redirect_uri',
        `Redirect host ${host} is not allowed on this server (HALO_MCP_OAUTH_REDIRECT_HOSTS).`,
      );
    }
    // Kept exactly as given: authorization requests must repeat it character for character.
    return uri;
  }

  private hostAllowed(host: string): boolean {
    return this.options.redirectHosts.some((allowed) =>
      allowed.startsWith('.') ? host.endsWith(allowed) : host === allowed,
    );
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid';
}

function shorten(text: string): string {
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
