// The authorization decision alone (no session, no database), so its ordering is unit-tested.
import { AppError } from '@suture/core';
import type { Role } from '@suture/db';
import { isRoleAtLeast } from './compare-roles.ts';

export type AccessMembership = { organizationId: string; organizationSlug: string; role: Role };

export type DecideAccessOptions = {
  /** Null when there is no valid session. */
  memberships: readonly AccessMembership[] | null;
  minimum: Role;
  /** Which organisation; by default the one with `defaultOrganizationSlug`. */
  organizationId?: string;
  defaultOrganizationSlug: string;
};

/** Returns the membership that grants access; throws UNAUTHORIZED (401) or FORBIDDEN (403). */
export const decideAccess = ({
  memberships,
  minimum,
  organizationId,
  defaultOrganizationSlug,
}: DecideAccessOptions): AccessMembership => {
  if (memberships === null) throw new AppError('UNAUTHORIZED', 'sign in first');
  const membership = memberships.find((m) =>
    organizationId ? m.organizationId === organizationId : m.organizationSlug === defaultOrganizationSlug,
  );
  if (!membership) throw new AppError('FORBIDDEN', 'not a member of this organization');
  if (!isRoleAtLeast({ role: membership.role, minimum }))
    throw new AppError('FORBIDDEN', `requires the ${minimum} role or higher; you are ${membership.role}`);
  return membership;
};
