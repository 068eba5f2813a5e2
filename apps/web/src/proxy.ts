// Runs before every request (no matcher: pages, API, errors, static files):
//   1. the browser-write check (CSRF) on every state-changing request, unless the route is one a
//      browser's cookies cannot authorise (server/security/is-exempt-from-origin-check.ts);
//   2. a fresh CSP nonce, handed to Next.js in the request's Content-Security-Policy header, which is
//      where it reads the nonce to put on its own scripts (pages render per request for that);
//   3. the security headers on the response, refusals included.
// The route plumbing checks writes again where a session cookie is read (get-current-user.ts), so a
// matcher or exemption mistake here does not reopen the hole.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { httpStatusFor } from '@suture/core';
import { webSecurityEnv } from '@/server/env.ts';
import { buildSecurityHeaders } from '@/server/security/build-security-headers.ts';
import { checkBrowserWrite } from '@/server/security/check-browser-write.ts';
import { findDashboardOrigins, isHttpsDashboard } from '@/server/security/find-dashboard-origins.ts';
import { isExemptFromOriginCheck } from '@/server/security/is-exempt-from-origin-check.ts';

const withHeaders = (response: NextResponse, headers: Record<string, string>) => {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
};

export function proxy(request: NextRequest) {
  const env = webSecurityEnv();
  const dashboardOrigins = findDashboardOrigins({ env, headers: request.headers });
  const headers = buildSecurityHeaders({
    nonce: randomBytes(18).toString('base64'),
    https: isHttpsDashboard(dashboardOrigins),
    development: env.NODE_ENV === 'development',
  });
  const refusal = isExemptFromOriginCheck(request.nextUrl.pathname)
    ? undefined
    : checkBrowserWrite({ method: request.method, headers: request.headers, dashboardOrigins });
  if (refusal)
    return withHeaders(
      NextResponse.json(
        { error: refusal.code, message: refusal.message },
        { status: httpStatusFor(refusal.code), headers: { 'cache-control': 'no-store' } },
      ),
      headers,
    );
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', headers['content-security-policy']!);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}
