// next-auth's endpoints (sign-in, callback, session, csrf, sign-out) in the App Router.
import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { buildAuthOptions } from '@/server/auth/build-auth-options.ts';
import { webSecurityEnv } from '@/server/env.ts';
import { errorResponse } from '@/server/http-errors.ts';
import { findDashboardOrigins, isHttpsDashboard } from '@/server/security/find-dashboard-origins.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ nextauth: string[] }> };

const handle = async (request: NextRequest, context: Context): Promise<Response> => {
  let options;
  try {
    // Secure cookies exactly when the dashboard is https, judged as the origin check judges it.
    const origins = findDashboardOrigins({ env: webSecurityEnv(), headers: request.headers });
    options = buildAuthOptions({ secureCookies: isHttpsDashboard(origins) });
  } catch (error) {
    return errorResponse(error);
  }
  // NextAuth's App Router handler takes (request, { params }); its types still describe pages routes.
  const handler = NextAuth(options) as unknown as (
    request: NextRequest,
    context: Context,
  ) => Promise<Response>;
  return handler(request, context);
};

export { handle as GET, handle as POST };
