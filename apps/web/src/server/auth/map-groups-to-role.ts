// Identity-provider groups to a Suture role: every mapped group counts and the highest role wins;
// unmapped groups are ignored. Pure, so it is unit-tested without a provider.
import type { Role } from '@suture/db';
import { highestRole } from './compare-roles.ts';

export type RoleMapping = Readonly<Record<string, Role>>;

/** Used when OIDC_ROLE_MAPPING is unset: groups named like the roles. */
export const defaultRoleMapping: RoleMapping = {
  owner: 'owner',
  admin: 'admin',
  approver: 'approver',
  viewer: 'viewer',
};

export type MapGroupsToRoleOptions = { groups: unknown; mapping: RoleMapping };

/** Accepts the raw claim: an array of names, a single name, or anything else (no role). */
export const mapGroupsToRole = ({ groups, mapping }: MapGroupsToRoleOptions): Role | null => {
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  const roles = names
    .filter((name): name is string => typeof name === 'string')
    .map((name) => (Object.hasOwn(mapping, name) ? mapping[name] : undefined))
    .filter((role): role is Role => role !== undefined);
  return highestRole(roles);
};
