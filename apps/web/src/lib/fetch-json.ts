// Client-side JSON calls to the dashboard API: the server's error message becomes the thrown Error's,
// so a query's error state can show the user why.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const fetchJson = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const response = await fetch(url, {
    cache: 'no-store',
    ...init,
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok)
    throw new ApiError(response.status, body?.message ?? `the server answered ${response.status}`);
  return body as T;
};
