/** The sign-in pages' markup: what a person sees on the way in, and when something went wrong. Words: the catalogue. */
import type { Locale } from '../../web/i18n';
import { Layout } from '../../web/render';

export interface SignInOptions {
  provider: string | null;
  email: boolean;
  next: string;
  l: Locale;
}

function EmailForm({ o, email, label }: { o: SignInOptions; email?: string; label?: string }) {
  const m = o.l.m.signIn;
  return (
    <form method="post" action="/sign-in/email" class="stack" hx-boost="false">
      <div>
        <label for="email">{m.emailLabel}</label>
        <input id="email" type="email" name="email" required autocomplete="email" maxLength={320} value={email ?? ''} />
      </div>
      <input type="hidden" name="next" value={o.next} />
      <button type="submit">{label ?? m.sendLink}</button>
    </form>
  );
}

function ProviderButton({ o }: { o: SignInOptions }) {
  return (
    <p>
      <a class="button" href={`/sign-in/oidc?next=${encodeURIComponent(o.next)}`} hx-boost="false">
        {o.l.m.signIn.withProvider({ name: o.provider ?? '' })}
      </a>
    </p>
  );
}

export function SignInPage({ o, error }: { o: SignInOptions; error?: string }) {
  const m = o.l.m.signIn;
  return (
    <Layout title={m.title} l={o.l}>
      <div class="card">
        <h1>{m.heading}</h1>
        <p class="muted">{m.tagline}</p>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {o.provider ? <ProviderButton o={o} /> : null}
        {o.provider && o.email ? <p class="or">{m.or}</p> : null}
        {o.email ? <EmailForm o={o} /> : null}
      </div>
    </Layout>
  );
}

export function CheckMailPage({ l }: { l: Locale }) {
  const m = l.m.signIn;
  return (
    <Layout title={m.checkMail} l={l}>
      <div class="card">
        <h1>{m.checkMail}</h1>
        <p>{m.linkOnItsWay}</p>
        <p class="muted">{m.nothingArrived}</p>
        <p>
          <a href="/sign-in">{m.backToSignIn}</a>
        </p>
      </div>
    </Layout>
  );
}

export function LandingPage({
  l,
  token,
  name,
  email,
}: {
  l: Locale;
  token: string;
  name: string | null;
  email: string;
}) {
  const m = l.m.signIn;
  return (
    <Layout title={m.title} l={l}>
      <div class="card">
        <h1>{m.signInAs({ who: name ?? email })}</h1>
        <p class="muted">{email}</p>
        <form method="post" action="/sign-in/link" hx-boost="false">
          <input type="hidden" name="token" value={token} />
          <button type="submit">{m.continue}</button>
        </form>
      </div>
    </Layout>
  );
}

export type FailureKind =
  | 'link-expired'
  | 'domain-not-allowed'
  | 'provider-refused'
  | 'provider-unreachable'
  | 'provider-misconfigured'
  | 'round-trip-lost'
  | 'email-unverified'
  | 'no-email'
  | 'bad-origin'
  | 'bad-input'
  | 'too-many'
  | 'address-limit'
  | 'broken';
const STATUS: Record<FailureKind, number> = {
  'link-expired': 400,
  'domain-not-allowed': 403,
  'provider-refused': 400,
  'provider-unreachable': 502,
  'provider-misconfigured': 502,
  'round-trip-lost': 400,
  'email-unverified': 403,
  'no-email': 403,
  'bad-origin': 403,
  'bad-input': 400,
  'too-many': 429,
  'address-limit': 429,
  broken: 500,
};
export const failureStatus = (kind: FailureKind) => STATUS[kind];

export function FailurePage({ kind, o }: { kind: FailureKind; o: SignInOptions }) {
  const m = o.l.m.signIn;
  const f = o.l.m.signInFailures[kind];
  return (
    <Layout title={f.title} l={o.l}>
      <div class="card">
        <h1>{f.title}</h1>
        <p class="error">{f.say}</p>
        {o.provider && kind !== 'too-many' ? <ProviderButton o={o} /> : null}
        {o.email && kind !== 'too-many' && kind !== 'address-limit' ? <EmailForm o={o} label={m.sendNewLink} /> : null}
        <p>
          <a href="/sign-in">{m.backToSignIn}</a>
        </p>
      </div>
    </Layout>
  );
}
