// The browser-write check where a session cookie is turned into a user: a cookie never authorises a
// state-changing request that does not prove it comes from the dashboard's own pages, whatever route
// it reaches and whether or not the proxy ran for it.
import 'server-only';
import { webSecurityEnv } from '../env.ts';
import { checkBrowserWrite } from './check-browser-write.ts';
import { findDashboardOrigins } from './find-dashboard-origins.ts';

/** Throws the refusal (403 FORBIDDEN, 415 UNSUPPORTED_MEDIA_TYPE); safe methods always pass. */
export const requireSameOriginWrite = ({ request }: { request: Request }) => {
  const refusal = checkBrowserWrite({
    method: request.method,
    headers: request.headers,
    dashboardOrigins: findDashboardOrigins({ env: webSecurityEnv(), headers: request.headers }),
  });
  if (refusal) throw refusal;
};
