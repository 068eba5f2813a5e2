// "Same origin" for browser writes: the origin next-auth builds its own URLs from, so the origin check
// and sign-in never disagree about where the dashboard is.
//   1. NEXTAUTH_URL set: its origin, and nothing else (production; `npm start` sets it).
//   2. AUTH_TRUST_HOST=true|1: what next-auth 4 reads then, the first X-Forwarded-Host (else Host) and
//      X-Forwarded-Proto (`http`, anything else is https), for a dashboard behind a reverse proxy.
//   3. Neither: the Host header the browser sent, on either scheme. A page cannot make a browser lie
//      about Host or Origin, so this still tells the dashboard's own pages from any other origin.
// No Host at all gives no origin, and every write is refused.
import type { WebSecurityEnv } from '../env.ts';

export type OriginEnv = Pick<WebSecurityEnv, 'NEXTAUTH_URL' | 'AUTH_TRUST_HOST'>;

const first = (value: string | null) => value?.split(',')[0]?.trim() || undefined;

export const findDashboardOrigins = ({ env, headers }: { env: OriginEnv; headers: Headers }): string[] => {
  if (env.NEXTAUTH_URL) return [new URL(env.NEXTAUTH_URL).origin];
  const host = first(headers.get('host'));
  if (env.AUTH_TRUST_HOST === 'true' || env.AUTH_TRUST_HOST === '1') {
    const forwardedHost = first(headers.get('x-forwarded-host')) ?? host;
    const scheme = first(headers.get('x-forwarded-proto')) === 'http' ? 'http' : 'https';
    return forwardedHost ? [`${scheme}://${forwardedHost.toLowerCase()}`] : [];
  }
  return host ? [`http://${host.toLowerCase()}`, `https://${host.toLowerCase()}`] : [];
};

/** Served over https: every origin the dashboard answers as is https (secure cookies, HSTS). */
export const isHttpsDashboard = (origins: string[]) =>
  origins.length > 0 && origins.every((origin) => origin.startsWith('https:'));
