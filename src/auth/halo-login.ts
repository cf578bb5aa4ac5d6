import * as oauth from 'oauth4webapi';

// The relay's leg towards Halo: the agent signs in on Halo's own `/auth/authorize` page
// (authorisation code + PKCE S256, scope `all offline_access`, tenant on Halo-hosted instances) and
// this server, a public "native" client, swaps the code for that agent's Halo tokens.
// oauth4webapi does the protocol work: discovery, PKCE, state and `iss` checks, token responses.

export const HALO_AGENT_SCOPE = 'all offline_access';

export interface HaloTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface HaloAgent {
  agentId: number;
  name: string;
}

export interface HaloLoginOptions {
  instanceUrl: string;
  authUrl: string;
  clientId: string;
  tenant?: string;
  /** This server's callback, registered on the Halo application: `${publicUrl}/oauth/halo/callback`. */
  redirectUri: string;
  fetch?: typeof fetch;
  now?: () => number;
}

/** A failure of the Halo leg, with a message safe to show (never a token or code). */
export class HaloLoginError extends Error {
  override readonly name = 'HaloLoginError';
  constructor(
    message: string,
    /** `revoked`: Halo no longer honours the agent's refresh token; the agent must sign in again. */
    readonly reason: 'revoked' | 'denied' | 'failed',
  ) {
    super(message);
  }
}

export interface HaloLoginStart {
  url: string;
  state: string;
  verifier: string;
}

export class HaloLogin {
  private metadata: Promise<oauth.AuthorizationServer> | undefined;
  private readonly client: oauth.Client;
  private readonly requestOptions: {
    [oauth.allowInsecureRequests]?: boolean;
    [oauth.customFetch]?: typeof fetch;
  };
  private readonly now: () => number;

  constructor(private readonly options: HaloLoginOptions) {
    this.client = { client_id: options.clientId };
    this.now = options.now ?? Date.now;
    this.requestOptions = {
      // Plain http is for a Halo simulator on this machine only; a real Halo is https.
      ...(new URL(options.authUrl).protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {}),
      ...(options.fetch ? { [oauth.customFetch]: options.fetch } : {}),
    };
  }

  /** Halo's OpenID discovery, read once; the tenant rides on the token endpoint too. */
  private server(): Promise<oauth.AuthorizationServer> {
    this.metadata ??= (async () => {
      const issuer = new URL(`${this.options.authUrl.replace(/\/+$/, '')}/`);
      const response = await oauth.discoveryRequest(issuer, this.requestOptions);
      // The document comes from the configured auth URL, so the issuer it declares (with or
      // without a trailing slash) is the one Halo's answers carry in `iss`.
      const declared = response.ok
        ? ((await response.clone().json()) as { issuer?: unknown }).issuer
        : undefined;
      const expected = typeof declared === 'string' && URL.canParse(declared) ? new URL(declared) : issuer;
      const as = await oauth.processDiscoveryResponse(expected, response);
      return { ...as, token_endpoint: this.withTenant(as.token_endpoint ?? `${issuer.href}token`) };
    })().catch((error: unknown) => {
      this.metadata = undefined;
      throw new HaloLoginError(`Halo's sign-in service could not be reached (${describe(error)}).`, 'failed');
    });
    return this.metadata;
  }

  private withTenant(url: string): string {
    if (!this.options.tenant) return url;
    const out = new URL(url);
    out.searchParams.set('tenant', this.options.tenant);
    return out.href;
  }

  async start(): Promise<HaloLoginStart> {
    const as = await this.server();
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const url = new URL(this.withTenant(as.authorization_endpoint ?? `${this.options.authUrl}/authorize`));
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.options.clientId);
    url.searchParams.set('redirect_uri', this.options.redirectUri);
    url.searchParams.set('scope', HALO_AGENT_SCOPE);
    url.searchParams.set('state', state);
    url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
    url.searchParams.set('code_challenge_method', 'S256');
    return { url: url.href, state, verifier };
  }

  /** Checks Halo's answer on the callback (state, `iss`, error) and swaps the code for tokens. */
  async finish(
    callback: URLSearchParams,
    expected: { state: string; verifier: string },
  ): Promise<HaloTokens> {
    const as = await this.server();
    let params: URLSearchParams;
    try {
      params = oauth.validateAuthResponse(as, this.client, callback, expected.state);
    } catch (error) {
      if (error instanceof oauth.AuthorizationResponseError && error.error === 'access_denied') {
        throw new HaloLoginError('The sign-in was declined in Halo.', 'denied');
      }
      throw new HaloLoginError(`Halo's answer to the sign-in was not valid (${describe(error)}).`, 'failed');
    }
    return this.tokens(async () => {
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        this.client,
        oauth.None(),
        params,
        this.options.redirectUri,
        expected.verifier,
        this.requestOptions,
      );
      return oauth.processAuthorizationCodeResponse(as, this.client, response);
    });
  }

  /** A new token pair for the agent; Halo rotates the refresh token. */
  async refresh(refreshToken: string): Promise<HaloTokens> {
    const as = await this.server();
    return this.tokens(async () => {
      const response = await oauth.refreshTokenGrantRequest(
        as,
        this.client,
        oauth.None(),
        refreshToken,
        this.requestOptions,
      );
      return oauth.processRefreshTokenResponse(as, this.client, response);
    }, refreshToken);
  }

  private async tokens(
    exchange: () => Promise<oauth.TokenEndpointResponse>,
    previousRefresh?: string,
  ): Promise<HaloTokens> {
    let answer: oauth.TokenEndpointResponse;
    try {
      answer = await exchange();
    } catch (error) {
      if (error instanceof oauth.ResponseBodyError && error.error === 'invalid_grant') {
        throw new HaloLoginError('Halo no longer accepts this sign-in: sign in to Halo again.', 'revoked');
      }
      throw new HaloLoginError(`Halo's token service refused the request (${describe(error)}).`, 'failed');
    }
    const refreshToken = answer.refresh_token ?? previousRefresh;
    return {
      accessToken: answer.access_token,
      ...(refreshToken ? { refreshToken } : {}),
      expiresAt: this.now() + (answer.expires_in ?? 3600) * 1000,
    };
  }

  /** Which agent the token belongs to: `GET /api/Agent/me` (a read like any other). */
  async whoAmI(accessToken: string): Promise<HaloAgent> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    const response = await fetchImpl(`${this.options.instanceUrl}/api/Agent/me`, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
    });
    if (!response.ok) {
      throw new HaloLoginError(`Halo did not say who signed in (HTTP ${response.status}).`, 'failed');
    }
    const body = (await response.json()) as { id?: unknown; name?: unknown };
    const agentId = Number(body.id);
    if (!Number.isInteger(agentId) || agentId <= 0) {
      throw new HaloLoginError('Halo did not say who signed in (no agent id).', 'failed');
    }
    return { agentId, name: typeof body.name === 'string' ? body.name : `Agent ${agentId}` };
  }
}

/** An error's kind and code only: oauth4webapi messages can quote parts of a response. */
function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) return `${error.error}, HTTP ${error.status}`;
  if (error instanceof Error) return 'code' in error && error.code ? String(error.code) : error.name;
  return 'unknown error';
}
