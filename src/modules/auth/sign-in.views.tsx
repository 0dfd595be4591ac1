/** The sign-in pages' markup: what a person sees on the way in, and when something went wrong. */
import { Layout } from '../../web/render';
import type { SignInFailure } from './sign-in.service';

export interface SignInOptions {
  provider: string | null;
  email: boolean;
  next: string;
}

function EmailForm({
  next,
  email,
  label = 'Send me a sign-in link',
}: {
  next: string;
  email?: string;
  label?: string;
}) {
  return (
    <form method="post" action="/sign-in/email" class="stack" hx-boost="false">
      <div>
        <label for="email">Work e-mail address</label>
        <input id="email" type="email" name="email" required autocomplete="email" maxLength={320} value={email ?? ''} />
      </div>
      <input type="hidden" name="next" value={next} />
      <button type="submit">{label}</button>
    </form>
  );
}

function ProviderButton({ provider, next }: { provider: string; next: string }) {
  return (
    <p>
      <a class="button" href={`/sign-in/oidc?next=${encodeURIComponent(next)}`} hx-boost="false">
        Sign in with {provider}
      </a>
    </p>
  );
}

export function SignInPage({ o, error }: { o: SignInOptions; error?: string }) {
  return (
    <Layout title="Sign in">
      <div class="card">
        <h1>Sign in to Brownbag</h1>
        <p class="muted">Internal talks and meetups: propose a talk, review, organize, attend.</p>
        {error ? (
          <p class="error" role="alert">
            {error}
          </p>
        ) : null}
        {o.provider ? <ProviderButton provider={o.provider} next={o.next} /> : null}
        {o.provider && o.email ? <p class="or">or</p> : null}
        {o.email ? <EmailForm next={o.next} /> : null}
      </div>
    </Layout>
  );
}

export function CheckMailPage() {
  return (
    <Layout title="Check your mail">
      <div class="card">
        <h1>Check your mail</h1>
        <p>
          If Brownbag can sign you in with that address, a link is on its way. It works once, within 15 minutes; open it
          in this browser.
        </p>
        <p class="muted">Nothing after a few minutes? Look in the spam folder, or ask for a new link.</p>
        <p>
          <a href="/sign-in">Back to sign-in</a>
        </p>
      </div>
    </Layout>
  );
}

export function LandingPage({ token, name, email }: { token: string; name: string | null; email: string }) {
  return (
    <Layout title="Sign in">
      <div class="card">
        <h1>Sign in as {name ?? email}</h1>
        <p class="muted">{email}</p>
        <form method="post" action="/sign-in/link" hx-boost="false">
          <input type="hidden" name="token" value={token} />
          <button type="submit">Continue</button>
        </form>
      </div>
    </Layout>
  );
}

const FAILURES: Record<
  SignInFailure | 'bad-origin' | 'bad-input' | 'too-many' | 'broken',
  { title: string; say: string; status: number }
> = {
  'link-expired': {
    title: 'This link has expired',
    say: 'Sign-in links work once, for a short while. Ask for a new one below.',
    status: 400,
  },
  'domain-not-allowed': {
    title: 'Brownbag cannot make an account for this address',
    say: 'Sign in with your company address, or ask an organizer of your community to add you; then sign in again.',
    status: 403,
  },
  'provider-refused': {
    title: 'Your company sign-in did not go through',
    say: 'The provider did not confirm who you are (you may have cancelled, or the answer did not check out). Try again.',
    status: 400,
  },
  'provider-unreachable': {
    title: 'We could not reach the company sign-in',
    say: 'It may be down for a moment. Try again shortly.',
    status: 502,
  },
  'provider-misconfigured': {
    title: 'The company sign-in is not set up right',
    say: 'The provider answers as a different issuer than Brownbag expects (OIDC_ISSUER). Please tell your administrator; meanwhile, use another way in if there is one.',
    status: 502,
  },
  'round-trip-lost': {
    title: 'The sign-in took too long',
    say: 'It has to finish within ten minutes, in the browser where it started. Start again.',
    status: 400,
  },
  'email-unverified': {
    title: 'Your e-mail address is not verified',
    say: 'The provider says your address is not verified yet. Verify it there, then sign in again.',
    status: 403,
  },
  'no-email': {
    title: 'We did not get your e-mail address',
    say: 'The provider did not tell us your address; ask your administrator to release the email claim to Brownbag.',
    status: 403,
  },
  'bad-origin': {
    title: 'That form came from another site',
    say: 'For your safety, Brownbag only accepts sign-in forms sent from its own pages. Start again here.',
    status: 403,
  },
  'bad-input': {
    title: 'That did not work',
    say: 'The request was not one Brownbag understands (perhaps an old or cut-off link). Start again here.',
    status: 400,
  },
  'too-many': {
    title: 'Too many attempts',
    say: 'Please wait a few minutes before asking again.',
    status: 429,
  },
  broken: {
    title: 'Something went wrong',
    say: 'It is not your fault, and it has been logged. Please try again.',
    status: 500,
  },
};
export type FailureKind = keyof typeof FAILURES;
export const failureStatus = (kind: FailureKind) => FAILURES[kind].status;

export function FailurePage({ kind, o }: { kind: FailureKind; o: SignInOptions }) {
  const f = FAILURES[kind];
  return (
    <Layout title={f.title}>
      <div class="card">
        <h1>{f.title}</h1>
        <p class="error">{f.say}</p>
        {o.provider && kind !== 'too-many' ? <ProviderButton provider={o.provider} next={o.next} /> : null}
        {o.email && kind !== 'too-many' ? <EmailForm next={o.next} label="Send me a new link" /> : null}
        <p>
          <a href="/sign-in">Back to sign-in</a>
        </p>
      </div>
    </Layout>
  );
}
