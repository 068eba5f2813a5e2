// Role ordering, framework-free so it is unit-tested on its own: viewer < approver < admin < owner.
import type { Role } from '@suture/db';

export const rolesAscending = ['viewer', 'approver', 'admin', 'owner'] as const satisfies readonly Role[];

export const roleRank = (role: Role) => rolesAscending.indexOf(role);

export const isRoleAtLeast = ({ role, minimum }: { role: Role; minimum: Role }) =>
  roleRank(role) >= roleRank(minimum);

/** The highest of several roles, or null for none. */
export const highestRole = (roles: readonly Role[]): Role | null =>
  roles.reduce<Role | null>(
    (best, role) => (best === null || roleRank(role) > roleRank(best) ? role : best),
    null,
  );
