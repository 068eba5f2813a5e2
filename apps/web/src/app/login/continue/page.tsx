import type { Metadata } from 'next';
import { parseSameSitePath } from '@/lib/parse-same-site-path.ts';
import { ContinueNavigation } from './continue-navigation.tsx';

export const metadata: Metadata = { title: 'Signing in - Suture' };
export const dynamic = 'force-dynamic';

type ContinuePageProps = { searchParams: Promise<{ to?: string | string[] }> };

// Where every sign-in lands (server/auth/redirect-after-sign-in.ts says why): rendered without the
// session, it sends the browser on to the page asked for with a navigation of its own.
export default async function ContinuePage({ searchParams }: ContinuePageProps) {
  const { to } = await searchParams;
  const target = parseSameSitePath(typeof to === 'string' ? to : undefined) ?? '/';
  return (
    <section aria-labelledby="continue-title" className="mx-auto max-w-sm space-y-4 py-12">
      <h1 id="continue-title" className="text-2xl font-semibold tracking-tight">
        Signing you in…
      </h1>
      <ContinueNavigation target={target} />
    </section>
  );
}
