import { buttonClass } from './styles.ts';

/** "N things · page p of n" with Previous/Next; the caller owns the page state. */
export function Pagination({
  summary,
  page,
  pages,
  onPage,
}: {
  summary: string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm">
      <span>
        {summary} · page {page} of {pages}
      </span>
      <span className="flex gap-2">
        <button type="button" className={buttonClass} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <button
          type="button"
          className={buttonClass}
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </span>
    </nav>
  );
}
