'use client';

import { useId, useState } from 'react';

type Decision = 'approve' | 'reject';

/** Approve or reject with a required reason; the approve button explains itself when this user may not approve. */
export function DecisionForm({
  onDecide,
  pending,
  approveBlockedReason,
}: {
  onDecide: (decision: Decision, reason: string) => void;
  pending: boolean;
  approveBlockedReason: string | null;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < 3;
  const submit = (decision: Decision) => {
    setTouched(true);
    if (tooShort) return;
    onDecide(decision, reason.trim());
  };
  return (
    <form className="space-y-2" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
        Reason (required, recorded in the audit log)
      </label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        maxLength={2000}
        required
        aria-invalid={touched && tooShort}
        aria-describedby={touched && tooShort ? `${id}-error` : undefined}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      {touched && tooShort ? (
        <p id={`${id}-error`} className="text-sm text-red-800 dark:text-red-300">
          Give a reason of at least 3 characters.
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          disabled={pending || approveBlockedReason !== null}
          onClick={() => submit('approve')}
          className="rounded bg-emerald-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-emerald-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50"
        >
          Approve
        </button>
        <button
          type="button"
          disabled={pending}
          onClick={() => submit('reject')}
          className="rounded bg-red-700 px-4 py-1.5 text-sm font-medium text-white hover:bg-red-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50"
        >
          Reject
        </button>
        {approveBlockedReason ? (
          <span className="text-sm text-amber-900 dark:text-amber-200">{approveBlockedReason}</span>
        ) : null}
      </div>
    </form>
  );
}
