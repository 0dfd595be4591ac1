/**
 * Getting in: a link sent by mail, or the company's OpenID provider. Both end the same way — a
 * person found (or, where allowed, created) and a session started. Every failure is a SignInError
 * whose kind the sign-in pages turn into a page that says what to do; nothing is changed by one.
 */
import type { DataSource } from 'typeorm';
import type { AuthConfig } from '../../config';
import { notify } from '../../mail/notify';
import { personByEmail, updatePerson } from '../people/people.queries';
import { normalizeEmail, type PeopleService } from '../people/people.service';
import type { Person } from '../people/person.entity';
import { hashSecret, newSecret } from '../people/tokens';
import * as q from './auth.queries';
import { domainOf, LINK_MINUTES, LINK_REQUESTS_PER_ADDRESS, safeNext } from './links';
import type { OidcClient } from './oidc';
import type { SessionsService } from './sessions.service';

export type SignInFailure =
  | 'link-expired'
  | 'domain-not-allowed'
  | 'provider-refused'
  | 'provider-unreachable'
  | 'provider-misconfigured'
  | 'round-trip-lost'
  | 'email-unverified'
  | 'no-email'
  | 'address-limit';

export class SignInError extends Error {
  constructor(
    readonly kind: SignInFailure,
    detail?: string,
  ) {
    super(detail ?? kind);
  }
}

export class SignInService {
  constructor(
    private readonly ds: DataSource,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
    readonly auth: AuthConfig,
    readonly oidc: OidcClient | null,
    readonly publicUrl: string,
  ) {}

  /**
   * Who may become a person by signing in. By mail link: anyone at an allowed domain (none set:
   * nobody new). Through the provider, which already knows the company's people: anyone, unless
   * domains are set.
   */
  maySignUp(email: string, via: 'email-link' | 'oidc'): boolean {
    const domains = this.auth.allowedEmailDomains;
    return via === 'oidc' && !domains.length ? true : domains.includes(domainOf(email));
  }

  /**
   * Queues the mail with a sign-in link. The answer is the same whatever the address: the worker
   * decides (known, or allowed to sign up → a link; otherwise a note that says how to get in). One
   * job per address at a time (a burst of requests sends one mail). Past the per-address limit the
   * request is refused ('address-limit'), for every address alike, so the refusal tells nothing of
   * who has an account; links written into mails do not count. The mail is written in `language`
   * (the asking page's) unless the person chose one.
   */
  async requestLink(email: string, next: string, language?: string): Promise<void> {
    const address = normalizeEmail(email);
    await this.ds.transaction(async (m) => {
      if (!(await q.takeLinkRequest(m, address, LINK_REQUESTS_PER_ADDRESS, LINK_MINUTES)))
        throw new SignInError('address-limit', address);
      await notify.signInLink(m, address, safeNext(next), language);
    });
  }

  /** What the landing page shows before the person presses "Sign in" (a GET never uses a link up). */
  async peekLink(secret: string) {
    const link = await q.linkByHash(this.ds.manager, hashSecret(secret));
    if (!link?.usable) return null;
    const person = await personByEmail(this.ds.manager, link.email);
    return { email: link.email, name: person?.name ?? null, next: link.next_path };
  }

  /** Uses the link up and starts a session. */
  async consumeLink(secret: string, userAgent: string) {
    return this.ds.transaction(async (m) => {
      const link = await q.consumeLink(m, hashSecret(secret));
      if (!link) throw new SignInError('link-expired');
      let person = await personByEmail(m, link.email);
      if (!person) {
        if (!this.maySignUp(link.email, 'email-link')) throw new SignInError('domain-not-allowed', link.email);
        person = await this.people.findOrCreate(m, link.email);
      }
      const session = await this.sessions.start(person.id, 'email-link', userAgent, m);
      return { person, session, next: link.next_path };
    });
  }

  /** The provider's sign-in URL; the round trip's secrets wait in the database under `key`. */
  async startOidc(next: string) {
    if (!this.oidc) throw new SignInError('provider-unreachable', 'no provider is configured');
    let start: Awaited<ReturnType<OidcClient['start']>>;
    try {
      start = await this.oidc.start();
    } catch (e) {
      // A provider that answers as another issuer is set up wrong, not down.
      const wrongIssuer =
        /issuer/i.test(String((e as Error).message)) || /COMPARISON/.test(String((e as { code?: string }).code));
      throw new SignInError(wrongIssuer ? 'provider-misconfigured' : 'provider-unreachable', String(e));
    }
    const key = newSecret('link');
    await q.insertOidcLogin(this.ds.manager, {
      keyHash: hashSecret(key),
      state: start.state,
      nonce: start.nonce,
      codeVerifier: start.codeVerifier,
      nextPath: safeNext(next),
    });
    return { url: start.url, key };
  }

  /** Finishes the round trip: the person by (issuer, sub), else by verified e-mail, else created. */
  async finishOidc(callbackUrl: URL, key: string | undefined, userAgent: string) {
    if (!this.oidc) throw new SignInError('provider-unreachable', 'no provider is configured');
    const login = key ? await q.takeOidcLogin(this.ds.manager, hashSecret(key)) : undefined;
    if (!login) throw new SignInError('round-trip-lost');
    const error = callbackUrl.searchParams.get('error');
    if (error)
      throw new SignInError('provider-refused', `${error}: ${callbackUrl.searchParams.get('error_description') ?? ''}`);
    let claims;
    try {
      claims = await this.oidc.finish(callbackUrl, {
        state: login.state,
        nonce: login.nonce,
        codeVerifier: login.code_verifier,
      });
    } catch (e) {
      throw new SignInError('provider-refused', (e as Error).message);
    }
    return this.ds.transaction(async (m) => {
      let person: Person | null = null;
      const known = await q.personOfIdentity(m, claims.issuer, claims.subject);
      if (known) person = await this.people.get(known);
      else {
        if (!claims.email) throw new SignInError('no-email');
        if (claims.emailVerified === false) throw new SignInError('email-unverified', claims.email);
        const email = normalizeEmail(claims.email);
        person = await personByEmail(m, email);
        if (!person) {
          if (!this.maySignUp(email, 'oidc')) throw new SignInError('domain-not-allowed', email);
          person = await this.people.findOrCreate(m, email, claims.name ?? undefined);
          if (claims.department) await updatePerson(m, person.id, { department: claims.department.slice(0, 200) });
        }
        await q.insertIdentity(m, claims.issuer, claims.subject, person.id);
      }
      const session = await this.sessions.start(person.id, 'oidc', userAgent, m);
      return { person, session, next: login.next_path };
    });
  }
}
