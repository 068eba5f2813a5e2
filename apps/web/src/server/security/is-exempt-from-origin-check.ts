// The only writes the proxy lets through without the browser-write check: routes a browser's ambient
// credentials cannot authorise, because they take something a page on another origin cannot attach.
// Exact paths only, so a new route is checked unless it is added here on purpose; a machine route
// missing from this list fails closed (403 for its non-browser clients), never open.
const EXEMPT: readonly RegExp[] = [
  // next-auth's own endpoints: form posts (not JSON) guarded by its double-submit CSRF token and the
  // OAuth state/PKCE checks. /api/auth/me is ours and not listed.
  /^\/api\/auth\/(signin|callback|signout|session|_log)(\/[^/]+)?$/,
  // GitHub deliveries: HMAC signature over the body.
  /^\/api\/github\/webhooks$/,
  // Machine API: Authorization: Bearer SUTURE_API_TOKEN (api-auth.ts).
  /^\/api\/ingest$/,
  /^\/api\/github\/deliveries\/[^/]+\/replay$/,
];

export const isExemptFromOriginCheck = (pathname: string) => EXEMPT.some((route) => route.test(pathname));
