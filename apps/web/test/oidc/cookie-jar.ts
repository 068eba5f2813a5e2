// A minimal browser cookie store for HTTP-level login tests: per origin, by name. Paths and attributes
// are ignored (names do not collide between next-auth and oidc-provider), expiry deletes.
export type CookieJar = {
  header: (url: string) => string;
  store: (url: string, response: Response) => void;
  get: (url: string, name: string) => string | undefined;
};

export const createCookieJar = (): CookieJar => {
  const byOrigin = new Map<string, Map<string, string>>();
  const cookiesFor = (url: string) => {
    const origin = new URL(url).origin;
    let cookies = byOrigin.get(origin);
    if (!cookies) {
      cookies = new Map<string, string>();
      byOrigin.set(origin, cookies);
    }
    return cookies;
  };
  return {
    header: (url) => [...cookiesFor(url)].map(([name, value]) => `${name}=${value}`).join('; '),
    store: (url, response) => {
      const cookies = cookiesFor(url);
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';');
        const index = pair.indexOf('=');
        const name = pair.slice(0, index).trim();
        const value = pair.slice(index + 1).trim();
        const expired = attributes.some((attribute) => {
          const [key = '', raw = ''] = attribute.split('=').map((part) => part.trim());
          if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
          if (key.toLowerCase() === 'expires') return new Date(raw).getTime() <= Date.now();
          return false;
        });
        if (expired || value === '') cookies.delete(name);
        else cookies.set(name, value);
      }
    },
    get: (url, name) => cookiesFor(url).get(name),
  };
};
