import { SystemHealth } from '@/components/system-health.tsx';

export default function HomePage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-400">
          Suture diagnoses failed CI runs, proves a patch in a sandbox and asks an approver before opening a
          pull request.
        </p>
      </div>
      <SystemHealth />
    </div>
  );
}
