import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold tracking-tight">Not found</h1>
      <p>That page or run does not exist in your organization.</p>
      <Link href="/runs" className="text-sky-800 underline dark:text-sky-300">
        Back to runs
      </Link>
    </div>
  );
}
