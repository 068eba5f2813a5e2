// The signed-in user and their roles (401 without a session; ?minimum=<role> also requires that role).
export { GET } from '../auth/me/route.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
