// The CSRF rule for every state-changing request a session cookie could authorise: it must prove it
// comes from the dashboard's own pages, and carry a JSON body.
// - Origin, when sent, must be one of the dashboard's origins (find-dashboard-origins.ts). Browsers send
//   it on every POST/PUT/PATCH/DELETE, from forms and from no-cors fetches alike.
// - Sec-Fetch-Site, when sent, must be `same-origin`; without Origin it is the only accepted proof.
//   Neither header: refused, since nothing shows the request is not a forgery.
// - Content-Type must be application/json: what a cross-origin page can send without a CORS preflight
//   (text/plain, forms) never passes, even if an origin check were misconfigured.
// SameSite cookies do not do this: a page on another port of the same host is the same *site*.
import { AppError } from '@suture/core';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

const shown = (value: string) => JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);

export type CheckBrowserWriteOptions = { method: string; headers: Headers; dashboardOrigins: string[] };

/** The refusal (403 FORBIDDEN or 415 UNSUPPORTED_MEDIA_TYPE), or undefined when the request may go on. */
export const checkBrowserWrite = ({
  method,
  headers,
  dashboardOrigins,
}: CheckBrowserWriteOptions): AppError | undefined => {
  if (!isStateChanging(method)) return undefined;
  if (dashboardOrigins.length === 0)
    return new AppError(
      'FORBIDDEN',
      "cross-origin request refused: the dashboard's origin is unknown (no Host header); set NEXTAUTH_URL",
    );
  const origin = headers.get('origin');
  const fetchSite = headers.get('sec-fetch-site');
  const expected = dashboardOrigins.join(' or ');
  if (origin !== null && !dashboardOrigins.includes(origin.toLowerCase()))
    return new AppError(
      'FORBIDDEN',
      `cross-origin request refused: Origin ${shown(origin)} is not the dashboard's origin (${expected})`,
    );
  if (fetchSite !== null && fetchSite.toLowerCase() !== 'same-origin')
    return new AppError(
      'FORBIDDEN',
      `cross-origin request refused: Sec-Fetch-Site is ${shown(fetchSite)}, not same-origin`,
    );
  if (origin === null && fetchSite === null)
    return new AppError(
      'FORBIDDEN',
      `cross-origin request refused: a state-changing request needs an Origin header of ${expected} (or Sec-Fetch-Site: same-origin)`,
    );
  const mediaType = (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json')
    return new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `the body must be JSON: send Content-Type: application/json (got ${mediaType ? shown(mediaType) : 'none'})`,
    );
  return undefined;
};
