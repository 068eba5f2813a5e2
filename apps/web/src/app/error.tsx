'use client';

// Any page that fails on the server lands here instead of a blank screen; retry re-renders it.
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert" className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">This page could not be loaded</h1>
      <p className="text-slate-700 dark:text-slate-300">
        {error.message.includes('DATABASE_URL') || error.message.includes('connect')
          ? 'The dashboard cannot reach its database. Check that Postgres is running (npm start starts it).'
          : 'Something failed on the server.'}
        {error.digest ? ` Reference: ${error.digest}.` : ''}
      </p>
      <button
        type="button"
        onClick={reset}
        className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
      >
        Try again
      </button>
    </div>
  );
}
