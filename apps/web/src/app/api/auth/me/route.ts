// The signed-in user and their roles: the example of a route that authorizes on the server.
// `?minimum=<role>` also requires that role in the default organisation (403 below it).
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { rolesAscending } from '@/server/auth/compare-roles.ts';
import { getCurrentUser } from '@/server/auth/get-current-user.ts';
import { requireRole } from '@/server/auth/require-role.ts';
import { errorResponse } from '@/server/http-errors.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const Query = z.object({ minimum: z.enum(rolesAscending).optional() });

export async function GET(request: Request) {
  try {
    const query = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success)
      throw new AppError('BAD_INPUT', `minimum must be one of ${rolesAscending.join(', ')}`);
    const { minimum } = query.data;
    const user = minimum ? (await requireRole({ request, minimum })).user : await getCurrentUser({ request });
    if (!user) throw new AppError('UNAUTHORIZED', 'sign in first');
    return NextResponse.json({
      user: { id: user.id, email: user.email, name: user.name },
      memberships: user.memberships,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
