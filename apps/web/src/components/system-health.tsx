'use client';

import { useQuery } from '@tanstack/react-query';

type Probe = { ok: boolean; latencyMs: number; error?: string };
type Health = { status: 'ok' | 'down'; down: string[]; checks: Record<string, Probe> };

const fetchHealth = async (): Promise<Health> => {
  const response = await fetch('/api/health?deep=1', { cache: 'no-store' });
  // 503 still carries the report: it is what tells the user which service is down.
  if (response.status !== 200 && response.status !== 503)
    throw new Error(`health check answered ${response.status}`);
  return (await response.json()) as Health;
};

export function SystemHealth() {
  const { data, error, isPending } = useQuery({
    queryKey: ['health'],
    queryFn: fetchHealth,
    refetchInterval: 10_000,
  });

  if (isPending)
    return (
      <p role="status" className="text-slate-600 dark:text-slate-400">
        Checking services…
      </p>
    );
  if (error)
    return (
      <p role="alert" className="text-red-700 dark:text-red-400">
        Could not reach the dashboard API: {error.message}
      </p>
    );

  return (
    <section
      aria-labelledby="health-heading"
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="health-heading" className="mb-3 text-base font-semibold">
        System health:{' '}
        <span
          className={
            data.status === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'
          }
        >
          {data.status === 'ok' ? 'all services up' : `down: ${data.down.join(', ')}`}
        </span>
      </h2>
      <ul className="grid gap-2 sm:grid-cols-3">
        {Object.entries(data.checks).map(([name, probe]) => (
          <li key={name} className="rounded border border-slate-200 px-3 py-2 dark:border-slate-700">
            <span className="font-medium capitalize">{name}</span>{' '}
            <span
              className={
                probe.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'
              }
            >
              {probe.ok ? 'up' : 'down'}
            </span>
            <span className="block text-xs text-slate-600 dark:text-slate-400">
              {probe.ok ? `${probe.latencyMs} ms` : probe.error}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
