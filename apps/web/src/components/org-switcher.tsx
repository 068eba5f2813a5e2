'use client';

import { useRouter } from 'next/navigation';

/** Shown to members of more than one organisation; the choice is a cookie every page and API call reads. */
export function OrgSwitcher({ current, organizations }: { current: string; organizations: string[] }) {
  const router = useRouter();
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-700 dark:text-slate-300">Organization</span>
      <select
        value={current}
        onChange={(e) => {
          document.cookie = `suture-org=${e.target.value}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
        className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
      >
        {organizations.map((slug) => (
          <option key={slug} value={slug}>
            {slug}
          </option>
        ))}
      </select>
    </label>
  );
}
