'use client';

import { signIn } from 'next-auth/react';
import { useState } from 'react';

export function SignInButton({ callbackUrl }: { callbackUrl: string }) {
  const [pending, setPending] = useState(false);
  const start = () => {
    setPending(true);
    // signIn navigates away on success; on failure the page comes back with ?error=.
    signIn('oidc', { callbackUrl }).catch(() => setPending(false));
  };
  return (
    <button
      type="button"
      onClick={start}
      disabled={pending}
      aria-busy={pending}
      className="w-full rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-60 dark:bg-slate-100 dark:text-slate-900"
    >
      {pending ? 'Redirecting…' : 'Sign in with SSO'}
    </button>
  );
}
