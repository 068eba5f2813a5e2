// One cookie's value, from a route handler's Request or, in Server Components, from next/headers.
import 'server-only';
import { cookies } from 'next/headers';

const fromHeader = (header: string | null, name: string) => {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie counts as absent (e.g. no session: 401), not as a server error.
      return undefined;
    }
  }
  return undefined;
};

export const readCookie = async ({ request, name }: { request?: Request | undefined; name: string }) =>
  request ? fromHeader(request.headers.get('cookie'), name) : (await cookies()).get(name)?.value;
