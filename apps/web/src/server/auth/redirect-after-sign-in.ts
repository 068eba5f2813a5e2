// next-auth's `redirect` callback. The session cookie is SameSite=Strict, and the OIDC callback is a
// navigation that started at the identity provider: a cross-site redirect chain, on whose last request
// Chromium does not send a Strict cookie, so the page the user asked for would render signed out.
// Every sign-in therefore ends on /login/continue (which needs no session), and that page navigates
// to the target itself: a same-site navigation, which carries the cookie.
// Targets are next-auth's usual: same-origin URLs or paths, anything else becomes the dashboard's root.
import { parseSameSitePath } from '../../lib/parse-same-site-path.ts';

export const CONTINUE_PATH = '/login/continue';

export const redirectAfterSignIn = ({ url, baseUrl }: { url: string; baseUrl: string }): string => {
  const base = new URL(baseUrl);
  let target: URL;
  try {
    target = new URL(url, base);
  } catch {
    target = base;
  }
  if (target.origin !== base.origin) target = base;
  // Already routed (next-auth calls this again with the stored callback URL at the callback).
  if (target.pathname === CONTINUE_PATH) return target.toString();
  const to = parseSameSitePath(`${target.pathname}${target.search}${target.hash}`) ?? '/';
  return new URL(`${CONTINUE_PATH}?${new URLSearchParams({ to }).toString()}`, base).toString();
};
