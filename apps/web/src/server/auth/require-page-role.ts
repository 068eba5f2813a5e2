// Pages authorize on the server like API routes: no session redirects to /login (and back after), a
// role below `minimum` renders the page's access-denied state instead of its data.
import 'server-only';
import { redirect } from 'next/navigation';
import { isAppError } from '@suture/core';
import type { Role } from '@suture/db';
import { requireOrgRole, type OrgScope } from './require-org-role.ts';

export type PageAccess = { ok: true; scope: OrgScope } | { ok: false; message: string };

export const requirePageRole = async ({
  minimum,
  path,
  orgSlug,
}: {
  minimum: Role;
  path: string;
  orgSlug?: string | null;
}): Promise<PageAccess> => {
  try {
    return { ok: true, scope: await requireOrgRole({ minimum, orgSlug: orgSlug ?? null }) };
  } catch (error) {
    if (isAppError(error) && error.code === 'UNAUTHORIZED')
      redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
    if (isAppError(error) && error.code === 'FORBIDDEN') return { ok: false, message: error.message };
    throw error;
  }
};
