import type { Metadata } from 'next';
import { parseSameSitePath } from '@/lib/parse-same-site-path.ts';
import { webEnv } from '@/server/env.ts';
import { SignInButton } from './sign-in-button.tsx';

export const metadata: Metadata = { title: 'Sign in - Suture' };
export const dynamic = 'force-dynamic';

// next-auth sends failed sign-ins back here with ?error=<code>; the codes are next-auth's.
const messages: Record<string, string> = {
  AccessDenied: 'Your account is not allowed to sign in.',
  Callback: 'The identity provider answered, but signing you in failed. Try again.',
  OAuthAccountNotLinked: 'This email is already linked to another sign-in method.',
  Configuration: 'Sign-in is not configured on this server.',
};

type LoginPageProps = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const { error, callbackUrl } = await searchParams;
  const env = webEnv();
  const configured = Boolean(
    env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET && env.NEXTAUTH_SECRET,
  );
  // Only same-site paths: an absolute callbackUrl here would make the page an open redirect.
  const target = parseSameSitePath(callbackUrl) ?? '/';
  return (
    <section aria-labelledby="login-title" className="mx-auto max-w-sm space-y-6 py-12">
      <h1 id="login-title" className="text-2xl font-semibold tracking-tight">
        Sign in to Suture
      </h1>
      {error ? (
        <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
          {messages[error] ?? 'Sign-in failed. Try again.'}
        </p>
      ) : null}
      {configured ? (
        <SignInButton callbackUrl={target} />
      ) : (
        <p
          role="alert"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950"
        >
          Sign-in is not configured on this server: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and
          NEXTAUTH_SECRET (npm start sets them up with a local provider).
        </p>
      )}
    </section>
  );
}
