// Tailwind class strings shared by the dashboard's form controls, so every select and button looks alike.
export const fieldClass =
  'rounded border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';
export const buttonClass =
  'rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800';
