// The real authorization-code login as a browser performs it, over HTTP with manual redirects:
// next-auth csrf -> POST /api/auth/signin/oidc -> the provider's authorize endpoint -> its login form ->
// back to /api/auth/callback/oidc, which sets the session cookie.
import { expect } from 'vitest';
import { createCookieJar, type CookieJar } from './cookie-jar.ts';

export type LogInWithOidcOptions = { baseUrl: string; email: string; password: string };
export type LogInResult = {
  jar: CookieJar;
  sessionToken: string | undefined;
  /** The provider's authorization URL next-auth redirected to. */
  authorizeUrl: string;
  /** The login form as first served, and the last response (status and body) where the flow stopped. */
  loginPage: string;
  finalUrl: string;
  finalStatus: number;
  finalBody: string;
};

const MAX_HOPS = 20;

const request = async (jar: CookieJar, url: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  const cookie = jar.header(url);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(url, { ...init, headers, redirect: 'manual' });
  jar.store(url, response);
  return response;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** Follows redirects; on the provider's login form, submits the credentials once. */
export const logInWithOidc = async ({
  baseUrl,
  email,
  password,
}: LogInWithOidcOptions): Promise<LogInResult> => {
  const jar = createCookieJar();
  const csrf = await request(jar, `${baseUrl}/api/auth/csrf`);
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  let url = `${baseUrl}/api/auth/signin/oidc`;
  let response = await request(jar, url, form({ csrfToken, callbackUrl: `${baseUrl}/` }));
  const authorizeUrl = response.headers.get('location') ?? '';
  let loginPage = '';
  let finalBody = '';
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      response = await request(jar, url);
      continue;
    }
    const html = await response.text();
    finalBody = html;
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (response.status !== 200 || !action || loginPage) break;
    loginPage = html;
    url = new URL(action.replace(/&amp;/g, '&'), url).toString();
    response = await request(jar, url, form({ email, password }));
  }
  return {
    jar,
    sessionToken: jar.get(baseUrl, 'next-auth.session-token'),
    authorizeUrl,
    loginPage,
    finalUrl: url,
    finalStatus: response.status,
    finalBody,
  };
};
