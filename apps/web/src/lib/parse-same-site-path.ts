// A redirect target from a query string, kept only if it stays on this dashboard: a path, never a URL
// of another origin (`//evil`, `/\evil` and `https://evil` all resolve elsewhere), so no page that
// takes one becomes an open redirect.
const PROBE = 'http://dashboard.invalid';

/** The path (with query and fragment) when `value` is a same-origin path, else undefined. */
export const parseSameSitePath = (value: string | null | undefined): string | undefined => {
  if (!value?.startsWith('/')) return undefined;
  let url: URL;
  try {
    url = new URL(value, PROBE);
  } catch {
    return undefined;
  }
  return url.origin === PROBE ? `${url.pathname}${url.search}${url.hash}` : undefined;
};
