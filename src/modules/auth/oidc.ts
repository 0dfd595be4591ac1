/**
 * The company's OpenID provider, through `openid-client`: discovery (cached, retried after a
 * failure), the authorization code flow with PKCE, `state` and `nonce`, ID token validation, and
 * the claims from the ID token or — for providers that keep them there — the userinfo endpoint.
 */
import * as client from 'openid-client';
import type { AuthConfig } from '../../config';

export interface ProviderClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean | null;
  name: string | null;
  department: string | null;
}

export class OidcClient {
  private config: Promise<client.Configuration> | null = null;

  constructor(
    private readonly settings: NonNullable<AuthConfig['oidc']>,
    private readonly redirectUri: string,
  ) {}

  get name() {
    return this.settings.name;
  }

  private discover(): Promise<client.Configuration> {
    if (!this.config) {
      const { issuer, clientId, clientSecret } = this.settings;
      // A provider on plain http is for a laptop or a test; production issuers are https.
      const insecure = issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined;
      this.config = client
        .discovery(
          new URL(issuer),
          clientId,
          clientSecret ?? undefined,
          clientSecret ? undefined : client.None(),
          insecure,
        )
        .catch((e) => {
          this.config = null;
          throw e;
        });
    }
    return this.config;
  }

  /** Where to send the browser, and the round trip's secrets to keep until it comes back. */
  async start() {
    const config = await this.discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code and validates everything; throws on any mismatch. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<ProviderClaims> {
    const config = await this.discover();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const id = tokens.claims()!;
    let claims: Record<string, unknown> = id;
    if (typeof id.email !== 'string')
      claims = { ...(await client.fetchUserInfo(config, tokens.access_token, id.sub)), ...id };
    const str = (k: string) =>
      typeof claims[k] === 'string' && (claims[k] as string).trim() ? (claims[k] as string).trim() : null;
    return {
      issuer: id.iss,
      subject: id.sub,
      email: str('email') ?? (claims.email as string | undefined) ?? null,
      emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : null,
      name: str('name') ?? ([str('given_name'), str('family_name')].filter(Boolean).join(' ') || null),
      department: str('department') ?? str('organization_unit'),
    };
  }
}
