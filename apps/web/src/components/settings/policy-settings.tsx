'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { fetchJson } from '@/lib/fetch-json.ts';
import type { getActivePolicy } from '@/server/dashboard/manage-policy.ts';
import { Card, ErrorState } from '../ui/states.tsx';

type Policy = Awaited<ReturnType<typeof getActivePolicy>>;

const inputClass =
  'w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm disabled:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:disabled:bg-slate-800';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function PolicySettings({ initial, editable }: { initial: Policy; editable: boolean }) {
  const id = useId();
  const [version, setVersion] = useState(initial.version);
  const [maxAutoOpenRisk, setMaxAutoOpenRisk] = useState(String(initial.document.maxAutoOpenRisk));
  const [requiredApprovals, setRequiredApprovals] = useState(String(initial.document.requiredApprovals));
  const [protectedPaths, setProtectedPaths] = useState(initial.document.protectedPaths.join('\n'));
  const [protectedBranches, setProtectedBranches] = useState(initial.document.protectedBranches.join('\n'));
  const save = useMutation({
    mutationFn: () =>
      fetchJson<{ version: number }>('/api/settings/policy', {
        method: 'PUT',
        body: JSON.stringify({
          maxAutoOpenRisk: Number(maxAutoOpenRisk),
          requiredApprovals: Number(requiredApprovals),
          protectedPaths: lines(protectedPaths),
          protectedBranches: lines(protectedBranches),
        }),
      }),
    onSuccess: (result) => setVersion(result.version),
  });
  return (
    <Card title="Policy">
      <form
        className="grid gap-4 md:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="text-sm md:col-span-2">
          {version === null
            ? 'The default policy applies (a human approves every patch).'
            : `Active version ${version}.`}
          {initial.invalidStored ? ' The stored policy no longer parses; the strict default applies.' : ''}
        </p>
        <label className="space-y-1 text-sm" htmlFor={`${id}-risk`}>
          <span className="block font-medium">Maximum risk to open without a human</span>
          <input
            id={`${id}-risk`}
            type="number"
            min={-1}
            max={100}
            required
            disabled={!editable}
            value={maxAutoOpenRisk}
            onChange={(e) => setMaxAutoOpenRisk(e.target.value)}
            className={inputClass}
            aria-describedby={`${id}-risk-hint`}
          />
          <span id={`${id}-risk-hint`} className="block text-xs text-slate-700 dark:text-slate-300">
            0–100; −1 means a human approves every patch.
          </span>
        </label>
        <label className="space-y-1 text-sm" htmlFor={`${id}-approvals`}>
          <span className="block font-medium">Required approvals</span>
          <input
            id={`${id}-approvals`}
            type="number"
            min={1}
            max={5}
            required
            disabled={!editable}
            value={requiredApprovals}
            onChange={(e) => setRequiredApprovals(e.target.value)}
            className={inputClass}
          />
        </label>
        <label className="space-y-1 text-sm" htmlFor={`${id}-paths`}>
          <span className="block font-medium">Protected paths (one per line)</span>
          <textarea
            id={`${id}-paths`}
            rows={4}
            disabled={!editable}
            value={protectedPaths}
            onChange={(e) => setProtectedPaths(e.target.value)}
            className={inputClass}
          />
        </label>
        <label className="space-y-1 text-sm" htmlFor={`${id}-branches`}>
          <span className="block font-medium">Branches never to touch (one per line)</span>
          <textarea
            id={`${id}-branches`}
            rows={4}
            disabled={!editable}
            value={protectedBranches}
            onChange={(e) => setProtectedBranches(e.target.value)}
            className={inputClass}
          />
        </label>
        {editable ? (
          <div className="flex items-center gap-3 md:col-span-2">
            <button
              type="submit"
              disabled={save.isPending}
              className="rounded bg-slate-900 px-4 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50 dark:bg-slate-100 dark:text-slate-900"
            >
              Save as a new version
            </button>
            {save.isSuccess ? <span role="status">Saved version {save.data.version}.</span> : null}
          </div>
        ) : null}
        {save.error ? (
          <div className="md:col-span-2">
            <ErrorState title="Policy not saved" message={save.error.message} />
          </div>
        ) : null}
      </form>
    </Card>
  );
}
