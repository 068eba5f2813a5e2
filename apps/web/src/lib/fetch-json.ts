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
  const method = (init?.method ?? 'GET').toUpperCase();
  // The server refuses (415) any write that is not JSON, bodiless ones included: part of its CSRF rule.
  const sendsJson = Boolean(init?.body) || (method !== 'GET' && method !== 'HEAD');
  const response = await fetch(url, {
    cache: 'no-store',
    ...init,
    headers: { accept: 'application/json', ...(sendsJson ? { 'content-type': 'application/json' } : {}) },
  });
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  if (!response.ok)
    throw new ApiError(response.status, body?.message ?? `the server answered ${response.status}`);
  return body as T;
};
