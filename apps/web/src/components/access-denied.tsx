export function AccessDenied({ title, message }: { title: string; message: string }) {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <div
        role="alert"
        className="rounded border border-amber-300 bg-amber-50 px-4 py-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      >
        <p className="font-medium">You do not have access to this page.</p>
        <p className="text-sm">{message}. Ask an organization admin for a higher role.</p>
      </div>
    </div>
  );
}
